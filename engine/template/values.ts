import { UnsafeText } from '../playbook/yaml';
import { EncryptedText } from '../vault/vault';
import { NativeJinjaText } from './native-text';
import { PyDateTime, PyTimedelta } from './datetime';
import { setOwn } from './own-keys';

/**
 * The value model templates compute with. Jinja2 runs on Python values, so a few Python distinctions
 * that JavaScript lacks are kept explicitly: an integral float (`4 / 2` is `2.0`, not `2`) and an
 * undefined value that remembers why it is undefined (so the error names the variable or attribute).
 */

/** A float whose value happens to be integral; non-integral floats are plain numbers. */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** An undefined name or attribute. Using it for anything but `is defined`/`default` raises `message`. */
export class Undefined {
  constructor(readonly message: string) {}
}

/**
 * A Python class as `x.__class__` gives it (Ansible's Jinja2 is not sandboxed, so playbooks can ask for
 * it): only its name, what `type_debug` and printing need.
 */
export class PyType {
  constructor(readonly name: string) {}
  toString(): string {
    return `<class '${this.name}'>`;
  }
  toJSON(): string {
    return this.toString();
  }
}

/** A template-visible function (macro, bound method, global). */
export type PyCallable = (args: unknown[], kwargs: Record<string, unknown>) => unknown;

export type PyDict = Record<string, unknown>;

const tuples = new WeakSet<unknown[]>();

/** Marks a list as a Python tuple: it behaves as a list but prints as `(a, b)`. */
export function tuple<T extends unknown[]>(items: T): T {
  tuples.add(items);
  return items;
}

export function isTuple(v: unknown): boolean {
  return Array.isArray(v) && tuples.has(v);
}

/**
 * What an inline `x if cond` without `else` gives when cond is false: Jinja2's lenient undefined,
 * which prints as an empty string instead of failing.
 */
export class LenientUndefined {}

/** Raised for Python-level errors (TypeError, ValueError…) inside an expression. */
export class TemplateRuntimeError extends Error {}

/**
 * A Python exception Jinja2 itself does not catch (ZeroDivisionError…): Ansible reports it as an exception
 * with its traceback, not as a templating error.
 */
export class PythonException extends TemplateRuntimeError {
  constructor(
    readonly pythonType: string,
    message: string,
  ) {
    super(message);
  }

  /** A short traceback in Python's shape, whose last line names the exception as Python does. */
  traceback(): string {
    return `Traceback (most recent call last):\n  File "<template>", in root\n${this.pythonType}: ${this.message}\n`;
  }
}

/** Raised when an undefined value is used. */
export class UndefinedError extends TemplateRuntimeError {}

/** A filter refusing its input on purpose (Ansible's AnsibleFilterError): its message is shown as it is. */
export class FilterError extends TemplateRuntimeError {}

export function failUndefined(u: Undefined): never {
  throw new UndefinedError(u.message);
}

export function isDict(v: unknown): v is PyDict {
  if (typeof v !== 'object' || v === null) return false;
  const proto = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return true;
  return (
    typeof v === 'object' &&
    v !== null &&
    !Array.isArray(v) &&
    !(v instanceof PyFloat) &&
    !(v instanceof Undefined) &&
    !(v instanceof LenientUndefined) &&
    !(v instanceof PyDateTime) &&
    !(v instanceof PyTimedelta) &&
    !(v instanceof UnsafeText) &&
    !(v instanceof Map) &&
    !(v instanceof Set)
  );
}

export function isNumber(v: unknown): v is number | PyFloat {
  return typeof v === 'number' || v instanceof PyFloat;
}

export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** Plain JS number of a numeric value (bools count as 0/1, as in Python). */
export function num(v: unknown): number {
  if (v instanceof PyFloat) return v.value;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v as number;
}

/** A float result: integral values are boxed so they still print as `2.0`. */
export function float(n: number): number | PyFloat {
  return Number.isInteger(n) ? new PyFloat(n) : n;
}

/** Unwraps unsafe text to a plain string; other values unchanged. */
export function plain(v: unknown): unknown {
  return v instanceof UnsafeText ? v.text : v;
}

/** Python's type name, as `type_debug` and error messages show it. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof PyFloat) return 'float';
  if (typeof v === 'string') return 'str';
  if (v instanceof PyType) return 'type';
  if (v instanceof NativeJinjaText) return v.unsafe ? 'NativeJinjaUnsafeText' : 'NativeJinjaText';
  if (v instanceof UnsafeText) return 'AnsibleUnsafeText';
  if (v instanceof EncryptedText) return 'AnsibleVaultEncryptedUnicode';
  if (Array.isArray(v)) return 'list';
  if (v instanceof Undefined || v instanceof LenientUndefined) return 'AnsibleUndefined';
  if (v instanceof PyDateTime) return 'datetime';
  if (v instanceof PyTimedelta) return 'timedelta';
  if (typeof v === 'function') return 'function';
  return 'dict';
}

/** Python truthiness; an undefined value cannot be tested (Ansible's undefined is strict). */
export function truthy(v: unknown): boolean {
  if (v instanceof Undefined) failUndefined(v);
  if (v instanceof LenientUndefined) return false;
  if (v === null || v === undefined || v === false) return false;
  if (typeof v === 'number') return v !== 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (typeof v === 'string') return v.length > 0;
  if (v instanceof UnsafeText) return v.text.length > 0;
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return true;
}

/**
 * Set this key to `true` on a variables object (or answer it from a Proxy) whose values are already
 * templated when read, like engine/vars' lazy variables: the templar then uses them as they are
 * instead of templating them a second time (which would break `{% raw %}{{ x }}{% endraw %}` values).
 * Such an object stays as it is in a template's result: its values are computed only when read.
 */
export const VALUES_ARE_TEMPLATED = Symbol.for('tsible.template.valuesAreTemplated');

/** A lazy variables object answers this key with its values as written, before templating. */
export const RAW_VALUES = Symbol.for('tsible.template.rawValues');

/**
 * A dict's entries as Ansible prints it. A lazy variables object (a host's vars) is templated leniently,
 * as Ansible prints one: a value that needs a variable that is not defined stays as written.
 */
export function printableEntries(v: PyDict): [string, unknown][] {
  const lazy = v as Record<symbol, unknown>;
  if (lazy[VALUES_ARE_TEMPLATED] !== true) return Object.entries(v);
  const raw = lazy[RAW_VALUES] as PyDict | undefined;
  return Object.keys(v).map((k) => {
    try {
      return [k, v[k]];
    } catch (e) {
      if (raw && (e instanceof UndefinedError || (e as Error).cause instanceof UndefinedError)) return [k, raw[k]];
      throw e;
    }
  });
}

/** Converts a template result for callers outside the templar: boxed floats become numbers (copying only what changes). */
export function toPlain(v: unknown): unknown {
  if (v instanceof PyFloat) return v.value;
  if (Array.isArray(v)) {
    let changed = false;
    const out = v.map((x) => {
      const p = toPlain(x);
      changed ||= p !== x;
      return p;
    });
    return changed ? out : v;
  }
  if (isDict(v) && Object.getPrototypeOf(v) === Object.prototype && (v as Record<symbol, unknown>)[VALUES_ARE_TEMPLATED] !== true) {
    let changed = false;
    const out: PyDict = {};
    for (const [k, x] of Object.entries(v)) {
      const p = toPlain(x);
      setOwn(out, k, p);
      changed ||= p !== x;
    }
    return changed ? out : v;
  }
  return v;
}
