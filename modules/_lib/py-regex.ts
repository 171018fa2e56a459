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
