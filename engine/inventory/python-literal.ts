/**
 * Python literal syntax, as INI inventories read their values: `1` is an int, `True` a bool, `[1, 2]`
 * a list, `'x'` a string. Anything that is not a literal stays the text it was (`yes`, `0644`,
 * `x y`), exactly as Ansible keeps a value when Python's literal_eval rejects it.
 */
export function parsePythonLiteral(text: string): unknown {
  try {
    const parser = new LiteralParser(text.replace(/^[ \t]+/, ''));
    const value = parser.value();
    parser.end();
    return value;
  } catch (err) {
    if (err instanceof NotLiteral) return text;
    throw err;
  }
}

class NotLiteral extends Error {}

const NUMBER = /^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|(?:\d(?:_?\d)*)?\.?(?:\d(?:_?\d)*)?(?:[eE][-+]?\d(?:_?\d)*)?)[jJ]?/;
const STRING_START = /^([rRuUbBfF]{0,2})('''|"""|'|")/;
const NAMES: Record<string, unknown> = { True: true, False: false, None: null };

class LiteralParser {
  private pos = 0;

  constructor(private readonly src: string) {}

  end(): void {
    this.skipSpace();
    if (this.pos < this.src.length) throw new NotLiteral();
  }

  value(): unknown {
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === '[') return this.sequence(']');
    if (c === '(') return this.parenthesised();
    if (c === '{') return this.braces();
    if (c === '+' || c === '-') return this.signed();
    if (STRING_START.test(this.rest())) return this.strings();
    const name = /^[A-Za-z_]\w*/.exec(this.rest());
    if (name) {
      if (!(name[0] in NAMES)) throw new NotLiteral();
      this.pos += name[0].length;
      return NAMES[name[0]];
    }
    return this.number();
  }

  private rest(): string {
    return this.src.slice(this.pos);
  }

  private skipSpace(): void {
    while (this.pos < this.src.length && ' \t\n\r\f'.includes(this.src[this.pos])) this.pos++;
  }

  private eat(ch: string): boolean {
    this.skipSpace();
    if (this.src[this.pos] !== ch) return false;
    this.pos++;
    return true;
  }

  private expect(ch: string): void {
    if (!this.eat(ch)) throw new NotLiteral();
  }

  private signed(): number {
    const sign = this.src[this.pos++] === '-' ? -1 : 1;
    this.skipSpace();
    const c = this.src[this.pos];
    if (c === '+' || c === '-') return sign * this.signed();
    return sign * this.number();
  }

  private number(): number {
    const m = NUMBER.exec(this.rest());
    const text = m?.[0] ?? '';
    // Complex numbers have no JSON form; the value stays text, as it could never reach a playbook typed.
    if (!/\d/.test(text) || /[jJ]$/.test(text)) throw new NotLiteral();
    if (/^0\d*[1-9]/.test(text.replace(/_/g, '')) && !/[.eE]/.test(text)) throw new NotLiteral();
    if (/^\w/.test(this.src.slice(this.pos + text.length))) throw new NotLiteral();
    this.pos += text.length;
    const clean = text.replace(/_/g, '');
    if (/^0[xob]/i.test(clean)) return Number(clean.toLowerCase());
    return Number(clean.startsWith('.') ? `0${clean}` : clean);
  }

  /** Adjacent string literals concatenate, as in Python source. */
  private strings(): string {
    let out = '';
    do out += this.string();
    while ((this.skipSpace(), STRING_START.test(this.rest())));
    return out;
  }

  private string(): string {
    const m = STRING_START.exec(this.rest()) as RegExpExecArray;
    const prefix = m[1].toLowerCase();
    if (prefix.includes('f') || (prefix.length === 2 && !['rb', 'br'].includes(prefix))) throw new NotLiteral();
    const quote = m[2];
    this.pos += m[0].length;
    const raw = prefix.includes('r');
    let out = '';
    for (;;) {
      if (this.pos >= this.src.length) throw new NotLiteral();
      if (this.src.startsWith(quote, this.pos)) break;
      const c = this.src[this.pos];
      if (c === '\n' && quote.length === 1) throw new NotLiteral();
      if (c === '\\') {
        const [text, used] = raw ? [this.src.slice(this.pos, this.pos + 2), 2] : unescape(this.src, this.pos);
        out += text;
        this.pos += used;
        continue;
      }
      out += c;
      this.pos++;
    }
    this.pos += quote.length;
    return out;
  }

  private sequence(close: string): unknown[] {
    this.pos++;
    return this.items(close);
  }

  /** Comma-separated values up to `close`, a trailing comma allowed. */
  private items(close: string): unknown[] {
    const out: unknown[] = [];
    while (!this.eat(close)) {
      out.push(this.value());
      if (!this.eat(',')) {
        this.expect(close);
        break;
      }
    }
    return out;
  }

  /** `(1)` is just 1; `(1,)` and `()` are tuples, which JSON knows as lists. */
  private parenthesised(): unknown {
    this.pos++;
    if (this.eat(')')) return [];
    const first = this.value();
    if (this.eat(')')) return first;
    this.expect(',');
    return [first, ...this.items(')')];
  }

  /** A dict, or a set (which JSON knows as a list). */
  private braces(): unknown {
    this.pos++;
    if (this.eat('}')) return {};
    const first = this.value();
    if (!this.eat(':')) {
      if (this.eat('}')) return [first];
      this.expect(',');
      return [first, ...this.items('}')];
    }
    const out: Record<string, unknown> = {};
    out[dictKey(first)] = this.value();
    while (this.eat(',')) {
      if (this.eat('}')) return out;
      const key = this.value();
      this.expect(':');
      out[dictKey(key)] = this.value();
    }
    this.expect('}');
    return out;
  }
}

/** Dict keys become JSON object keys the way Python's json module writes them. */
function dictKey(key: unknown): string {
  if (key === true) return 'true';
  if (key === false) return 'false';
  if (key === null) return 'null';
  if (typeof key === 'object') throw new NotLiteral();
  return String(key);
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '', '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** One backslash escape at `pos`: the text it stands for and how many characters it used. */
function unescape(src: string, pos: number): [string, number] {
  const c = src[pos + 1];
  if (c === undefined) throw new NotLiteral();
  if (c in SIMPLE_ESCAPES) return [SIMPLE_ESCAPES[c], 2];
  const octal = /^[0-7]{1,3}/.exec(src.slice(pos + 1));
  if (octal) return [String.fromCodePoint(parseInt(octal[0], 8)), 1 + octal[0].length];
  const hexLen = c === 'x' ? 2 : c === 'u' ? 4 : c === 'U' ? 8 : 0;
  if (hexLen) {
    const hex = src.slice(pos + 2, pos + 2 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${hexLen}}$`).test(hex)) throw new NotLiteral();
    return [String.fromCodePoint(parseInt(hex, 16)), 2 + hexLen];
  }
  // Python keeps an unknown escape as written, backslash included.
  return [`\\${c}`, 2];
}
