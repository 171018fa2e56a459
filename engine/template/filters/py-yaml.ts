import { UnsafeText } from '../../playbook/yaml';
import { pyStr } from '../python';
import { PyFloat, TemplateRuntimeError, Undefined, isDict } from '../values';

/**
 * The text PyYAML's `yaml.dump` produces, which `to_yaml` / `to_nice_yaml` users get in their files:
 * sorted keys, sequences not indented under their key, `-   item` with indent 4, leaf collections in
 * flow style when `flow` is on, quoting only where a plain scalar would read back differently, and
 * lines folded at 80 columns.
 */

export interface YamlOptions {
  indent: number;
  /** default_flow_style=None: collections holding only scalars are written `[a, b]` / `{k: v}`. */
  flow: boolean;
  width?: number;
}

const RESOLVES_OTHERWISE = [
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9_]+(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  /^(?:~|null|Null|NULL|)$/,
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  /^(?:=|<<)$/,
];

function plainAllowed(s: string, inFlow: boolean): boolean {
  if (s === '' || /^\s|\s$/.test(s) || s.includes('\n')) return false;
  if (/^[#,[\]{}&*!|>'"%@`]/.test(s) || /^[-?:](\s|$)/.test(s)) return false;
  if (/: |:$| #|\t/.test(s)) return false;
  if (inFlow && /[,?[\]{}:]/.test(s)) return false;
  if (/[^\x20-\x7e\u0085\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(s)) return false;
  return !RESOLVES_OTHERWISE.some((re) => re.test(s));
}

function doubleQuoted(s: string): string {
  const esc: Record<string, string> = { '\0': '\\0', '\x07': '\\a', '\b': '\\b', '\t': '\\t', '\n': '\\n', '\v': '\\v', '\f': '\\f', '\r': '\\r', '\x1b': '\\e', '"': '\\"', '\\': '\\\\', '\u0085': '\\N', '\u00a0': '\\_', '\u2028': '\\L', '\u2029': '\\P' };
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (esc[ch]) out += esc[ch];
    else if (c < 0x20 || (c >= 0x7f && c < 0xa0) || c === 0xfeff) out += '\\x' + c.toString(16).padStart(2, '0');
    else out += ch;
  }
  return out + '"';
}

class Writer {
  out = '';
  column = 0;
  constructor(readonly opts: YamlOptions) {}
  get width(): number {
    return this.opts.width ?? 80;
  }
  write(s: string): void {
    this.out += s;
    const nl = s.lastIndexOf('\n');
    this.column = nl < 0 ? this.column + s.length : s.length - nl - 1;
  }
  newline(indent: number): void {
    this.write('\n' + ' '.repeat(indent));
  }

  /** Words of a plain or single-quoted scalar, folded at a single space once past the width. */
  folded(text: string, indent: number, allowBreaks: boolean): void {
    const words = text.split(' ');
    words.forEach((w, i) => {
      if (i > 0) {
        const single = w !== '' && words[i - 1] !== '';
        if (allowBreaks && single && this.column > this.width) this.newline(indent);
        else this.write(' ');
      }
      this.write(w);
    });
  }

  scalar(s: string, indent: number, inFlow: boolean, isKey: boolean): void {
    if (plainAllowed(s, inFlow)) return this.folded(s, indent, !isKey);
    if (/[^\x20-\x7e\n\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/u.test(s) || (isKey && s.includes('\n')) || / \n|\n /.test(s)) {
      return this.write(doubleQuoted(s));
    }
    this.write("'");
    // In a single-quoted scalar a run of n line breaks is written as n+1, then the indentation.
    s.replace(/'/g, "''").split(/(\n+)/).forEach((part) => {
      if (part.startsWith('\n')) this.write('\n'.repeat(part.length + 1) + ' '.repeat(indent));
      else this.folded(part, indent, !isKey);
    });
    this.write("'");
  }
}

function scalarText(v: unknown): string | undefined {
  if (v === null || v === undefined) return 'null';
  if (v === true) return 'true';
  if (v === false) return 'false';
  if (v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v))) {
    const n = Number(v);
    if (Number.isNaN(n)) return '.nan';
    if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
    return pyStr(v);
  }
  if (typeof v === 'number') return String(v);
  return undefined;
}

function isScalar(v: unknown): boolean {
  return !Array.isArray(v) && !isDict(v);
}

function isEmpty(v: unknown): boolean {
  return (Array.isArray(v) && v.length === 0) || (isDict(v) && Object.keys(v).length === 0);
}

function sortedEntries(d: Record<string, unknown>): [string, unknown][] {
  return Object.entries(d).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

function emitScalar(w: Writer, v: unknown, indent: number, inFlow: boolean): void {
  if (v instanceof Undefined) throw new TemplateRuntimeError(v.message);
  const t = scalarText(v);
  if (t !== undefined) return w.write(t);
  w.scalar(v instanceof UnsafeText ? v.text : String(v), indent, inFlow, false);
}

/** Items wrap at the collection's indent plus one step; scalars inside fold one step further. */
function emitFlow(w: Writer, v: unknown, indent: number): void {
  const inner = indent + w.opts.indent;
  const scalarIndent = inner + w.opts.indent;
  const items = Array.isArray(v) ? v.map((x) => [undefined, x] as const) : sortedEntries(v as Record<string, unknown>);
  w.write(Array.isArray(v) ? '[' : '{');
  items.forEach(([k, x], i) => {
    if (i > 0) w.write(',');
    if (i > 0 && w.column > w.width) w.newline(inner);
    else if (i > 0) w.write(' ');
    if (k !== undefined) {
      w.scalar(k, scalarIndent, true, true);
      w.write(': ');
    }
    emitScalar(w, x, scalarIndent, true);
  });
  w.write(Array.isArray(v) ? ']' : '}');
}

function flowStyle(w: Writer, v: unknown): boolean {
  if (isEmpty(v)) return true;
  if (!w.opts.flow) return false;
  return Array.isArray(v) ? v.every(isScalar) : Object.values(v as Record<string, unknown>).every(isScalar);
}

/** Emits a node that starts where the writer is; `indent` is the indentation of its block lines. */
function emitNode(w: Writer, v: unknown, indent: number, afterKey: boolean): void {
  if (isScalar(v)) {
    if (afterKey) w.write(' ');
    return emitScalar(w, v, indent + (afterKey ? w.opts.indent : 0), false);
  }
  if (flowStyle(w, v)) {
    if (afterKey) w.write(' ');
    return emitFlow(w, v, indent);
  }
  if (Array.isArray(v)) {
    v.forEach((x, i) => {
      if (afterKey || i > 0) w.newline(indent);
      w.write(isScalar(x) || flowStyle(w, x) ? '- ' : '-' + ' '.repeat(w.opts.indent - 1));
      emitNode(w, x, indent + w.opts.indent, false);
    });
    return;
  }
  sortedEntries(v as Record<string, unknown>).forEach(([k, x], i) => {
    if (afterKey || i > 0) w.newline(afterKey ? indent + w.opts.indent : indent);
    const keyIndent = afterKey ? indent + w.opts.indent : indent;
    w.scalar(k, keyIndent, false, true);
    w.write(':');
    emitNode(w, x, keyIndent, true);
  });
}

/** `yaml.dump(value, default_flow_style=…, indent=…)` as PyYAML's SafeDumper writes it. */
export function pyYaml(value: unknown, opts: YamlOptions): string {
  const w = new Writer(opts);
  emitNode(w, value, 0, false);
  return w.out + '\n';
}
