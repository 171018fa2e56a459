import * as lexer from 'nunjucks/src/lexer';
import type { Delimiters } from './types';

/**
 * nunjucks' tokenizer with Jinja2's lexing where they differ: Python string escapes (and literal
 * backslashes inside `{{ }}` of playbook strings, as Ansible arranges), `}}` closing nested dict
 * literals, exponent floats, and trim_blocks after comments.
 */

export interface ParseOptions {
  trimBlocks: boolean;
  lstripBlocks: boolean;
  /**
   * Ansible doubles backslashes inside `{{ }}` string literals of playbook strings, so there a
   * backslash is literal (`regex_replace('\d', …)`); in template files escapes work as in Python.
   */
  literalBackslashes: boolean;
  delimiters?: Delimiters;
}

// nunjucks exports only `lex`, not the tokenizer class; a tokenizer instance leads to it.
const BaseTokenizer = lexer.lex('').constructor as typeof lexer.Tokenizer;

export class AnsibleTokenizer extends BaseTokenizer {
  private inVariable = false;
  /** Open `{` of dict literals, so `{{ {'a': {'b': 1}} }}` closes the dicts before the variable. */
  private curlies = 0;
  constructor(src: string, private readonly opts: ParseOptions) {
    super(src, { trimBlocks: opts.trimBlocks, lstripBlocks: opts.lstripBlocks, tags: opts.delimiters });
  }
  override nextToken(): lexer.Token | null {
    if (this.in_code && this.curlies > 0 && this.current() === '}') {
      const tok = { type: lexer.TOKEN_RIGHT_CURLY, value: '}', lineno: this.lineno, colno: this.colno };
      this.forward();
      this.curlies--;
      return tok;
    }
    // nunjucks' lexer has no exponent floats (`1e3`).
    const exponent = this.in_code ? /^\d+(?:\.\d*)?[eE][-+]?\d+/.exec(this.str.slice(this.index, this.index + 40)) : null;
    if (exponent) {
      const tok = { type: lexer.TOKEN_FLOAT, value: exponent[0], lineno: this.lineno, colno: this.colno };
      for (let i = 0; i < exponent[0].length; i++) this.forward();
      return tok;
    }
    const tok = super.nextToken();
    if (tok?.type === lexer.TOKEN_VARIABLE_START) this.inVariable = true;
    if (tok?.type === lexer.TOKEN_VARIABLE_END) this.inVariable = false;
    if (tok?.type === lexer.TOKEN_COMMENT && this.opts.trimBlocks) this.skipNewline();
    if (tok?.type === lexer.TOKEN_LEFT_CURLY) this.curlies++;
    if (tok?.type === lexer.TOKEN_RIGHT_CURLY) this.curlies--;
    return tok;
  }
  /** Jinja2's trim_blocks also removes the newline after a comment; nunjucks' only after blocks. */
  private skipNewline(): void {
    if (this.current() === '\r' && this.str[this.index + 1] === '\n') this.forward();
    if (this.current() === '\n') this.forward();
  }

  override _parseString(delimiter: string): string {
    if (!this.opts.literalBackslashes || !this.inVariable) return pythonString(this, delimiter);
    this.forward();
    let str = '';
    while (!this.isFinished() && this.current() !== delimiter) {
      str += this.current();
      this.forward();
    }
    this.forward();
    return str;
  }
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0', a: '\x07', b: '\b', f: '\f', v: '\v' };

/** A Python string literal's escapes (`\n`, `\x41`, `\u00e9`…); unknown ones such as `\d` keep their backslash. */
function pythonString(t: lexer.Tokenizer, delimiter: string): string {
  t.forward();
  let str = '';
  while (!t.isFinished() && t.current() !== delimiter) {
    const cur = t.current();
    t.forward();
    if (cur !== '\\') {
      str += cur;
      continue;
    }
    const next = t.current();
    t.forward();
    const digits = next === 'x' ? 2 : next === 'u' ? 4 : next === 'U' ? 8 : 0;
    if (digits) {
      let hex = '';
      for (let i = 0; i < digits && /[0-9a-fA-F]/.test(t.current()); i++, t.forward()) hex += t.current();
      str += hex.length === digits ? String.fromCodePoint(parseInt(hex, 16)) : '\\' + next + hex;
      continue;
    }
    str += ESCAPES[next] ?? '\\' + next;
  }
  t.forward();
  return str;
}
