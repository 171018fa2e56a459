import { TemplateRuntimeError, tuple } from './values';

/**
 * Python `re` patterns and replacements in JavaScript: named groups `(?P<n>…)`, `(?P=n)`, `\A`, `\Z`,
 * leading inline flags `(?i)`, Python's `$` (also before a final newline), and `\1` / `\g<n>`
 * backreferences in replacements.
 */

export interface PyRegexFlags {
  ignorecase?: boolean;
  multiline?: boolean;
  dotall?: boolean;
}

function stripVerbose(src: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') { out += c + (src[++i] ?? ''); continue; }
    if (c === '[') inClass = true;
    else if (c === ']') inClass = false;
    if (!inClass && /\s/.test(c)) continue;
    if (!inClass && c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    out += c;
  }
  return out;
}

/** A pattern that does not compile; `reason` is Python's `re.error` text where we know it. */
export class RegexError extends TemplateRuntimeError {
  constructor(pattern: string, readonly reason: string) {
    super(`invalid regular expression '${pattern}': ${reason}`);
  }
}

/** Converts a Python pattern; `global` adds the JS `g` flag for sub/findall. */
export function pyRegex(pattern: string, flags: PyRegexFlags = {}, global = false): RegExp {
  let src = pattern;
  let f = (flags.ignorecase ? 'i' : '') + (flags.multiline ? 'm' : '') + (flags.dotall ? 's' : '');
  const inline = /^\(\?([aiLmsux]+)\)/.exec(src);
  if (inline) {
    src = src.slice(inline[0].length);
    for (const ch of inline[1]) if ('ims'.includes(ch) && !f.includes(ch)) f += ch;
    if (inline[1].includes('x')) src = stripVerbose(src);
  }
  let out = '';
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      const n = src[i + 1] ?? '';
      i++;
      if (!inClass && n === 'A') out += '(?<![\\s\\S])';
      else if (!inClass && n === 'Z') out += '(?![\\s\\S])';
      else out += c + n;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (src[i + 1] === ']') out += src[++i];
      else if (src[i + 1] === '^' && src[i + 2] === ']') out += src[++i] + src[++i];
      continue;
    }
    if (src.startsWith('(?P<', i)) { out += '(?<'; i += 3; continue; }
    const back = /^\(\?P=(\w+)\)/.exec(src.slice(i));
    if (back) { out += `\\k<${back[1]}>`; i += back[0].length - 1; continue; }
    if (c === '$' && !f.includes('m')) { out += '(?=\\n?(?![\\s\\S]))'; continue; }
    out += c;
  }
  try {
    return new RegExp(out, f + (global ? 'g' : ''));
  } catch (e) {
    throw new RegexError(pattern, pythonReason(pattern, (e as Error).message));
  }
}

/** Python's wording for the commonest pattern mistakes (playbooks test for it), JavaScript's otherwise. */
function pythonReason(pattern: string, jsMessage: string): string {
  if (/Nothing to repeat/.test(jsMessage)) {
    const at = /(?:^|[(|])[*+?{]/.exec(pattern);
    return at ? `nothing to repeat at position ${at.index + (at[0].length - 1)}` : 'nothing to repeat';
  }
  if (/Unterminated group/.test(jsMessage)) return 'missing ), unterminated subpattern';
  if (/Unmatched '\)'/.test(jsMessage)) return 'unbalanced parenthesis';
  if (/Unterminated character class/.test(jsMessage)) return 'unterminated character set';
  return jsMessage;
}

/** A Python `re.sub` replacement string turned into a function of the match. */
function pyReplacement(repl: string): (m: RegExpExecArray | string[], groups?: Record<string, string>) => string {
  const parts: (string | number)[] = [];
  let lit = '';
  for (let i = 0; i < repl.length; i++) {
    const c = repl[i];
    if (c !== '\\') { lit += c; continue; }
    const rest = repl.slice(i + 1);
    const named = /^g<(\w+)>/.exec(rest);
    const num = /^(\d{1,2})/.exec(rest);
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\', a: '\x07', f: '\f', v: '\v', b: '\b' };
    if (named) {
      parts.push(lit); lit = '';
      parts.push(/^\d+$/.test(named[1]) ? Number(named[1]) : named[1]);
      i += named[0].length;
    } else if (num) {
      parts.push(lit); lit = '';
      parts.push(Number(num[1]));
      i += num[1].length;
    } else if (rest[0] in simple) {
      lit += simple[rest[0]];
      i++;
    } else {
      lit += c;
    }
  }
  parts.push(lit);
  return (m, groups) =>
    parts.map((p, idx) => (idx % 2 === 0 ? p : typeof p === 'number' ? (m[p] ?? '') : (groups?.[p] ?? ''))).join('');
}

/** Python's `re.sub(pattern, repl, value)`. */
export function pySub(value: string, pattern: string, repl: string, flags: PyRegexFlags): string {
  const re = pyRegex(pattern, flags, true);
  const build = pyReplacement(repl);
  return value.replace(re, (...args: unknown[]) => {
    const hasGroups = typeof args[args.length - 1] === 'object';
    const groups = hasGroups ? (args[args.length - 1] as Record<string, string>) : undefined;
    const matchParts = args.slice(0, hasGroups ? -3 : -2) as string[];
    return build(matchParts, groups);
  });
}

/** Python's `re.findall`: whole matches, one group's text, or tuples of groups. */
export function pyFindall(value: string, pattern: string, flags: PyRegexFlags): unknown[] {
  const re = pyRegex(pattern, flags, true);
  const out: unknown[] = [];
  for (const m of value.matchAll(re)) {
    if (m.length === 1) out.push(m[0]);
    else if (m.length === 2) out.push(m[1] ?? '');
    else out.push(tuple(m.slice(1).map((g) => g ?? '')));
  }
  return out;
}
