import { Origin, TsibleError } from '../../errors';
import { parseKv } from '../../playbook/kv-args';
import { pyStr } from '../python';
import { CallContext } from '../scope';

/**
 * `sequence` (and `with_sequence`): `start=1 end=10 stride=2 format=web%02d`, `count=4`, or the short
 * `[start-]end[/stride][:format]`. Bad arguments fail where the lookup runs, in Ansible's words.
 */

const NUM = '(0?x?[0-9a-f]+)';
const SHORTCUT = new RegExp(`^(${NUM}-)?${NUM}(/${NUM})?(:(.+))?$`, 'i');

interface Spec {
  start: number;
  end?: number;
  count?: number;
  stride: number;
  format: string;
}

/** Python's int(text, 0): 0x/0o/0b prefixes, no leading zeros on decimals, underscores between digits. */
function pyInt0(text: string): number | undefined {
  const m = /^\s*([+-]?)(0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|[1-9](?:_?\d)*|0(?:_?0)*)\s*$/.exec(text);
  if (!m) return undefined;
  const body = m[2].replace(/_/g, '');
  const n = /^0[xob]/i.test(body) ? Number(body.toLowerCase()) : Number(body);
  return m[1] === '-' ? -n : n;
}

function parseInt0(name: string, raw: string, origin: Origin | undefined): number {
  const n = pyInt0(raw);
  if (n === undefined) throw new TsibleError(`can't parse ${name}=${raw} as integer`, { origin });
  return n;
}

function parseTerm(term: string, origin: Origin | undefined): Spec {
  const spec: Spec = { start: 1, stride: 1, format: '%d' };
  const short = SHORTCUT.exec(term);
  if (short) {
    if (short[2] !== undefined) spec.start = parseInt0('start', short[2], origin);
    spec.end = parseInt0('end', short[3], origin);
    if (short[5] !== undefined) spec.stride = parseInt0('stride', short[5], origin);
    if (short[7] !== undefined) spec.format = short[7];
    return spec;
  }
  const args: Record<string, string> = parseKv(term);
  for (const name of ['start', 'end', 'count', 'stride'] as const) {
    if (args[name] === undefined) continue;
    spec[name] = parseInt0(name, args[name], origin);
    delete args[name];
  }
  if (args.format !== undefined) spec.format = args.format;
  delete args.format;
  const unknown = Object.keys(args);
  if (unknown.length) throw new TsibleError(`unrecognized arguments to with_sequence: [${unknown.map((k) => `'${k}'`).join(', ')}]`, { origin });
  return spec;
}

/** Python's `format % n` for one integer conversion; undefined where Python would refuse. */
function formatInt(format: string, n: number): string | undefined {
  const m = /^([^%]*)%([-+ 0#]*)(\d*)(?:\.(\d+))?([diouxXs])([^%]*)$/.exec(format);
  if (!m) return undefined;
  const [, before, flags, width, precision, conv, after] = m;
  const base = conv === 'x' || conv === 'X' ? 16 : conv === 'o' ? 8 : 10;
  let digits = Math.abs(n).toString(base);
  if (conv === 'X') digits = digits.toUpperCase();
  if (precision !== undefined && conv !== 's') digits = digits.padStart(Number(precision), '0');
  if (flags.includes('#') && base !== 10) digits = (conv === 'o' ? '0o' : conv === 'X' ? '0X' : '0x') + digits;
  const sign = n < 0 ? '-' : flags.includes('+') && conv !== 's' ? '+' : flags.includes(' ') && conv !== 's' ? ' ' : '';
  let text = sign + digits;
  if (conv === 's' && precision !== undefined) text = text.slice(0, Number(precision));
  const w = Number(width || 0);
  if (flags.includes('-')) text = text.padEnd(w, ' ');
  else if (flags.includes('0') && conv !== 's') text = sign + digits.padStart(w - sign.length, '0');
  else text = text.padStart(w, ' ');
  return before + text + after;
}

/** The numbers one term asks for, formatted. */
export function sequenceOf(term: string, origin: Origin | undefined): string[] {
  const spec = parseTerm(term, origin);
  if (spec.count === undefined && spec.end === undefined) throw new TsibleError('must specify count or end in with_sequence', { origin });
  if (spec.count !== undefined && spec.end !== undefined) throw new TsibleError("can't specify both count and end in with_sequence", { origin });
  let { start, stride } = spec;
  let end: number;
  if (spec.count === undefined) end = spec.end!;
  else if (spec.count !== 0) end = start + spec.count * stride - 1;
  else [start, end, stride] = [0, 0, 0];
  if (stride > 0 && end < start) throw new TsibleError('to count backwards make stride negative', { origin });
  if (stride < 0 && end > start) throw new TsibleError("to count forward don't make stride negative", { origin });
  if (spec.format.split('%').length !== 2) throw new TsibleError(`bad formatting string: ${spec.format}`, { origin });
  if (stride === 0) return [];
  const out: string[] = [];
  for (let i = start; stride > 0 ? i <= end : i >= end; i += stride) {
    const text = formatInt(spec.format, i);
    if (text === undefined) throw new TsibleError(`problem formatting ${i} with '${spec.format}'`, { origin });
    out.push(text);
  }
  return out;
}

/** `lookup('sequence', …)`: like Ansible 2.14, only the terms count (keyword arguments are not read). */
export function sequenceLookup(terms: unknown[], _kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  return terms.flatMap((t) => sequenceOf(pyStr(t), ctx.opts.origin));
}
