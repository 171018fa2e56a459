import { UnsafeText } from '../../playbook/yaml';
import { pyStr } from '../python';
import { PyFloat, TemplateRuntimeError, Undefined, isDict } from '../values';

/** Python's `json.dumps` output format (float `1.0`, `", "` separators, ASCII escapes by default). */

export interface JsonOptions {
  indent?: number;
  sortKeys?: boolean;
  separators?: [string, string];
  ensureAscii?: boolean;
}

function quote(s: string, ascii: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (ascii && c > 0x7e)) {
      const units = c > 0xffff ? [0xd800 + ((c - 0x10000) >> 10), 0xdc00 + ((c - 0x10000) & 0x3ff)] : [c];
      out += units.map((u) => '\\u' + u.toString(16).padStart(4, '0')).join('');
    } else out += ch;
  }
  return out + '"';
}

function number(n: number | PyFloat): string {
  const v = n instanceof PyFloat ? n.value : n;
  if (Number.isNaN(v)) return 'NaN';
  if (!Number.isFinite(v)) return v > 0 ? 'Infinity' : '-Infinity';
  return pyStr(n);
}

export function pyJson(value: unknown, opts: JsonOptions = {}, level = 0): string {
  const ascii = opts.ensureAscii !== false;
  const [itemSep, keySep] = opts.separators ?? (opts.indent !== undefined ? [',', ': '] : [', ', ': ']);
  const nl = opts.indent !== undefined ? '\n' + ' '.repeat(opts.indent * (level + 1)) : '';
  const end = opts.indent !== undefined ? '\n' + ' '.repeat(opts.indent * level) : '';
  if (value instanceof Undefined) throw new TemplateRuntimeError(value.message);
  if (value === null || value === undefined) return 'null';
  if (value === true) return 'true';
  if (value === false) return 'false';
  if (typeof value === 'number' || value instanceof PyFloat) return number(value);
  if (typeof value === 'string') return quote(value, ascii);
  if (value instanceof UnsafeText) return quote(value.text, ascii);
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    return '[' + nl + value.map((v) => pyJson(v, opts, level + 1)).join(itemSep + nl) + end + ']';
  }
  if (isDict(value)) {
    const keys = Object.keys(value);
    if (keys.length === 0) return '{}';
    if (opts.sortKeys) keys.sort();
    return '{' + nl + keys.map((k) => quote(k, ascii) + keySep + pyJson(value[k], opts, level + 1)).join(itemSep + nl) + end + '}';
  }
  throw new TemplateRuntimeError(`Object of type ${typeof value} is not JSON serializable`);
}
