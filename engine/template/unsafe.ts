import { UnsafeText } from '../playbook/yaml';
import { NativeJinjaText, isUnsafeText } from './native-text';
import { setOwn } from './own-keys';
import { VALUES_ARE_TEMPLATED } from './session';

export { setOwn };

/**
 * Data from hosts (registered results, facts) and from lookups is *unsafe*, as in Ansible: its text is
 * never templated again, so a host that prints `{{ lookup('file', '/etc/shadow') }}` cannot make the
 * controller run it. Unsafe text is an {@link UnsafeText}; every template that reads unsafe data gives
 * an unsafe result (see the templar), so unsafety survives filters, concatenation, lists and dicts.
 */

/** Containers made by {@link markUnsafe}: every string inside them is already unsafe text. */
const MARKED = new WeakSet<object>();

/** Whether a value is a variables object that templates its own values when read (hostvars, task vars). */
export function isLazyVars(v: object): boolean {
  return (v as Record<symbol, unknown>)[VALUES_ARE_TEMPLATED] === true;
}

function isPlainObject(v: object): v is Record<string, unknown> {
  const proto = Object.getPrototypeOf(v);
  return (proto === Object.prototype || proto === null) && !isLazyVars(v);
}

/**
 * The value with every string in it (keys excepted) made unsafe text. Lists and dicts are copied once;
 * a tree already marked is returned as it is, so marking a registered result again costs nothing.
 * Keys are copied as own data properties: a host's `__proto__` key stays an ordinary key.
 */
export function markUnsafe(v: unknown): unknown {
  return mark(v, new Map());
}

function mark(v: unknown, done: Map<object, unknown>): unknown {
  if (typeof v === 'string') return new UnsafeText(v);
  if (v instanceof NativeJinjaText && !v.unsafe) return new NativeJinjaText(v.text, true);
  if (v === null || typeof v !== 'object' || v instanceof UnsafeText || MARKED.has(v)) return v;
  if (done.has(v)) return done.get(v);
  if (Array.isArray(v)) {
    const out: unknown[] = new Array(v.length);
    done.set(v, out);
    for (let i = 0; i < v.length; i++) out[i] = mark(v[i], done);
    MARKED.add(out);
    return out;
  }
  if (!isPlainObject(v)) return v;
  const out: Record<string, unknown> = {};
  done.set(v, out);
  for (const k of Object.keys(v)) setOwn(out, k, mark(v[k], done));
  MARKED.add(out);
  return out;
}

/** Whether a value is unsafe text or a tree {@link markUnsafe} made: nothing in it is ever templated. */
export function isUnsafeData(v: unknown): boolean {
  return isUnsafeText(v) || (typeof v === 'object' && v !== null && MARKED.has(v));
}

/** Whether a value is unsafe text or holds some (in lists and dicts, however deep). */
export function containsUnsafe(v: unknown): boolean {
  return holds(v, 0, undefined);
}

function holds(v: unknown, depth: number, seen: Set<object> | undefined): boolean {
  if (isUnsafeText(v)) return true;
  if (v === null || typeof v !== 'object') return false;
  if (MARKED.has(v)) return true;
  // Deep or shared structures are walked once (a template may build a list that holds itself).
  if (depth > 32) {
    seen ??= new Set();
    if (seen.has(v)) return false;
    seen.add(v);
  }
  if (Array.isArray(v)) return v.some((x) => holds(x, depth + 1, seen));
  if (!isPlainObject(v)) return false;
  for (const k of Object.keys(v)) if (holds(v[k], depth + 1, seen)) return true;
  return false;
}

/**
 * The value with unsafe text turned back into plain strings, for what leaves the templating world:
 * module arguments and what callbacks print. Copies only the containers that change.
 */
export function stripUnsafe(v: unknown): unknown {
  if (v instanceof UnsafeText) return v.text;
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x) => {
      const p = stripUnsafe(x);
      changed ||= p !== x;
      return p;
    });
    return changed ? out : v;
  }
  if (!isPlainObject(v)) return v;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(v)) {
    const p = stripUnsafe(v[k]);
    changed ||= p !== v[k];
    setOwn(out, k, p);
  }
  return changed ? out : v;
}
