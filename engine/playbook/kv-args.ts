import { unquote } from '../config/coerce';
import { ExitCode, TsibleError } from '../errors';

/**
 * Ansible's short argument form: `name=nginx state=present`, `msg="a b"`, `echo {{ x | default('a b') }}`,
 * parsed as ansible-core's parse_kv does: tokens split on spaces and newlines outside quotes and Jinja2
 * blocks, Python escapes decoded, the first unescaped `=` separating key from value. For free-form
 * modules (command, shell…) only a few known options are taken out of the text; the rest stays as
 * written in `_raw_params`.
 */

/** Options a free-form module (command, shell…) still takes as `key=value` inside its text. */
const FREE_FORM_OPTIONS = new Set(['creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends']);

export function parseKv(text: string, freeForm = false): Record<string, string> {
  const options: Record<string, string> = {};
  const raw: string[] = [];
  for (const token of splitArgs(text)) {
    const decoded = decodeEscapes(token);
    const eq = firstUnescapedEquals(decoded);
    if (eq === -1) {
      raw.push(decoded.includes('=') ? decoded.replace(/\\=/g, '=') : token);
      continue;
    }
    const key = decoded.slice(0, eq).trim();
    if (freeForm && !FREE_FORM_OPTIONS.has(key)) {
      raw.push(token);
      continue;
    }
    options[key] = unquote(decoded.slice(eq + 1).trim());
  }
  if (raw.length) options._raw_params = joinArgs(raw);
  return options;
}

/** An `=` at the very start never splits, nor one after a backslash. */
function firstUnescapedEquals(s: string): number {
  for (let i = 1; i < s.length; i++) if (s[i] === '=' && s[i - 1] !== '\\') return i;
  return -1;
}

/**
 * Splits on spaces and newlines (not tabs), keeping quoted text and Jinja2 `{{ }}`, `{% %}`, `{# #}`
 * blocks whole, as Ansible's split_args does, and keeping the layout for free-form text: a token that
 * ends a line carries its newline, a run of spaces leaves the extra ones on the token before it, and a
 * lone `\` outside quotes joins the next line to this one.
 */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let quote: string | undefined;
  const depth = { '{{': 0, '{%': 0, '{#': 0 };
  const lines = text.split('\n');
  lines.forEach((line, lineIndex) => {
    let continued = false;
    line.split(' ').forEach((word, wordIndex) => {
      if (word === '' && wordIndex > 0) {
        if (tokens.length) tokens[tokens.length - 1] += ' ';
        return;
      }
      if (word === '\\' && quote === undefined) {
        continued = true;
        return;
      }
      const wasQuoted = quote !== undefined;
      quote = quoteStateAfter(word, quote);
      const inJinja = depth['{{'] + depth['{%'] + depth['{#'] > 0;
      let placed = false;
      if (quote !== undefined && !wasQuoted && !inJinja) {
        tokens.push(word);
        placed = true;
      } else if (inJinja || quote !== undefined || wasQuoted) {
        // The word continues the open token: on the same line after a space, or on a new line.
        const joiner = wordIndex === 0 && wasQuoted ? '' : line.includes(' ') ? (wordIndex > 0 ? ' ' : '') : '\n';
        tokens[tokens.length - 1] += joiner + word;
        placed = true;
      }
      for (const [open, close] of [['{{', '}}'], ['{%', '%}'], ['{#', '#}']] as const) {
        const before = depth[open];
        depth[open] = jinjaDepthAfter(word, before, open, close);
        if (depth[open] !== before && !placed) {
          tokens.push(word);
          placed = true;
        }
      }
      if (!placed && quote === undefined && depth['{{'] + depth['{%'] + depth['{#'] === 0 && word !== '') tokens.push(word);
    });
    if (lines.length > 1 && lineIndex < lines.length - 1 && !continued && tokens.length) tokens[tokens.length - 1] += '\n';
  });
  if (quote !== undefined || depth['{{'] + depth['{%'] + depth['{#'] > 0) {
    throw new TsibleError(`failed at splitting arguments, either an unbalanced jinja2 block or quotes: ${text}`, {
      exitCode: ExitCode.parserError,
    });
  }
  return tokens;
}

/** The quote still open after a word, given the one open before it (a quote after `\\` does not count). */
function quoteStateAfter(word: string, open: string | undefined): string | undefined {
  let quote = open;
  for (let i = 0; i < word.length; i++) {
    const c = word[i];
    if ((c === '"' || c === "'") && word[i - 1] !== '\\') {
      if (quote === undefined) quote = c;
      else if (quote === c) quote = undefined;
    }
  }
  return quote;
}

function jinjaDepthAfter(word: string, depth: number, open: string, close: string): number {
  const delta = word.split(open).length - word.split(close).length;
  return Math.max(0, depth + delta);
}

/** Free-form text put back together from its tokens: a space between them, none after a newline. */
function joinArgs(tokens: string[]): string {
  return tokens.reduce((text, t) => (text === '' || text.endsWith('\n') ? text + t : `${text} ${t}`), '');
}

const ESCAPE_RE = /\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\\'"abfnrtv])/g;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Python-style backslash escapes, decoded as parse_kv decodes them before splitting key from value. */
function decodeEscapes(s: string): string {
  return s.replace(ESCAPE_RE, (_m, esc: string) => {
    if (esc.length === 1) return SIMPLE_ESCAPES[esc];
    return String.fromCodePoint(parseInt(esc.slice(1), 16));
  });
}
