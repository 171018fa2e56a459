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
  if (raw.length) options._raw_params = raw.join(' ');
  return options;
}

/** An `=` at the very start never splits, nor one after a backslash. */
function firstUnescapedEquals(s: string): number {
  for (let i = 1; i < s.length; i++) if (s[i] === '=' && s[i - 1] !== '\\') return i;
  return -1;
}

/**
 * Splits on spaces and newlines (not tabs), keeping quoted text and Jinja2 `{{ }}`, `{% %}`, `{# #}`
 * blocks whole, like Ansible's split_args. A lone `\` outside quotes continues the line.
 */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | undefined;
  const depth = { '{{': 0, '{%': 0, '{#': 0 };
  const closers = { '}}': '{{', '%}': '{%', '#}': '{#' } as const;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const pair = text.slice(i, i + 2);
    const nested = quote !== undefined || depth['{{'] + depth['{%'] + depth['{#'] > 0;
    if ((c === ' ' || c === '\n') && !nested) {
      if (current && current !== '\\') tokens.push(current);
      current = '';
      continue;
    }
    if ((c === '"' || c === "'") && text[i - 1] !== '\\') {
      if (quote === undefined) quote = c;
      else if (quote === c) quote = undefined;
    } else if (pair in depth) {
      depth[pair as keyof typeof depth] += 1;
      current += pair;
      i += 1;
      continue;
    } else if (pair in closers) {
      const opener = closers[pair as keyof typeof closers];
      depth[opener] = Math.max(0, depth[opener] - 1);
      current += pair;
      i += 1;
      continue;
    }
    current += c;
  }
  if (current && current !== '\\') tokens.push(current);
  if (quote !== undefined || depth['{{'] + depth['{%'] + depth['{#'] > 0) {
    throw new TsibleError(`failed at splitting arguments, either an unbalanced jinja2 block or quotes: ${text}`, {
      exitCode: ExitCode.parserError,
    });
  }
  return tokens;
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
