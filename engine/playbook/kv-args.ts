/**
 * Ansible's short argument form: `name=nginx state=present`, `msg="a b"`, `echo {{ x | default('a b') }}`.
 * Tokens split on blanks outside quotes and outside Jinja2 `{{ }}`, `{% %}`, `{# #}`; a token with `=`
 * is a key/value pair unless the module takes free-form text, where only a few known options are.
 */

/** Options a free-form module (command, shell…) still takes as `key=value` inside its text. */
const FREE_FORM_OPTIONS = new Set(['creates', 'removes', 'chdir', 'executable', 'warn', 'stdin', 'stdin_add_newline', 'strip_empty_ends']);

const OPENERS: Record<string, string> = { '{{': '}}', '{%': '%}', '{#': '#}' };

/** Splits on blanks that are outside quotes and Jinja2 blocks; tokens keep their quotes. */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote = '';
  const closers: string[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const two = text.slice(i, i + 2);
    if (quote) {
      if (c === '\\' && i + 1 < text.length) {
        current += c + text[++i];
        continue;
      }
      if (c === quote && closers.length === 0) quote = '';
      current += c;
      continue;
    }
    if (OPENERS[two]) {
      closers.push(OPENERS[two]);
      current += two;
      i++;
      continue;
    }
    if (closers.length && two === closers[closers.length - 1]) {
      closers.pop();
      current += two;
      i++;
      continue;
    }
    if (closers.length === 0 && (c === '"' || c === "'") && isQuoteStart(current)) quote = c;
    if (closers.length === 0 && /\s/.test(c)) {
      if (current) tokens.push(current);
      current = '';
      continue;
    }
    current += c;
  }
  if (current) tokens.push(current);
  return tokens;
}

/** A quote opens a quoted section at a token start or right after `=` (`msg="a b"`). */
function isQuoteStart(current: string): boolean {
  return current === '' || current.endsWith('=');
}

/** Removes one pair of matching outer quotes. */
export function unquote(s: string): string {
  if (s.length >= 2 && (s[0] === '"' || s[0] === "'") && s[s.length - 1] === s[0]) return s.slice(1, -1);
  return s;
}

/** Position of the `=` that separates key and value, if the token is `key=value` with a plain key. */
function kvSplit(token: string): number {
  const eq = token.indexOf('=');
  if (eq <= 0) return -1;
  return /^[A-Za-z_][\w.-]*$/.test(token.slice(0, eq)) ? eq : -1;
}

/**
 * Parses `key=value` text into a dict. Tokens that are not pairs (and, when `freeForm`, pairs whose key is
 * not a free-form option) are joined into `_raw_params`.
 */
export function parseKv(text: string, freeForm = false): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const raw: string[] = [];
  for (const token of splitArgs(text)) {
    const eq = kvSplit(token);
    const key = eq > 0 ? token.slice(0, eq) : '';
    if (eq > 0 && (!freeForm || FREE_FORM_OPTIONS.has(key))) out[key] = unquote(token.slice(eq + 1));
    else raw.push(token);
  }
  if (raw.length) out._raw_params = raw.join(' ');
  return out;
}
