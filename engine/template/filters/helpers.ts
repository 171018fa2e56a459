import { getAttr } from '../attributes';
import { pyCompare, pyEq, pyIter, pyStr } from '../python';
import { TemplateRuntimeError, Undefined, isDict, isNumber, num, plain } from '../values';

/** Small helpers shared by filter files. */

/** Jinja2's `attribute=` path: `a.b.0` walks attributes and integer indexes. */
export function attrPath(obj: unknown, path: unknown): unknown {
  if (typeof path === 'number') return getAttr(obj, path, false);
  let v = obj;
  for (const part of String(path).split('.')) {
    v = getAttr(v, /^\d+$/.test(part) && Array.isArray(v) ? Number(part) : part, false);
  }
  return v;
}

/** Python's sort order, lowercasing strings unless case-sensitive (as Jinja2's sort does). */
export function sortValues(items: unknown[], keyOf: (v: unknown) => unknown, reverse: boolean, caseSensitive: boolean): unknown[] {
  const key = (v: unknown) => {
    const k = plain(keyOf(v));
    if (k instanceof Undefined) throw new TemplateRuntimeError(k.message);
    return !caseSensitive && typeof k === 'string' ? k.toLowerCase() : k;
  };
  const keyed = items.map((v) => ({ v, k: key(v) }));
  keyed.sort((a, b) => pyCompare(a.k, b.k, '<'));
  if (reverse) keyed.reverse();
  return keyed.map((x) => x.v);
}

/** Python-equality uniqueness, keeping first occurrences. */
export function uniqueValues(items: unknown[], caseSensitive = true): unknown[] {
  const out: unknown[] = [];
  const norm = (v: unknown) => (!caseSensitive && typeof v === 'string' ? v.toLowerCase() : v);
  for (const v of items) if (!out.some((o) => pyEq(norm(o), norm(v)))) out.push(v);
  return out;
}

export function asList(v: unknown): unknown[] {
  return pyIter(plain(v));
}

/** The text a string filter works on; non-strings are converted as Python's str() would. */
export function requireString(v: unknown): string {
  const p = plain(v);
  if (typeof p === 'string') return p;
  return pyStr(p);
}

export function intArg(v: unknown, dflt: number): number {
  return v === undefined || v === null ? dflt : num(v);
}

export function requireDict(v: unknown, filter: string): Record<string, unknown> {
  if (!isDict(v)) throw new TemplateRuntimeError(`${filter} expects a dictionary, got ${pyStr(v)}`);
  return v;
}

/** Python's `bool()` conversion of common strings, as Ansible's `bool` filter does. */
export function toBool(v: unknown): boolean {
  const p = plain(v);
  if (typeof p === 'boolean') return p;
  if (p === null || p === undefined) return false;
  if (isNumber(p)) return num(p) === 1;
  return typeof p === 'string' && ['yes', 'on', '1', 'true'].includes(p.toLowerCase());
}
