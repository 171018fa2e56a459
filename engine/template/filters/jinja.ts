import { pyBinary, pyCompare, pyEq, pyLen, pyRepr, pyStr, toInt } from '../python';
import { checkText } from '../limits';
import { percentFormat } from '../str-format';
import { FilterFn } from '../scope';
import { center } from '../string-methods';
import { FilterError, LenientUndefined, PyFloat, TemplateRuntimeError, Undefined, float, isDict, isFloat, isNumber, isTuple, num, plain, truthy, tuple, typeName } from '../values';
import { asList, attrPath, intArg, sortValues, uniqueValues } from './helpers';

/** Jinja2's built-in filters, with Jinja2 3.1's behaviour. */

/** Jinja2's url_quote: UTF-8 percent-encoding of all but letters, digits, `_.-~` (and `/` outside a query string, where a space is `+`). */
function urlQuote(v: unknown, forQuery: boolean): string {
  const quoted = encodeURIComponent(pyStr(v)).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return forQuery ? quoted.replace(/%20/g, '+') : quoted.replace(/%2F/g, '/');
}

/** Python's hash() refuses lists and dicts (tuples hash when what they hold does). */
function unhashable(v: unknown): unknown {
  if (isDict(v) || (Array.isArray(v) && !isTuple(v))) return v;
  return Array.isArray(v) ? v.find((x) => unhashable(x) !== undefined) : undefined;
}

/**
 * Ansible's `unique`: Jinja2's (case-insensitive unless asked, by attribute if given), and where an
 * item cannot be hashed, Ansible's own fallback by plain equality, which refuses both options.
 */
function unique(v: unknown, caseSensitive: unknown, attribute: unknown): unknown[] {
  const items = asList(v);
  const keyOf = (x: unknown): unknown => {
    const k = attribute === undefined || attribute === null ? x : attrPath(x, attribute);
    return !truthy(caseSensitive ?? false) && typeof k === 'string' ? k.toLowerCase() : k;
  };
  const keys = items.map(keyOf);
  const bad = keys.map(unhashable).find((k) => k !== undefined);
  if (bad === undefined) return items.filter((_x, i) => !keys.slice(0, i).some((k) => pyEq(k, keys[i])));
  if (caseSensitive === false || truthy(attribute ?? false)) {
    throw new FilterError(`Jinja2's unique filter failed and we cannot fall back to Ansible's version as it does not support the parameters supplied. unhashable type: '${typeName(bad)}'`);
  }
  return uniqueValues(items);
}

function toInteger(value: unknown, dflt: unknown, base: unknown): unknown {
  const b = intArg(base, 10);
  const fallback = dflt === undefined ? 0 : dflt;
  if (isNumber(value) || typeof value === 'boolean') return toInt(value);
  const s = pyStr(value).trim().replace(/_/g, '');
  if (b === 10) {
    if (/^[-+]?\d+$/.test(s)) return parseInt(s, 10);
    if (/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(s)) return Math.trunc(Number(s));
    return fallback;
  }
  const body = s.replace(/^0[xob]/i, '');
  const n = parseInt(body, b);
  return Number.isNaN(n) ? fallback : n;
}

/** Python's float() of a value, or `dflt` when it has none. */
export function toFloat(value: unknown, dflt: unknown): unknown {
  if (isNumber(value) || typeof value === 'boolean') return float(num(value));
  const s = pyStr(value).trim().toLowerCase();
  if (/^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/.test(s)) return float(Number(s));
  if (/^[-+]?(inf|infinity|nan)$/.test(s)) return s.includes('nan') ? NaN : s.startsWith('-') ? -Infinity : Infinity;
  return dflt === undefined ? new PyFloat(0) : dflt;
}

/** Python's round(x, p): by the float's exact decimal value, exact halves to the even neighbour. */
function pyRound(x: number, p: number): number {
  if (p < 0 || p > 40) return Math.round(x * 10 ** p) / 10 ** p;
  // toFixed is exact, so the digits past p tell whether x is exactly halfway.
  const exact = Math.abs(x).toFixed(p + 60);
  const dot = exact.indexOf('.');
  if (!/^50*$/.test(exact.slice(dot + 1 + p))) return Number(x.toFixed(p));
  const kept = BigInt(exact.slice(0, dot) + exact.slice(dot + 1, dot + 1 + p));
  const even = kept % 2n === 0n ? kept : kept + 1n;
  return (x < 0 ? -1 : 1) * Number(even) / 10 ** p;
}

/** Jinja2's round: 'common' is Python's round (an int stays an int); ceil/floor give floats. */
function round(value: unknown, precision: unknown, method: unknown): unknown {
  const p = intArg(precision, 0);
  const m = method === undefined ? 'common' : String(method);
  if (m === 'common') return isFloat(value) ? float(pyRound(num(value), p)) : value;
  const f = 10 ** p;
  if (m !== 'ceil' && m !== 'floor') throw new TemplateRuntimeError('method must be common, ceil or floor');
  return float((m === 'ceil' ? Math.ceil(num(value) * f) : Math.floor(num(value) * f)) / f);
}

function indent(value: unknown, width: unknown, first: unknown, blank: unknown): string {
  const pad = typeof width === 'string' ? width : ' '.repeat(intArg(width, 4));
  const lines = pyStr(value).split('\n');
  return lines
    .map((l, i) => ((i === 0 && !truthy(first ?? false)) || (l === '' && !truthy(blank ?? false)) ? l : pad + l))
    .join('\n');
}

function wordwrap(value: unknown, width: unknown, breakLong: unknown, wrapstring: unknown): string {
  const w = intArg(width, 79);
  const sep = wrapstring === undefined || wrapstring === null ? '\n' : String(wrapstring);
  return pyStr(value).split(/\r?\n/).map((para) => {
    const lines: string[] = [];
    let line = '';
    for (let word of para.split(/\s+/).filter(Boolean)) {
      while (breakLong !== false && word.length > w) {
        if (line) { lines.push(line); line = ''; }
        lines.push(word.slice(0, w));
        word = word.slice(w);
      }
      if (line && line.length + 1 + word.length > w) { lines.push(line); line = word; }
      else line = line ? line + ' ' + word : word;
    }
    if (line) lines.push(line);
    return lines.join(sep);
  }).join(sep);
}

function truncate(value: unknown, length: unknown, killwords: unknown, end: unknown, leeway: unknown): string {
  const s = pyStr(value);
  const len = intArg(length, 255);
  const e = end === undefined ? '...' : String(end);
  if (s.length <= len + intArg(leeway, 5)) return s;
  if (truthy(killwords ?? false)) return s.slice(0, len - e.length) + e;
  const cut = s.slice(0, len - e.length);
  return cut.replace(/\s*\S*$/, '') + e;
}

function minMax(value: unknown, kwargs: Record<string, unknown>, sign: number): unknown {
  const items = asList(value);
  if (items.length === 0) return new Undefined('No aggregated item, sequence was empty.');
  const key = (v: unknown) => (kwargs.attribute !== undefined ? attrPath(v, kwargs.attribute) : v);
  const norm = (v: unknown) => { const k = plain(key(v)); return !truthy(kwargs.case_sensitive ?? false) && typeof k === 'string' ? k.toLowerCase() : k; };
  return items.reduce((best, v) => (pyCompare(norm(v), norm(best), '<') * sign < 0 ? v : best));
}

function dictsort(value: unknown, caseSensitive: unknown, by: unknown, reverse: unknown): unknown[] {
  if (!isDict(value)) throw new TemplateRuntimeError('You can only sort by either "key" or "value"');
  const pos = by === 'value' ? 1 : 0;
  return sortValues(Object.entries(value).map(tuple), (kv) => (kv as unknown[])[pos], truthy(reverse ?? false), truthy(caseSensitive ?? false));
}

export const jinjaFilters: Record<string, FilterFn> = {
  abs: (v) => (isFloat(v) ? float(Math.abs(num(v))) : Math.abs(num(v))),
  attr: (v, [name]) => attrPath(v, name),
  batch: (v, [n, fill]) => {
    const items = asList(v);
    const size = num(n);
    const out: unknown[][] = [];
    for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
    const last = out[out.length - 1];
    if (fill !== undefined && last) while (last.length < size) last.push(fill);
    return out;
  },
  capitalize: (v) => { const s = pyStr(v); return s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(); },
  center: (v, [w]) => center(pyStr(v), intArg(w, 80)),
  count: (v) => pyLen(v),
  default: (v, [dflt, boolean]) => (v instanceof Undefined || v instanceof LenientUndefined || (truthy(boolean ?? false) && !truthy(v)) ? (dflt === undefined ? '' : dflt) : v),
  dictsort: (v, [cs, by, rev], kw) => dictsort(v, cs ?? kw.case_sensitive, by ?? kw.by, rev ?? kw.reverse),
  escape: (v) => pyStr(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;'),
  first: (v) => { const items = asList(v); return items.length ? items[0] : new Undefined('No first item, sequence was empty.'); },
  float: (v, [dflt], kw) => toFloat(v, dflt ?? kw.default),
  format: (v, args, kw) => percentFormat(pyStr(v), Object.keys(kw).length ? kw : tuple(args)),
  int: (v, [dflt, base], kw) => toInteger(v, dflt ?? kw.default, base ?? kw.base),
  indent: (v, [w, first, blank], kw) => indent(v, w ?? kw.width, first ?? kw.first, blank ?? kw.blank),
  join: (v, [sep, attribute], kw) => {
    const attr = attribute ?? kw.attribute;
    const parts = asList(v).map((x) => pyStr(attr !== undefined ? attrPath(x, attr) : x));
    const glue = sep === undefined ? '' : pyStr(sep);
    checkText(parts.reduce((n, p) => n + p.length, glue.length * Math.max(0, parts.length - 1)), 'the joined string');
    return parts.join(glue);
  },
  last: (v) => { const items = asList(v); return items.length ? items[items.length - 1] : new Undefined('No last item, sequence was empty.'); },
  length: (v) => pyLen(v),
  list: (v) => [...asList(v)],
  lower: (v) => pyStr(v).toLowerCase(),
  max: (v, _a, kw) => minMax(v, kw, -1),
  min: (v, _a, kw) => minMax(v, kw, 1),
  pprint: (v) => pyRepr(v),
  replace: (v, [a, b, count]) => {
    let n = count === undefined || count === null ? Infinity : num(count);
    return pyStr(v).split(pyStr(a)).reduce((acc, part, i) => (i === 0 ? part : acc + (n-- > 0 ? pyStr(b) : pyStr(a)) + part), '');
  },
  reverse: (v) => (typeof v === 'string' ? [...v].reverse().join('') : [...asList(v)].reverse()),
  round: (v, [p, m], kw) => round(v, p ?? kw.precision, m ?? kw.method),
  sort: (v, [rev, cs, attribute], kw) => {
    const attr = attribute ?? kw.attribute;
    const key = (x: unknown) => (attr === undefined || attr === null ? x : String(attr).includes(',') ? String(attr).split(',').map((a) => attrPath(x, a.trim())) : attrPath(x, attr));
    return sortValues(asList(v), key, truthy(rev ?? kw.reverse ?? false), truthy(cs ?? kw.case_sensitive ?? false));
  },
  string: (v) => pyStr(v),
  sum: (v, [attribute, start], kw) => {
    const attr = attribute ?? kw.attribute;
    const items = asList(v).map((x) => (attr !== undefined ? attrPath(x, attr) : x));
    return items.reduce((acc, x) => pyBinary('+', acc, x), start ?? kw.start ?? 0);
  },
  title: (v) => pyStr(v).replace(/[\w'’]+/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase()),
  trim: (v, [chars]) => {
    const s = pyStr(v);
    if (chars === undefined || chars === null) return s.trim();
    const set = pyStr(chars);
    let a = 0; let b = s.length;
    while (a < b && set.includes(s[a])) a++;
    while (b > a && set.includes(s[b - 1])) b--;
    return s.slice(a, b);
  },
  truncate: (v, [len, kill, end, leeway], kw) => truncate(v, len ?? kw.length, kill ?? kw.killwords, end ?? kw.end, leeway ?? kw.leeway),
  unique: (v, [cs, attribute], kw) => unique(v, cs ?? kw.case_sensitive, attribute ?? kw.attribute),
  upper: (v) => pyStr(v).toUpperCase(),
  urlencode: (v) => {
    if (typeof v === 'string' || (!Array.isArray(v) && !isDict(v))) return urlQuote(v, false);
    const pairs = isDict(v) ? Object.entries(v) : v.map((pair) => asList(pair));
    return pairs.map(([k, x]) => `${urlQuote(k, true)}=${urlQuote(x, true)}`).join('&');
  },
  wordcount: (v) => (pyStr(v).match(/\w+/g) ?? []).length,
  wordwrap: (v, [w, brk, wrap], kw) => wordwrap(v, w ?? kw.width, brk ?? kw.break_long_words, wrap ?? kw.wrapstring),
};
jinjaFilters.d = jinjaFilters.default;
jinjaFilters.e = jinjaFilters.escape;
