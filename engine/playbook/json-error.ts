/**
 * Where and why a text is not JSON, in the words of Python's json module ("Extra data: line 1 column 4
 * (char 3)"), which Ansible quotes when a file is neither JSON nor YAML. JSON.parse's messages differ and
 * often give no position, so the text is scanned here the way Python's decoder scans it.
 */
export function pythonJsonError(text: string): string | undefined {
  try {
    new Scanner(text).document();
    return undefined;
  } catch (err) {
    if (!(err instanceof JsonProblem)) throw err;
    const line = text.slice(0, err.pos).split('\n').length;
    const column = err.pos - text.lastIndexOf('\n', err.pos - 1);
    return `${err.message}: line ${line} column ${column} (char ${err.pos})`;
  }
}

class JsonProblem extends Error {
  constructor(message: string, readonly pos: number) {
    super(message);
  }
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;
const CONSTANTS = ['null', 'true', 'false', 'NaN', 'Infinity', '-Infinity'];
const ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

class Scanner {
  private pos = 0;

  constructor(private readonly text: string) {}

  document(): void {
    this.value();
    this.space();
    if (this.pos < this.text.length) throw new JsonProblem('Extra data', this.pos);
  }

  private space(): void {
    while (/[ \t\n\r]/.test(this.text[this.pos] ?? '')) this.pos++;
  }

  private value(): void {
    this.space();
    const c = this.text[this.pos];
    if (c === '"') return this.string();
    if (c === '{') return this.object();
    if (c === '[') return this.array();
    const constant = CONSTANTS.find((k) => this.text.startsWith(k, this.pos));
    if (constant) {
      this.pos += constant.length;
      return;
    }
    NUMBER.lastIndex = this.pos;
    const m = NUMBER.exec(this.text);
    if (!m) throw new JsonProblem('Expecting value', this.pos);
    this.pos += m[0].length;
  }

  private string(): void {
    const start = this.pos++;
    for (;;) {
      const c = this.text[this.pos];
      if (c === undefined) throw new JsonProblem('Unterminated string starting at', start);
      if (c === '"') break;
      if (c < ' ') throw new JsonProblem('Invalid control character at', this.pos);
      if (c === '\\') {
        const e = this.text[this.pos + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(this.text.slice(this.pos + 2, this.pos + 6))) throw new JsonProblem('Invalid \\uXXXX escape', this.pos + 1);
          this.pos += 4;
        } else if (e === undefined) {
          throw new JsonProblem('Unterminated string starting at', start);
        } else if (!ESCAPES.has(e)) {
          throw new JsonProblem(`Invalid \\escape`, this.pos);
        }
        this.pos++;
      }
      this.pos++;
    }
    this.pos++;
  }

  private object(): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === '}') {
      this.pos++;
      return;
    }
    for (;;) {
      if (this.text[this.pos] !== '"') throw new JsonProblem('Expecting property name enclosed in double quotes', this.pos);
      this.string();
      this.space();
      if (this.text[this.pos] !== ':') throw new JsonProblem("Expecting ':' delimiter", this.pos);
      this.pos++;
      this.value();
      this.space();
      const c = this.text[this.pos++];
      if (c === '}') return;
      if (c !== ',') throw new JsonProblem("Expecting ',' delimiter", this.pos - 1);
      this.space();
    }
  }

  private array(): void {
    this.pos++;
    this.space();
    if (this.text[this.pos] === ']') {
      this.pos++;
      return;
    }
    for (;;) {
      this.value();
      this.space();
      const c = this.text[this.pos++];
      if (c === ']') return;
      if (c !== ',') throw new JsonProblem("Expecting ',' delimiter", this.pos - 1);
    }
  }
}
