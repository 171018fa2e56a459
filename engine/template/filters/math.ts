import { pyStr } from '../python';
import { FilterFn } from '../scope';
import { FilterError, TemplateRuntimeError, float, isNumber, num, truthy, typeName } from '../values';

/** Ansible's math filters: logarithms, powers and roots, and sizes for humans. */

/** A real number as Python's math module takes it (bool counts); anything else is the TypeError Ansible reports. */
function real(v: unknown, filter: string): number {
  if (isNumber(v) || typeof v === 'boolean') return num(v);
  throw new TemplateRuntimeError(`${filter}() can only be used on numbers: must be real number, not ${typeName(v)}`);
}

const SIZE_LIMITS: [string, number][] = ['Y', 'Z', 'E', 'P', 'T', 'G', 'M', 'K', 'B'].map((s, i) => [s, 1024 ** (8 - i)]);

/** As Ansible's bytes_to_human: the largest unit the size reaches (or the one asked for), two decimals. */
function humanReadable(v: unknown, isbits: unknown, unit: unknown): string {
  const wanted = unit === undefined || unit === null ? undefined : pyStr(unit).toUpperCase();
  if (!isNumber(v) && typeof v !== 'boolean') {
    const why = wanted === undefined ? `'>=' not supported between instances of '${typeName(v)}' and 'int'` : `unsupported operand type(s) for /: '${typeName(v)}' and 'int'`;
    throw new TemplateRuntimeError(`human_readable() failed on bad input: ${why}`);
  }
  const size = num(v);
  const base = truthy(isbits ?? false) ? 'bits' : 'Bytes';
  const [suffix, limit] = SIZE_LIMITS.find(([s, l]) => (wanted === undefined ? size >= l : wanted[0] === s)) ?? SIZE_LIMITS[SIZE_LIMITS.length - 1];
  return `${(size / limit).toFixed(2)} ${limit === 1 ? base : suffix + base[0]}`;
}

function humanToBytes(v: unknown, defaultUnit: unknown, isbits: unknown): number {
  const s = pyStr(v).trim();
  const m = /^(\d+(?:\.\d*)?)\s*([KMGTPEZY]?)(i?)([Bb]?)(?:ytes?|its?)?$/i.exec(s);
  if (!m) throw new FilterError(`human_to_bytes() can't interpret following string: ${s}`);
  const unit = (m[2] || (defaultUnit ? String(defaultUnit)[0] : '')).toUpperCase();
  const power = 'BKMGTPEZY'.indexOf(unit || 'B');
  const bits = truthy(isbits ?? false);
  return Math.round(Number(m[1]) * 1024 ** Math.max(power, 0) * (bits && m[4] === 'B' ? 8 : 1));
}

export const mathFilters: Record<string, FilterFn> = {
  human_readable: (v, [isbits, unit], kw) => humanReadable(v, isbits ?? kw.isbits, unit ?? kw.unit),
  human_to_bytes: (v, [dflt, isbits], kw) => humanToBytes(v, dflt ?? kw.default_unit, isbits ?? kw.isbits),
  log: (v, [base]) => {
    const x = real(v, 'log');
    return float(base === undefined ? Math.log(x) : Math.log(x) / Math.log(real(base, 'log')));
  },
  pow: (v, [e]) => float(real(v, 'pow') ** real(e, 'pow')),
  root: (v, [base]) => {
    const x = real(v, 'root');
    return float(base === undefined || real(base, 'root') === 2 ? Math.sqrt(x) : x ** (1 / real(base, 'root')));
  },
};
