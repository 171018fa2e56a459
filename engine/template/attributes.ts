import { UnsafeText } from '../playbook/yaml';
import { pyEq, pyIter, pyStr } from './python';
import { PyCallable, PyDict, PyType, TemplateRuntimeError, Undefined, isDict, num, tuple, typeName } from './values';
import { PyDateTime, PyTimedelta } from './datetime';
import { strMethod } from './string-methods';
import { setOwn } from './own-keys';

/**
 * `a.b` and `a['b']` as Jinja2 resolves them on Python values: a dotted name tries the Python attribute
 * (a method such as `items`) before the item, a subscript tries the item first. A miss is an
 * {@link Undefined} carrying Ansible's message, so `a.b is defined` works and `{{ a.b }}` fails clearly.
 */

function noAttribute(obj: unknown, key: unknown): Undefined {
  return new Undefined(`'${typeName(obj)} object' has no attribute '${pyStr(key)}'`);
}

function dictMethod(d: PyDict, name: string): PyCallable | undefined {
  switch (name) {
    case 'items': return () => Object.entries(d).map(tuple);
    case 'keys': return () => Object.keys(d);
    case 'values': return () => Object.values(d);
    case 'get': return ([k, dflt]) => (typeof k === 'string' && Object.prototype.hasOwnProperty.call(d, k) ? d[k] : dflt ?? null);
    case 'copy': return () => ({ ...d });
    case 'update': return ([other], kw) => { for (const src of [isDict(other) ? other : {}, kw]) for (const k of Object.keys(src)) setOwn(d, k, src[k]); return null; };
    case 'pop': return ([k, dflt]) => { const v = d[k as string]; delete d[k as string]; return v ?? dflt ?? null; };
    case 'setdefault': return ([k, dflt]) => { if (!Object.prototype.hasOwnProperty.call(d, String(k))) setOwn(d, String(k), dflt ?? null); return d[String(k)]; };
  }
  return undefined;
}

function listMethod(l: unknown[], name: string): PyCallable | undefined {
  switch (name) {
    case 'index': return ([x]) => {
      const i = l.findIndex((y) => pyEq(x, y));
      if (i < 0) throw new TemplateRuntimeError(`${pyStr(x)} is not in list`);
      return i;
    };
    case 'count': return ([x]) => l.filter((y) => pyEq(x, y)).length;
    case 'append': return ([x]) => { l.push(x); return null; };
    case 'extend': return ([x]) => { l.push(...pyIter(x)); return null; };
    case 'insert': return ([i, x]) => { l.splice(num(i), 0, x); return null; };
    case 'pop': return ([i]) => (i === undefined ? l.pop() : l.splice(num(i), 1)[0]) ?? null;
    case 'remove': return ([x]) => { const i = l.findIndex((y) => pyEq(x, y)); if (i >= 0) l.splice(i, 1); return null; };
    case 'copy': return () => [...l];
    case 'reverse': return () => { l.reverse(); return null; };
    case 'sort': return () => { l.sort(); return null; };
  }
  return undefined;
}

function item(obj: unknown, key: unknown): unknown {
  if (Array.isArray(obj) || typeof obj === 'string') {
    if (typeof key !== 'number' && typeof key !== 'boolean') return noAttribute(obj, key);
    const seq = typeof obj === 'string' ? [...obj] : obj;
    const i = num(key) < 0 ? seq.length + num(key) : num(key);
    return i >= 0 && i < seq.length ? seq[i] : new Undefined(`${typeName(obj)} object has no element ${pyStr(key)}`);
  }
  if (isDict(obj)) {
    const k = typeof key === 'string' ? key : pyStr(key);
    if (Object.prototype.hasOwnProperty.call(obj, k) || (typeof obj === 'object' && k in obj && !(k in Object.prototype))) {
      return obj[k];
    }
  }
  return undefined;
}

function attribute(obj: unknown, name: unknown): unknown {
  if (typeof name !== 'string') return undefined;
  if (obj instanceof PyDateTime || obj instanceof PyTimedelta) return obj.attr(name);
  if (typeof obj === 'string') return strMethod(obj, name);
  if (Array.isArray(obj)) return listMethod(obj, name);
  if (isDict(obj)) return dictMethod(obj, name);
  return undefined;
}

/** Resolves `obj.key` (dot) or `obj[key]`; a miss returns an Undefined, never throws. */
export function getAttr(obj: unknown, key: unknown, dot: boolean): unknown {
  if (obj instanceof Undefined) return obj;
  if (key === '__class__' && dot) return new PyType(typeName(obj));
  if (obj instanceof UnsafeText) obj = obj.text;
  if (obj === null || obj === undefined) return noAttribute(null, key);
  const first = dot ? attribute(obj, key) : item(obj, key);
  if (first !== undefined && !(first instanceof Undefined)) return first;
  const second = dot ? item(obj, key) : attribute(obj, key);
  if (second !== undefined && !(second instanceof Undefined)) return second;
  if (first instanceof Undefined) return first;
  if (second instanceof Undefined) return second;
  return noAttribute(obj, key);
}

/** `seq[start:stop:step]` with Python's clamping and negative indices. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const isStr = typeof obj === 'string';
  const seq = isStr ? [...(obj as string)] : pyIter(obj);
  const n = seq.length;
  const st = step === null || step === undefined ? 1 : num(step);
  if (st === 0) throw new TemplateRuntimeError('slice step cannot be zero');
  const norm = (v: unknown, dflt: number, lo: number, hi: number) => {
    if (v === null || v === undefined) return dflt;
    const i = num(v) < 0 ? num(v) + n : num(v);
    return Math.min(Math.max(i, lo), hi);
  };
  const out: unknown[] = [];
  if (st > 0) {
    for (let i = norm(start, 0, 0, n); i < norm(stop, n, 0, n); i += st) out.push(seq[i]);
  } else {
    for (let i = norm(start, n - 1, -1, n - 1); i > norm(stop, -1, -1, n - 1); i += st) out.push(seq[i]);
  }
  return isStr ? out.join('') : out;
}
