import { expandTemplate, pyRegex } from './py-regex';

export interface ReplaceArgs {
  regexp: string;
  replace: string;
  after?: string;
  before?: string;
}

export type ReplaceOutcome = { text: string; count: number } | { error: string };

/** The part of `text` between the first match of `after` and the (last, greedy) match of `before`. */
function section(text: string, args: ReplaceArgs): { start: number; end: number } | string {
  if (!args.after && !args.before) return { start: 0, end: text.length };
  const pattern = args.after && args.before ? `${args.after}(?P<subsection>.*?)${args.before}` : args.after ? `${args.after}(?P<subsection>.*)` : `(?P<subsection>.*)${args.before}`;
  const m = pyRegex(pattern, 'sd').exec(text);
  const span = m?.indices?.groups?.subsection;
  if (!span) return `Pattern for before/after params did not match the given file: ${pattern}`;
  return { start: span[0], end: span[1] };
}

/** replace's edit: every match of regexp (multiline) within the section replaced with a Python template. Pure. */
export function replaceText(text: string, args: ReplaceArgs): ReplaceOutcome {
  const span = section(text, args);
  if (typeof span === 'string') return { error: span };
  const part = text.slice(span.start, span.end);
  const re = pyRegex(args.regexp, 'gm');
  let count = 0;
  const replaced = part.replace(re, (...found: unknown[]) => {
    count++;
    const groups = typeof found[found.length - 1] === 'object' ? (found[found.length - 1] as Record<string, string>) : undefined;
    const numbered = found.slice(0, groups ? -3 : -2) as string[];
    const match = Object.assign([...numbered], { index: 0, input: part, groups }) as unknown as RegExpExecArray;
    return expandTemplate(args.replace, match);
  });
  return { text: text.slice(0, span.start) + replaced + text.slice(span.end), count: replaced === part ? 0 : count };
}
