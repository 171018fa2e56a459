import { PyDict, float, tuple } from './values';
import { setOwn } from './own-keys';

/**
 * Python's `ast.literal_eval` for the text a template rendered, as Ansible 2.14 applies it: lists,
 * dicts, tuples, strings, numbers, True/False/None (and JSON's true/false/null). Anything else is not a
 * literal, and the caller keeps the text.
 */

const NOT_LITERAL = Symbol('not a literal');

const PYTHON_NAMES: Record<string, unknown> = { True: true, False: false, None: null };
const JSON_NAMES: Record<string, unknown> = { ...PYTHON_NAMES, true: true, false: false, null: null };

class LiteralReader {
  private i = 0;
  constructor(
    private readonly s: string,
    private readonly jsonNames: boolean,
  ) {}

  read(): unknown {
    const v = this.value();
    this.ws();
    return this.i === this.s.length ? v : NOT_LITERAL;
  }

  private ws(): void {
    while (this.i < this.s.length && ' \t\n\r'.includes(this.s[this.i])) this.i++;
  }

  private fail(): never {
    throw NOT_LITERAL;
  }

  private value(): unknown {
    this.ws();
    const c = this.s[this.i];
    if (c === '[') return this.sequence(']');
    if (c === '(') return tuple(this.sequence(')'));
    if (c === '{') return this.dict();
    if (c === '"' || c === "'") return this.strings();
    if (c === '-' || c === '+' || /[0-9.]/.test(c ?? '')) return this.number();
    const word = /^[A-Za-z_]\w*/.exec(this.s.slice(this.i))?.[0];
    const names: Record<string, unknown> = this.jsonNames ? JSON_NAMES : PYTHON_NAMES;
    if (word && Object.prototype.hasOwnProperty.call(names, word)) {
      this.i += word.length;
      return names[word];
    }
    return this.fail();
  }

  private sequence(close: string): unknown[] {
    this.i++;
    const out: unknown[] = [];
    for (;;) {
      this.ws();
      if (this.s[this.i] === close) break;
      out.push(this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== close) this.fail();
    }
    this.i++;
    return out;
  }

  private dict(): PyDict {
    this.i++;
    const out: PyDict = {};
    for (;;) {
      this.ws();
      if (this.s[this.i] === '}') break;
      const k = this.value();
      if (typeof k === 'object' && k !== null) this.fail();
      this.ws();
      if (this.s[this.i++] !== ':') this.fail();
      setOwn(out, typeof k === 'string' ? k : pyKey(k), this.value());
      this.ws();
      if (this.s[this.i] === ',') this.i++;
      else if (this.s[this.i] !== '}') this.fail();
    }
    this.i++;
    return out;
  }

  /** Adjacent string literals concatenate, as in Python. */
  private strings(): string {
    let out = this.string();
    for (;;) {
      this.ws();
      const c = this.s[this.i];
      if (c !== '"' && c !== "'") return out;
      out += this.string();
    }
  }

  private string(): string {
    const q = this.s[this.i];
    const triple = this.s.startsWith(q.repeat(3), this.i);
    const end = triple ? q.repeat(3) : q;
    this.i += end.length;
    let out = '';
    while (!this.s.startsWith(end, this.i)) {
      if (this.i >= this.s.length || (!triple && this.s[this.i] === '\n')) this.fail();
      const c = this.s[this.i++];
      if (c !== '\\') {
        out += c;
        continue;
      }
      out += this.escape();
    }
    this.i += end.length;
    return out;
  }

  private escape(): string {
    const e = this.s[this.i++];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', v: '\v', '\n': '' };
    if (e in simple) return simple[e];
    const hex = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (hex) {
      const code = this.s.slice(this.i, this.i + hex);
      if (!/^[0-9a-fA-F]+$/.test(code) || code.length !== hex) this.fail();
      this.i += hex;
      return String.fromCodePoint(parseInt(code, 16));
    }
    if (/[0-7]/.test(e)) {
      const oct = /^[0-7]{0,2}/.exec(this.s.slice(this.i))?.[0] ?? '';
      this.i += oct.length;
      return String.fromCharCode(parseInt(e + oct, 8));
    }
    return '\\' + e;
  }

  private number(): unknown {
    const m = /^[-+]?\s*(0[xX][0-9a-fA-F_]+|0[oO][0-7_]+|0[bB][01_]+|(?:\d[\d_]*)?\.?\d*(?:[eE][-+]?\d+)?)/.exec(this.s.slice(this.i));
    const text = m?.[0] ?? '';
    if (!text || !/\d/.test(text)) this.fail();
    this.i += text.length;
    const clean = text.replace(/[\s_]/g, '');
    const sign = clean.startsWith('-') ? -1 : 1;
    const body = clean.replace(/^[-+]/, '');
    if (/^0[xob]/i.test(body)) return sign * Number(body.toLowerCase());
    if (/[.eE]/.test(body)) return float(sign * Number(body));
    if (/^0\d/.test(body)) this.fail();
    return sign * Number(body);
  }
}

function pyKey(k: unknown): string {
  if (k === true) return 'True';
  if (k === false) return 'False';
  if (k === null) return 'None';
  return String(k);
}

/**
 * The literal `text` denotes, or `undefined` when it is not a Python literal. `jsonNames`: true, false and
 * null count too (Ansible reads them so with jinja2_native off; native mode's literal_eval does not).
 */
export function literalEval(text: string, jsonNames = true): unknown {
  try {
    const v = new LiteralReader(text, jsonNames).read();
    return v === NOT_LITERAL ? undefined : v;
  } catch (e) {
    if (e === NOT_LITERAL) return undefined;
    throw e;
  }
}
