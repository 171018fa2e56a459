import { pyIter, pyStr } from './python';
import { PyCallable, TemplateRuntimeError, num } from './values';
import { formatString } from './str-format';

/** Python `str` methods that playbooks call on strings (`x.split(',')`, `x.startswith('a')`…). */

const WS = ' \t\n\r\x0b\x0c';

function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = chars === undefined || chars === null ? WS : String(chars);
  let a = 0;
  let b = s.length;
  while (left && a < b && set.includes(s[a])) a++;
  while (right && b > a && set.includes(s[b - 1])) b--;
  return s.slice(a, b);
}

function split(s: string, sep: unknown, maxsplit: unknown): string[] {
  const max = maxsplit === undefined || maxsplit === null ? -1 : num(maxsplit);
  if (sep === undefined || sep === null) {
    const parts = s.trim().split(/\s+/).filter(Boolean);
    if (max < 0 || parts.length <= max + 1) return parts;
    const head = parts.slice(0, max);
    let rest = s.trimStart();
    for (const h of head) rest = rest.slice(rest.indexOf(h) + h.length).trimStart();
    return [...head, rest];
  }
  const sepStr = String(sep);
  if (sepStr === '') throw new TemplateRuntimeError('empty separator');
  const parts = s.split(sepStr);
  if (max < 0 || parts.length <= max + 1) return parts;
  return [...parts.slice(0, max), parts.slice(max).join(sepStr)];
}

function title(s: string): string {
  return s.replace(/[A-Za-z]+('[A-Za-z]+)?/g, (w) => w[0].toUpperCase() + w.slice(1).toLowerCase());
}

function startsOrEnds(s: string, x: unknown, ends: boolean): boolean {
  const options = Array.isArray(x) ? x.map(String) : [String(x)];
  return options.some((o) => (ends ? s.endsWith(o) : s.startsWith(o)));
}

const METHODS: Record<string, (s: string, a: unknown[], kw: Record<string, unknown>) => unknown> = {
  split: (s, [sep, max], kw) => split(s, sep ?? kw.sep, max ?? kw.maxsplit),
  rsplit: (s, [sep, max]) => {
    if (max === undefined) return split(s, sep, -1);
    const rev = (x: string) => [...x].reverse().join('');
    return split(rev(s), sep === undefined || sep === null ? sep : rev(String(sep)), max).map(rev).reverse();
  },
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((l, i, a) => i < a.length - 1 || l !== ''),
  strip: (s, [c]) => stripChars(s, c, true, true),
  lstrip: (s, [c]) => stripChars(s, c, true, false),
  rstrip: (s, [c]) => stripChars(s, c, false, true),
  startswith: (s, [x]) => startsOrEnds(s, x, false),
  endswith: (s, [x]) => startsOrEnds(s, x, true),
  replace: (s, [a, b, count]) => {
    let n = count === undefined ? Infinity : num(count);
    return s.split(String(a)).reduce((acc, part, i) => (i === 0 ? part : acc + (n-- > 0 ? String(b) : String(a)) + part), '');
  },
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  title: (s) => title(s),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  format: (s, a, kw) => formatString(s, a, kw),
  join: (s, [items]) => pyIter(items).map(pyStr).join(s),
  find: (s, [x]) => s.indexOf(String(x)),
  rfind: (s, [x]) => s.lastIndexOf(String(x)),
  index: (s, [x]) => {
    const i = s.indexOf(String(x));
    if (i < 0) throw new TemplateRuntimeError('substring not found');
    return i;
  },
  count: (s, [x]) => (String(x) === '' ? s.length + 1 : s.split(String(x)).length - 1),
  isdigit: (s) => /^[0-9]+$/.test(s),
  isnumeric: (s) => /^[0-9]+$/.test(s),
  isalpha: (s) => /^[A-Za-z]+$/.test(s),
  isalnum: (s) => /^[A-Za-z0-9]+$/.test(s),
  isspace: (s) => /^\s+$/.test(s),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  zfill: (s, [w]) => (s.startsWith('-') ? '-' + s.slice(1).padStart(num(w) - 1, '0') : s.padStart(num(w), '0')),
  center: (s, [w, f]) => {
    const width = num(w);
    const fill = f === undefined ? ' ' : String(f);
    const total = Math.max(0, width - s.length);
    const left = Math.floor(total / 2) + (total % 2 && width % 2 ? 1 : 0);
    return fill.repeat(left) + s + fill.repeat(total - left);
  },
  ljust: (s, [w, f]) => s.padEnd(num(w), f === undefined ? ' ' : String(f)),
  rjust: (s, [w, f]) => s.padStart(num(w), f === undefined ? ' ' : String(f)),
  partition: (s, [sep]) => {
    const i = s.indexOf(String(sep));
    return i < 0 ? [s, '', ''] : [s.slice(0, i), String(sep), s.slice(i + String(sep).length)];
  },
  encode: (s) => s,
  decode: (s) => s,
};

/** A bound string method, or undefined when `str` has no such method. */
export function strMethod(s: string, name: string): PyCallable | undefined {
  const m = METHODS[name];
  return m ? (args, kwargs) => m(s, args, kwargs) : undefined;
}

/** Python's centring rule, shared with the `center` filter. */
export function center(s: string, width: number): string {
  return METHODS.center(s, [width], {}) as string;
}
