import { randomBytes } from 'crypto';
import { runLookup } from './lookups';
import { pyIter, pyStr } from './python';
import { namespaces } from './render';
import { CallContext } from './scope';
import { PyCallable, PyDict, TemplateRuntimeError, Undefined, isDict, num } from './values';

/**
 * The placeholder `omit` renders to, like Ansible's `__omit_place_holder__<random>`: an argument whose
 * templated value equals it is removed by the executor.
 */
export const OMIT = `__omit_place_holder__${randomBytes(20).toString('hex')}`;

function range(args: unknown[]): number[] {
  const [a, b, c] = args.map(num);
  const [start, stop, step] = args.length === 1 ? [0, a, 1] : [a, b, args.length > 2 ? c : 1];
  if (step === 0) throw new TemplateRuntimeError('range() arg 3 must not be zero');
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) {
    out.push(i);
    if (out.length > 100000) throw new TemplateRuntimeError('Range too big. The sandbox blocks ranges larger than MAX_RANGE (100000).');
  }
  return out;
}

function pyDict(args: unknown[], kwargs: PyDict): PyDict {
  const out: PyDict = {};
  const [src] = args;
  if (isDict(src)) Object.assign(out, src);
  else if (src !== undefined) for (const pair of pyIter(src)) { const [k, v] = pyIter(pair); out[pyStr(k)] = v; }
  return Object.assign(out, kwargs);
}

function now(kwargs: PyDict): unknown {
  const d = new Date();
  const fmt = kwargs.fmt;
  const utc = kwargs.utc === true;
  if (fmt === undefined) return (utc ? d.toISOString() : new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString()).replace('T', ' ').replace('Z', '');
  const pad = (n: number, w = 2) => String(n).padStart(w, '0');
  const get = (k: 'FullYear' | 'Month' | 'Date' | 'Hours' | 'Minutes' | 'Seconds') => (utc ? d[`getUTC${k}`]() : d[`get${k}`]());
  const codes: Record<string, string> = {
    Y: String(get('FullYear')), m: pad(get('Month') + 1), d: pad(get('Date')), H: pad(get('Hours')),
    M: pad(get('Minutes')), S: pad(get('Seconds')), s: String(Math.floor(d.getTime() / 1000)), '%': '%',
  };
  return pyStr(fmt).replace(/%(.)/g, (m, c: string) => codes[c] ?? m);
}

/** Global functions and values every template sees (unless a variable of the same name hides them). */
export function makeGlobals(ctx: CallContext): Record<string, unknown> {
  const lookup: PyCallable = ([name, ...terms], kwargs) => runLookup(pyStr(name), terms, kwargs, ctx, false);
  const query: PyCallable = ([name, ...terms], kwargs) => runLookup(pyStr(name), terms, kwargs, ctx, true);
  const globals: Record<string, PyCallable | string> = {
    dict: pyDict,
    lookup,
    namespace: (args, kwargs) => {
      const ns = pyDict(args, kwargs);
      namespaces.add(ns);
      return ns;
    },
    now: (_a, kwargs) => now(kwargs),
    omit: OMIT,
    q: query,
    query,
    range: (args) => range(args),
    undef: ([hint]) => new Undefined(hint === undefined ? 'Mandatory variable has not been overridden' : pyStr(hint)),
  };
  return globals;
}
