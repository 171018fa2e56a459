// nunjucks ships no types for its lexer/parser/nodes modules; tsible reuses them to parse Jinja2
// and evaluates the tree itself (see parse.ts), so only the members used are declared here.
declare module 'nunjucks/src/lexer' {
  export interface Token {
    type: string;
    value: string;
    lineno: number;
    colno: number;
  }
  export interface LexOptions {
    trimBlocks?: boolean;
    lstripBlocks?: boolean;
    tags?: { blockStart?: string; blockEnd?: string; variableStart?: string; variableEnd?: string; commentStart?: string; commentEnd?: string };
  }
  export class Tokenizer {
    constructor(src: string, opts?: LexOptions);
    nextToken(): Token | null;
    _parseString(delimiter: string): string;
    current(): string;
    forward(): void;
    isFinished(): boolean;
    in_code: boolean;
    str: string;
    index: number;
    lineno: number;
    colno: number;
  }
  export function lex(src: string, opts?: LexOptions): Tokenizer;
  export const TOKEN_VARIABLE_START: string;
  export const TOKEN_VARIABLE_END: string;
  export const TOKEN_LEFT_BRACKET: string;
  export const TOKEN_RIGHT_BRACKET: string;
  export const TOKEN_LEFT_PAREN: string;
  export const TOKEN_COLON: string;
  export const TOKEN_OPERATOR: string;
  export const TOKEN_SYMBOL: string;
  export const TOKEN_INT: string;
  export const TOKEN_FLOAT: string;
  export const TOKEN_STRING: string;
  export const TOKEN_BOOLEAN: string;
  export const TOKEN_NONE: string;
  export const TOKEN_LEFT_CURLY: string;
  export const TOKEN_RIGHT_CURLY: string;
  export const TOKEN_COMMENT: string;
  export const TOKEN_COMMA: string;
  export const TOKEN_PIPE: string;
  export const TOKEN_BLOCK_END: string;
}

declare module 'nunjucks/src/parser' {
  import { Token, Tokenizer } from 'nunjucks/src/lexer';
  export class Parser {
    constructor(tokens: Tokenizer);
    tokens: Tokenizer;
    peekToken(): Token;
    nextToken(): Token | null;
    pushToken(tok: Token | null): void;
    skip(type: string): boolean;
    skipValue(type: string, value: string): boolean;
    skipSymbol(name: string): boolean;
    expect(type: string): Token;
    fail(msg: string, lineno?: number, colno?: number): never;
    parseExpression(): unknown;
    parsePrimary(noPostfix?: boolean): unknown;
    parseCompare(): unknown;
    parseOr(): unknown;
    parseFilter(node: unknown): unknown;
    parseSignature(tolerant?: boolean, noParens?: boolean): unknown;
    parsePostfix(node: unknown): unknown;
    parseFor(): unknown;
    parseAsRoot(): unknown;
    advanceAfterBlockEnd(name?: string): unknown;
    parseUntilBlocks(...names: string[]): unknown;
    extensions: { tags: string[]; parse(parser: Parser): unknown }[];
  }
}

declare module 'nunjucks/src/nodes' {
  export class Node {
    constructor(lineno: number, colno: number, ...fields: unknown[]);
  }
  export const Literal: typeof Node;
  export const Symbol: typeof Node;
  export const LookupVal: typeof Node;
  export const FunCall: typeof Node;
  export const NodeList: typeof Node;
  export const Not: typeof Node;
}
