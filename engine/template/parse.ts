import * as lexer from 'nunjucks/src/lexer';
import { Parser } from 'nunjucks/src/parser';
import { AnsibleTokenizer, ParseOptions } from './tokenizer';
import { PyFloat } from './values';

/**
 * Jinja2 parsing on top of nunjucks' lexer and parser. nunjucks' grammar is close to Jinja2's; the
 * gaps playbooks hit are closed by overriding a few parser methods in a subclass (no global
 * monkey-patching): slices `x[1:]`, numeric attributes `x.0`, tests with an unparenthesised argument
 * (`is divisibleby 3`) and dotted names (`is ansible.builtin.version(...)`), loop filters
 * (`for x in y if cond`), and float literals that stay floats. The tree is evaluated by evaluate.ts
 * with Python semantics rather than compiled by nunjucks to JavaScript.
 */

export type { ParseOptions };

/** A parsed template node; fields depend on `typename` (nunjucks' node classes plus Slice and Test). */
export interface JNode {
  typename: string;
  lineno: number;
  colno: number;
  value?: unknown;
  children?: JNode[];
  target?: JNode;
  val?: JNode | null;
  left?: JNode;
  right?: JNode;
  expr?: JNode;
  ops?: JNode[];
  type?: string;
  name?: JNode;
  args?: JNode;
  body?: JNode;
  cond?: JNode | null;
  else_?: JNode | null;
  arr?: JNode;
  key?: JNode;
  targets?: JNode[];
  start?: JNode | null;
  stop?: JNode | null;
  step?: JNode | null;
  testName?: string;
  testArgs?: JNode[];
  negate?: boolean;
  template?: JNode;
  names?: JNode;
  /** A LookupVal written `a.b` (attribute first) rather than `a['b']` (item first). */
  dot?: boolean;
}


function node(typename: string, lineno: number, colno: number, fields: Partial<JNode>): JNode {
  return { typename, lineno, colno, ...fields };
}

const STOP_WORDS = new Set(['and', 'or', 'else', 'if', 'in', 'is', 'not']);

class AnsibleParser extends Parser {
  /** Inside a call's argument list, where `*args` and `**kwargs` may appear. */
  private argumentLists = 0;

  override parseSignature(tolerant?: boolean, noParens?: boolean): unknown {
    this.argumentLists++;
    try {
      return super.parseSignature(tolerant, noParens);
    } finally {
      this.argumentLists--;
    }
  }

  /** An argument `*seq` or `**dict` is a Splat node (its `type` is the star or stars). */
  override parseExpression(): unknown {
    const tok = this.peekToken();
    if (this.argumentLists > 0 && tok?.type === lexer.TOKEN_OPERATOR && (tok.value === '*' || tok.value === '**')) {
      this.nextToken();
      const inner = this.argumentLists;
      // What is spread is an ordinary expression, in which a star multiplies again.
      this.argumentLists = 0;
      try {
        return node('Splat', tok.lineno, tok.colno, { type: tok.value, expr: super.parseExpression() as JNode });
      } finally {
        this.argumentLists = inner;
      }
    }
    return super.parseExpression();
  }

  override parsePrimary(noPostfix?: boolean): unknown {
    const tok = this.peekToken();
    if (tok?.type === lexer.TOKEN_STRING) {
      // Adjacent string literals concatenate, as in Python: 'a' 'b'.
      this.nextToken();
      let text = tok.value;
      while (this.peekToken()?.type === lexer.TOKEN_STRING) text += (this.nextToken() as lexer.Token).value;
      const literal = node('Literal', tok.lineno, tok.colno, { value: text });
      return noPostfix ? literal : this.parsePostfix(literal);
    }
    const result = super.parsePrimary(noPostfix) as JNode;
    if (tok?.type === lexer.TOKEN_FLOAT && result.typename === 'Literal' && Number.isInteger(result.value)) {
      result.value = new PyFloat(result.value as number);
    }
    return result;
  }

  override parsePostfix(start: unknown): unknown {
    let current = start as JNode;
    for (;;) {
      const tok = this.peekToken();
      if (tok?.type === lexer.TOKEN_LEFT_BRACKET) {
        this.nextToken();
        current = node('LookupVal', tok.lineno, tok.colno, { target: current, val: this.parseSubscript() });
      } else if (tok?.type === lexer.TOKEN_OPERATOR && tok.value === '.') {
        this.nextToken();
        current = this.parseDotted(current, tok);
      } else if (tok?.type === lexer.TOKEN_LEFT_PAREN) {
        current = node('FunCall', tok.lineno, tok.colno, { name: current, args: this.parseSignature() as JNode });
      } else {
        return current;
      }
    }
  }

  /**
   * After a `.`: a name or an index. nunjucks' lexer reads `x.0.y` as `x`, `.`, float `0.`, `y`, so a
   * float token stands for one or two indexes and, ending in `.`, for the dot before the next name.
   */
  private parseDotted(target: JNode, dot: lexer.Token): JNode {
    const name = this.nextToken();
    const lookup = (t: JNode, key: unknown, at: lexer.Token) =>
      node('LookupVal', at.lineno, at.colno, { target: t, val: node('Literal', at.lineno, at.colno, { value: key }), dot: true });
    // nunjucks reads `none`, `null`, `true` and `false` as literals; after a dot Jinja2 reads them as names.
    if (name && [lexer.TOKEN_SYMBOL, lexer.TOKEN_NONE, lexer.TOKEN_BOOLEAN].includes(name.type)) return lookup(target, name.value, name);
    if (name?.type === lexer.TOKEN_INT) return lookup(target, Number(name.value), name);
    if (name?.type === lexer.TOKEN_FLOAT) {
      const [first, second] = name.value.split('.');
      const indexed = lookup(target, Number(first), name);
      if (second) return lookup(indexed, Number(second), name);
      return this.parseDotted(indexed, dot);
    }
    return this.fail(`expected name as lookup value, got ${name?.value}`, name?.lineno, name?.colno);
  }

  /** After `[`: an index, or a slice `a:b:c` with any part omitted. */
  private parseSubscript(): JNode {
    const at = this.peekToken();
    const parts: (JNode | null)[] = [];
    let isSlice = false;
    for (;;) {
      const tok = this.peekToken();
      if (tok.type === lexer.TOKEN_RIGHT_BRACKET) {
        this.nextToken();
        break;
      }
      if (tok.type === lexer.TOKEN_COLON) {
        this.nextToken();
        isSlice = true;
        if (parts.length === 0) parts.push(null);
        if (this.peekToken().type === lexer.TOKEN_COLON || this.peekToken().type === lexer.TOKEN_RIGHT_BRACKET) parts.push(null);
        continue;
      }
      parts.push(this.parseExpression() as JNode);
    }
    if (!isSlice) {
      if (parts.length !== 1 || !parts[0]) this.fail('invalid index', at.lineno, at.colno);
      return parts[0];
    }
    return node('Slice', at.lineno, at.colno, { start: parts[0] ?? null, stop: parts[1] ?? null, step: parts[2] ?? null });
  }

  /** Tests are read with filters (parseFilter), below every operator, as in Jinja2. */
  parseIs(): unknown {
    return this.parseCompare();
  }

  /**
   * Filters and tests after a value, read together as Jinja2 reads them: tighter than any operator, so
   * `a == b is successful` is `a == (b is successful)` and `x is defined | bool` is `(x is defined) | bool`.
   */
  override parseFilter(start: unknown): unknown {
    let current = start as JNode;
    for (;;) {
      const tok = this.peekToken();
      if (tok?.type === lexer.TOKEN_PIPE) current = super.parseFilter(current) as JNode;
      else if (tok?.type === lexer.TOKEN_SYMBOL && tok.value === 'is') current = this.parseTest(current);
      else return current;
    }
  }

  /** `x is [not] name`, `x is name(args)` or `x is name arg`, as Jinja2 allows. */
  private parseTest(target: JNode): JNode {
    this.nextToken();
    const negate = this.skipSymbol('not');
    const first = this.nextToken();
    if (!first || ![lexer.TOKEN_SYMBOL, lexer.TOKEN_NONE, lexer.TOKEN_BOOLEAN].includes(first.type)) {
      this.fail('expected a test name after "is"', first?.lineno, first?.colno);
    }
    let testName = first.value;
    while (this.peekToken().type === lexer.TOKEN_OPERATOR && this.peekToken().value === '.') {
      this.nextToken();
      testName += '.' + this.expect(lexer.TOKEN_SYMBOL).value;
    }
    let args: JNode | undefined;
    const next = this.peekToken();
    if (next.type === lexer.TOKEN_LEFT_PAREN) {
      args = this.parseSignature() as JNode;
    } else if (startsArgument(next)) {
      args = node('NodeList', next.lineno, next.colno, { children: [this.parsePrimary() as JNode] });
    }
    return node('Test', first.lineno, first.colno, { target, testName, args, negate });
  }

  /** `a if c else b`, where b may itself be an inline if (nunjucks allows only one level). */
  parseInlineIf(): unknown {
    const body = this.parseOr() as JNode;
    if (!this.skipSymbol('if')) return body;
    const cond = this.parseOr() as JNode;
    const else_ = this.skipSymbol('else') ? (this.parseInlineIf() as JNode) : null;
    return node('InlineIf', body.lineno, body.colno, { body, cond, else_ });
  }

  override parseFor(): unknown {
    const loop = super.parseFor() as JNode;
    const arr = loop.arr;
    if (arr?.typename === 'InlineIf' && arr.else_ === null) {
      loop.arr = arr.body;
      loop.cond = arr.cond;
    }
    return loop;
  }
}

function startsArgument(tok: lexer.Token | null): boolean {
  if (!tok) return false;
  if (tok.type === lexer.TOKEN_SYMBOL) return !STOP_WORDS.has(tok.value);
  return [lexer.TOKEN_STRING, lexer.TOKEN_INT, lexer.TOKEN_FLOAT, lexer.TOKEN_BOOLEAN, lexer.TOKEN_NONE,
    lexer.TOKEN_LEFT_BRACKET, lexer.TOKEN_LEFT_CURLY].includes(tok.type);
}

/** Jinja2's `{% with a = 1, b = 2 %}…{% endwith %}`, which nunjucks lacks, as a parser extension. */
const withStatement = {
  tags: ['with'],
  parse(parser: Parser): unknown {
    const tok = parser.nextToken() as lexer.Token;
    const targets: JNode[] = [];
    const values: JNode[] = [];
    while (parser.peekToken().type !== lexer.TOKEN_BLOCK_END) {
      if (targets.length) parser.expect(lexer.TOKEN_COMMA);
      targets.push(parser.parsePrimary(true) as JNode);
      if (!parser.skipValue(lexer.TOKEN_OPERATOR, '=')) parser.fail('expected = in with statement', tok.lineno, tok.colno);
      values.push(parser.parseExpression() as JNode);
    }
    parser.advanceAfterBlockEnd(tok.value);
    const body = parser.parseUntilBlocks('endwith') as JNode;
    parser.advanceAfterBlockEnd();
    return node('With', tok.lineno, tok.colno, { targets, children: values, body });
  },
};

/** Parses a template; a syntax error is thrown as nunjucks' TemplateError (see {@link NunjucksSyntaxError}). */
export function parseTemplate(src: string, opts: ParseOptions): JNode {
  const parser = new AnsibleParser(new AnsibleTokenizer(src, opts));
  parser.extensions = [withStatement];
  return parser.parseAsRoot() as JNode;
}

/** The error nunjucks raises for a syntax error, with 1-based line/column. */
export interface NunjucksSyntaxError extends Error {
  lineno?: number;
  colno?: number;
}
