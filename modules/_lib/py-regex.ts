/**
 * Playbooks carry Python regular expressions; these translate the Python-only spellings to JavaScript
 * and expand Python's replacement templates (`\1`, `\g<name>`).
 */

/** A JavaScript RegExp for a Python pattern; `flags` as for RegExp. */
export function pyRegex(pattern: string, flags = ''): RegExp {
  // Python's leading inline flags, e.g. `(?i)`, become RegExp flags (JavaScript has no inline form).
  const inline = /^\(\?([aiLmsux]+)\)/.exec(pattern);
  const extra = inline ? [...inline[1]].filter((f) => 'ims'.includes(f) && !flags.includes(f)).join('') : '';
  const js = pattern
    .slice(inline ? inline[0].length : 0)
    .replace(/\(\?P</g, '(?<')
    .replace(/\(\?P=(\w+)\)/g, '\\k<$1>')
    .replace(/\\A/g, '^')
    .replace(/\\Z/g, '$(?![\\s\\S])');
  return new RegExp(js, flags + extra);
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '\\': '\\' };

/** Python's match.expand(): `\1`, `\g<1>`, `\g<name>` and escapes; a group that did not match gives ''. */
export function expandTemplate(template: string, match: RegExpExecArray): string {
  return template.replace(/\\(?:g<(\w+)>|(\d{1,2})|(.))/g, (whole, named: string, num: string, other: string) => {
    if (named !== undefined) return (/^\d+$/.test(named) ? match[Number(named)] : match.groups?.[named]) ?? '';
    if (num !== undefined) return match[Number(num)] ?? '';
    return ESCAPES[other] ?? whole;
  });
}

/**
 * A PCRE pattern (as `grep -P` reads it) that matches where Python's re does. grep compiles with
 * PCRE2_DOLLAR_ENDONLY, so Python's `$` (end, or before a final newline) becomes `\Z`, and Python's
 * `\Z` (the very end) becomes `\z`; under a leading `(?m)` PCRE's `$` already matches before every
 * newline, as Python's does. grep takes a newline as the end of a pattern, so a newline in the pattern
 * is written `\n`; where `(?x)` makes it white space that ends a comment, the comment is dropped and the
 * newline becomes a space.
 */
export function pcreForPython(pattern: string): string {
  const flags = /^\(\?([aiLmsux]+)\)/.exec(pattern)?.[1] ?? '';
  const multiline = flags.includes('m');
  let out = '';
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\' && i + 1 < pattern.length) {
      const next = pattern[++i];
      out += !inClass && next === 'Z' ? '\\z' : c + next;
    } else if (flags.includes('x') && !inClass && (c === '#' || c === '\n')) {
      if (c === '#') while (i + 1 < pattern.length && pattern[i + 1] !== '\n') i++;
      else out += ' ';
    } else if (c === '\n') {
      out += '\\n';
    } else if (inClass) {
      out += c;
      if (c === ']') inClass = false;
    } else if (c === '[') {
      inClass = true;
      // A `]` right after `[` or `[^` is a member, not the class's end.
      const start = pattern[i + 1] === '^' ? i + 2 : i + 1;
      out += pattern.slice(i, start + (pattern[start] === ']' ? 1 : 0));
      i = start - 1 + (pattern[start] === ']' ? 1 : 0);
    } else {
      out += c === '$' && !multiline ? '\\Z' : c;
    }
  }
  return out;
}
