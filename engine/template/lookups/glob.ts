import { readdirSync, statSync } from 'fs';
import { join } from 'path';

/** Python `glob.glob` semantics for `fileglob`: `*`, `?`, `[…]` per path segment; hidden files only if asked. */

function segmentRegex(segment: string): RegExp {
  let re = '';
  for (let i = 0; i < segment.length; i++) {
    const c = segment[i];
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = segment.indexOf(']', i + 2);
      if (close < 0) re += '\\[';
      else {
        const body = segment.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\');
        re += `[${body}]`;
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

function hasMagic(s: string): boolean {
  return /[*?[]/.test(s);
}

function expand(base: string, segments: string[]): string[] {
  if (segments.length === 0) return [base];
  const [seg, ...rest] = segments;
  if (!hasMagic(seg)) return expand(base === '' ? seg : join(base, seg), rest);
  let entries: string[];
  try {
    entries = readdirSync(base === '' ? '.' : base);
  } catch {
    return [];
  }
  const re = segmentRegex(seg);
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
