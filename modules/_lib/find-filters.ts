import { fnmatchRegExp } from '../../engine/fnmatch';
import { pyRegex } from './py-regex';

/** Parses find's `age` (`2d`, `-1w`) and `size` (`10m`, `-1k`) with their unit suffixes. */
export function parseAmount(text: string, units: Record<string, number>): { value: number; lessThan: boolean } | undefined {
  const m = /^(-?)(\d+)([a-z]?)$/.exec(text.trim().toLowerCase());
  if (!m) return undefined;
  const unit = units[m[3] || ''];
  if (unit === undefined) return undefined;
  return { value: Number(m[2]) * unit, lessThan: m[1] === '-' };
}

export const AGE_UNITS: Record<string, number> = { '': 1, s: 1, m: 60, h: 3600, d: 86400, w: 604800 };
export const SIZE_UNITS: Record<string, number> = { '': 1, b: 1, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/** A name filter from find's patterns/excludes: globs, or Python regexps with use_regex (re.match: from the name's start). */
export function nameMatcher(patterns: string[], useRegex: boolean): (name: string) => boolean {
  const res = patterns.map((p) => (useRegex ? pyRegex(`^(?:${p})`) : fnmatchRegExp(p)));
  return (name) => res.some((re) => re.test(name));
}
