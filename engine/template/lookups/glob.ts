import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { fnmatchRegExp, hasWildcard } from '../../fnmatch';

/** Python `glob.glob` semantics for `fileglob`: `*`, `?`, `[…]` per path segment; hidden files only if asked. */


function expand(base: string, segments: string[]): string[] {
  if (segments.length === 0) return [base];
  const [seg, ...rest] = segments;
  if (!hasWildcard(seg)) return expand(base === '' ? seg : join(base, seg), rest);
  let entries: string[];
  try {
    entries = readdirSync(base === '' ? '.' : base);
  } catch {
    return [];
  }
  const re = fnmatchRegExp(seg);
  return entries
    .filter((e) => re.test(e) && (seg.startsWith('.') || !e.startsWith('.')))
    .sort()
    .flatMap((e) => expand(base === '' ? e : join(base, e), rest));
}

/** Files (not directories) matching a glob pattern. */
export function globFiles(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const segments = pattern.split('/').filter((s) => s !== '');
  return expand(absolute ? '/' : '', segments).filter((p) => {
    try {
      return statSync(p).isFile();
    } catch {
      return false;
    }
  });
}
