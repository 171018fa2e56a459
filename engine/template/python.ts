import { UnsafeText } from '../playbook/yaml';
import { EncryptedText } from '../vault/vault';
import { checkItems, checkText, itemCount } from './limits';
import { PyDateTime, PyTimedelta } from './datetime';
import { percentFormat } from './str-format';
import {
  LenientUndefined, PyFloat, PyType, PythonException, TemplateRuntimeError, Undefined, failUndefined, float, isDict, isFloat, isNumber, isTuple, num, printableEntries, typeName,
} from './values';

/** Python's `repr` of a string: single quotes unless the text has `'` and no `"`. */
function reprString(s: string): string {
  const quote = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === quote) out += '\\' + ch;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return quote + out + quote;
}

/** Python's float repr: shortest digits, exponent form below 1e-4 and from 1e16. */
function floatText(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mantissa, expText] = n.toExponential().split('e');
  const exp = Number(expText);
  const sign = n < 0 ? '-' : '';
  const digits = mantissa.replace(/[-.]/g, '');
  if (exp < -4 || exp >= 16) {
    const m = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${m}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  return `${sign}${digits.slice(0, exp + 1).padEnd(exp + 1, '0')}.${digits.slice(exp + 1) || '0'}`;
}

/** Python's `repr`, used for values printed inside a list or dict. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return reprString(v);
  if (v instanceof Undefined) return undefinedRepr(v);
  if (v instanceof UnsafeText) return reprString(v.text);
  if (isTuple(v)) return '(' + (v as unknown[]).map(pyRepr).join(', ') + ((v as unknown[]).length === 1 ? ',)' : ')');
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (isDict(v)) {
    return '{' + printableEntries(v).map(([k, x]) => `${reprString(k)}: ${pyRepr(x)}`).join(', ') + '}';
  }
  return pyStr(v);
}

/** Ansible's repr of an undefined variable (`'%r' | format(x)` shows it); anything else undefined fails as it would print. */
function undefinedRepr(u: Undefined): string {
  const variable = /^'(.*)' is undefined$/.exec(u.message);
  if (!variable) failUndefined(u);
  return `AnsibleUndefined(hint=None, obj=missing, name=${reprString(variable[1])})`;
}

/** Python's `str`, which is what `{{ value }}` prints. */
export function pyStr(v: unknown): string {
  if (v instanceof Undefined) failUndefined(v);
  if (v instanceof LenientUndefined) return '';
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return Number.isInteger(v) ? String(v) : floatText(v);
  if (v instanceof PyFloat) return floatText(v.value);
  if (v instanceof UnsafeText) return v.text;
  if (v instanceof EncryptedText) return v.text;
  if (typeof v === 'function') return '<function>';
  if (v instanceof PyDateTime || v instanceof PyTimedelta || v instanceof PyType) return v.toString();
  return pyRepr(v);
}

/** Python `==`: deep for containers; `1 == 1.0 == True`. */
export function pyEq(left: unknown, right: unknown): boolean {
  const a = left instanceof UnsafeText ? left.text : left;
  const b = right instanceof UnsafeText ? right.text : right;
  const numLike = (x: unknown) => isNumber(x) || typeof x === 'boolean';
  if (numLike(a) && numLike(b)) return num(a) === num(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (isDict(a) && isDict(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && pyEq(a[k], b[k]));
  }
  return (a ?? null) === (b ?? null);
}

function unsupported(op: string, a: unknown, b: unknown): never {
  throw new TemplateRuntimeError(
    `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'`,
  );
}

/** Python ordering: numbers with numbers, strings with strings, lists element-wise. */
export function pyCompare(a: unknown, b: unknown, op: string): number {
  if (a instanceof Undefined) failUndefined(a);
  if (b instanceof Undefined) failUndefined(b);
  if (a instanceof UnsafeText) a = a.text;
  if (b instanceof UnsafeText) b = b.text;
  const numLike = (x: unknown) => isNumber(x) || typeof x === 'boolean';
  if (numLike(a) && numLike(b)) return num(a) - num(b);
  if (a instanceof PyDateTime && b instanceof PyDateTime) return a.date.getTime() - b.date.getTime();
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (!pyEq(a[i], b[i])) return pyCompare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  return unsupported(op, a, b);
}

function operandError(op: string, a: unknown, b: unknown): never {
  throw new TemplateRuntimeError(
    `unsupported operand type(s) for ${op}: '${typeName(a)}' and '${typeName(b)}'`,
  );
}

function numeric(op: string, a: unknown, b: unknown, f: (x: number, y: number) => number): unknown {
  const ok = (x: unknown) => isNumber(x) || typeof x === 'boolean';
  if (!ok(a) || !ok(b)) operandError(op, a, b);
  const r = f(num(a), num(b));
  return isFloat(a) || isFloat(b) ? float(r) : r;
}

/** A division by zero is Python's ZeroDivisionError, worded as Python words it for ints and for floats. */
function byNonZero(a: unknown, b: unknown, intMessage: string, floatMessage: string, f: (x: number, y: number) => number): (x: number, y: number) => number {
  return (x, y) => {
    if (y === 0) throw new PythonException('ZeroDivisionError', isFloat(a) || isFloat(b) ? floatMessage : intMessage);
    return f(x, y);
  };
}

function defined(a: unknown, b: unknown): [unknown, unknown] {
  if (a instanceof Undefined) failUndefined(a);
  if (b instanceof Undefined) failUndefined(b);
  return [a instanceof UnsafeText ? a.text : a, b instanceof UnsafeText ? b.text : b];
}

/** Python binary operators as Jinja2 evaluates them. */
export function pyBinary(op: string, left: unknown, right: unknown): unknown {
  const [a, b] = defined(left, right);
  switch (op) {
    case '+':
      if (typeof a === 'string' && typeof b === 'string') {
        checkText(a.length + b.length, 'the joined string');
        return a + b;
      }
      if (Array.isArray(a) && Array.isArray(b)) {
        checkItems(itemCount(a) + itemCount(b), 'the joined list');
        return [...a, ...b];
      }
      if (typeof a === 'string' || Array.isArray(a)) {
        throw new TemplateRuntimeError(`can only concatenate ${typeName(a)} (not "${typeName(b)}") to ${typeName(a)}`);
      }
      return numeric(op, a, b, (x, y) => x + y);
    case '-':
      if (a instanceof PyDateTime && b instanceof PyDateTime) return new PyTimedelta(a.date.getTime() - b.date.getTime());
      return numeric(op, a, b, (x, y) => x - y);
    case '*':
      return multiply(a, b);
    case '/':
      return float(num(numeric(op, a, b, byNonZero(a, b, 'division by zero', 'float division by zero', (x, y) => x / y))));
    case '//':
      return numeric(op, a, b, byNonZero(a, b, 'integer division or modulo by zero', 'float floor division by zero', (x, y) => Math.floor(x / y)));
    case '%':
      if (typeof a === 'string') return percentFormat(a, b);
      return numeric(op, a, b, byNonZero(a, b, 'integer modulo by zero', 'float modulo', (x, y) => x - y * Math.floor(x / y)));
    case '**':
      return numeric(op, a, b, (x, y) => {
        if (x === 0 && y < 0) throw new PythonException('ZeroDivisionError', '0.0 cannot be raised to a negative power');
        return x ** y;
      });
    case '~': {
      const [x, y] = [pyStr(a), pyStr(b)];
      checkText(x.length + y.length, 'the joined string');
      return x + y;
    }
  }
  throw new TemplateRuntimeError(`unknown operator ${op}`);
}

function multiply(a: unknown, b: unknown): unknown {
  const count = (n: unknown) => Math.max(0, num(n));
  const intLike = (x: unknown) => (typeof x === 'number' && Number.isInteger(x)) || typeof x === 'boolean';
  const text = (s: string, n: number) => {
    checkText(s.length * n, 'the repeated string');
    return s.repeat(n);
  };
  const list = (l: unknown[], n: number) => {
    checkItems((itemCount(l) - 1) * n, 'the repeated list');
    return Array.from({ length: n }, () => l).flat();
  };
  if (typeof a === 'string' && intLike(b)) return text(a, count(b));
  if (typeof b === 'string' && intLike(a)) return text(b, count(a));
  if (Array.isArray(a) && intLike(b)) return list(a, count(b));
  if (Array.isArray(b) && intLike(a)) return list(b, count(a));
  return numeric('*', a, b, (x, y) => x * y);
}

/** Python's `in`. */
export function pyIn(item: unknown, container: unknown): boolean {
  const [a, c] = defined(item, container);
  if (typeof c === 'string') {
    if (typeof a !== 'string') throw new TemplateRuntimeError(`'in <string>' requires string as left operand, not ${typeName(a)}`);
    return c.includes(a);
  }
  if (Array.isArray(c)) return c.some((x) => pyEq(x, a));
  if (isDict(c)) return typeof a === 'string' && Object.prototype.hasOwnProperty.call(c, a);
  throw new TemplateRuntimeError(`argument of type '${typeName(c)}' is not iterable`);
}

/** Python's `len`. */
export function pyLen(v: unknown): number {
  if (v instanceof Undefined) failUndefined(v);
  if (typeof v === 'string') return [...v].length;
  if (v instanceof UnsafeText) return [...v.text].length;
  if (Array.isArray(v)) return v.length;
  if (isDict(v)) return Object.keys(v).length;
  throw new TemplateRuntimeError(`object of type '${typeName(v)}' has no len()`);
}

/** What iterating a value yields in Python (a dict yields its keys). */
export function pyIter(v: unknown): unknown[] {
  if (v instanceof Undefined) failUndefined(v);
  if (Array.isArray(v)) return v;
  if (typeof v === 'string') return [...v];
  if (v instanceof UnsafeText) return [...v.text];
  if (isDict(v)) return Object.keys(v);
  throw new TemplateRuntimeError(`'${typeName(v)}' object is not iterable`);
}

/** Python's `int()` of a number: truncates toward zero. */
export function toInt(v: unknown): number {
  return Math.trunc(num(v));
}

