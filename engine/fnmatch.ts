/**
 * Python's fnmatch, which Ansible uses wherever it takes a shell-style wildcard: host patterns, fact
 * subsets, `--start-at-task`, fileglob segments, apt versions, find patterns. `*`, `?`, `[seq]` and
 * `[!seq]`; a `[` without its `]` is literal, and a `]` right after `[` or `[!` belongs to the set.
 * Case-sensitive, as on POSIX.
 */

/** The pattern as a RegExp body, unanchored, for embedding in a larger expression. */
export function fnmatchSource(glob: string): string {
  let out = '';
  for (let i = 0; i < glob.length; i++) {
    const c = glob[i];
    if (c === '*') out += '.*';
    else if (c === '?') out += '.';
    else if (c === '[') {
      const close = setEnd(glob, i);
      if (close < 0) {
        out += '\\[';
        continue;
      }
      out += charSet(glob.slice(i + 1, close));
      i = close;
    } else out += c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

/** The pattern as an anchored RegExp matching whole strings (newlines included, as Python's). */
export function fnmatchRegExp(glob: string): RegExp {
  return new RegExp(`^(?:${fnmatchSource(glob)})$`, 's');
}

/** Whether the string has any wildcard at all, i.e. whether it is a pattern rather than a name. */
export function hasWildcard(text: string): boolean {
  return /[*?[]/.test(text);
}

/** Index of the `]` closing the set opened at `open`, or -1 when there is none. */
function setEnd(glob: string, open: number): number {
  let j = open + 1;
  if (glob[j] === '!') j++;
  if (glob[j] === ']') j++;
  while (j < glob.length && glob[j] !== ']') j++;
  return j < glob.length ? j : -1;
}

function charSet(body: string): string {
  let set = body.replace(/\\/g, '\\\\').replace(/]/g, '\\]');
  if (set[0] === '!') set = `^${set.slice(1)}`;
  else if (set[0] === '^') set = `\\${set}`;
  return set ? `[${set}]` : '(?!)';
}
