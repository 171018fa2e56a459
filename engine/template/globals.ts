import { randomBytes } from 'crypto';
import { PyDateTime } from './datetime';
import { runLookup } from './lookups';
import { asTemplateLookupError } from './lookups/lookup-failure';
import { pyIter, pyStr } from './python';
import { namespaces } from './render';
import { CallContext } from './scope';
import { PyCallable, PyDict, TemplateRuntimeError, Undefined, isDict, num } from './values';
import { setOwn } from './own-keys';

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
  if (isDict(src)) for (const k of Object.keys(src)) setOwn(out, k, src[k]);
  else if (src !== undefined) for (const pair of pyIter(src)) { const [k, v] = pyIter(pair); setOwn(out, pyStr(k), v); }
  for (const k of Object.keys(kwargs)) setOwn(out, k, kwargs[k]);
  return out;
}

/** Ansible's `now(utc=False, fmt=None)`: a datetime, or its strftime text when fmt is given. */
function now(args: unknown[], kwargs: PyDict): unknown {
  const [utc = kwargs.utc, fmt = kwargs.fmt] = args;
  const d = new PyDateTime(new Date(), utc === true);
  return fmt === undefined || fmt === null ? d : d.strftime(pyStr(fmt));
}

/** Global functions and values every template sees (unless a variable of the same name hides them). */
export function makeGlobals(ctx: CallContext): Record<string, unknown> {
  const call = (name: unknown, terms: unknown[], kwargs: PyDict, wantlist: boolean): unknown => {
    try {
      return runLookup(pyStr(name), terms, kwargs, ctx, wantlist);
    } catch (e) {
      throw asTemplateLookupError(pyStr(name), e);
    }
  };
  const lookup: PyCallable = ([name, ...terms], kwargs) => call(name, terms, kwargs, false);
  const query: PyCallable = ([name, ...terms], kwargs) => call(name, terms, kwargs, true);
  const globals: Record<string, PyCallable | string> = {
    dict: pyDict,
    lookup,
    namespace: (args, kwargs) => {
      const ns = pyDict(args, kwargs);
      namespaces.add(ns);
      return ns;
    },
    now: (args, kwargs) => now(args, kwargs),
    omit: OMIT,
    q: query,
    query,
    range: (args) => range(args),
    undef: ([hint]) => new Undefined(hint === undefined ? 'Mandatory variable has not been overridden' : pyStr(hint)),
  };
  return globals;
}
