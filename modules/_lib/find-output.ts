import { statFields } from './stat-script';

const RAW_TYPE: Record<string, number> = { f: 0o100000, d: 0o040000, l: 0o120000, p: 0o010000, s: 0o140000, c: 0o020000, b: 0o060000 };

/** find -printf directives giving the stat module's fields in statFields' order (no major/minor: 0). */
export const FIND_STAT_FORMAT = ['%m', '%U', '%G', '%u', '%g', '%s', '%A@', '%T@', '%C@', '%i', '%D', '%n', '%b', '512', '0', '0'];

export interface FoundEntry {
  /** find's %y type letter. */
  letter: string;
  stat: Record<string, unknown>;
  /** 1 for an entry of the search path itself, 2 for one in its subdirectory… */
  depth: number;
}

/** The start point find is given for a search path: one starting with `-` would be read as an option. */
export function startPoint(path: string): string {
  return path.startsWith('-') ? `./${path}` : path;
}

/**
 * Reads the find module's command output: NUL-ended fields, per entry `E`, the index of its search path,
 * the type letter, the path and FIND_STAT_FORMAT's fields; `S` and the index of a path find could not read,
 * `N` and the index of a path that is not a directory.
 */
export function parseFindOutput(stdout: string, paths: string[]): { entries: FoundEntry[]; examined: number; skipped: Record<string, string> } {
  const f = stdout.split('\0');
  const entries: FoundEntry[] = [];
  const skipped: Record<string, string> = {};
  const width = 4 + FIND_STAT_FORMAT.length;
  for (let i = 0; i < f.length; ) {
    if (f[i] === 'S' || f[i] === 'N') {
      const path = paths[Number(f[i + 1])];
      skipped[path] = f[i] === 'N' ? `'${path}' is not a directory` : 'not readable';
      i += 2;
    } else if (f[i] === 'E' && i + width <= f.length) {
      const [root, letter, found] = [paths[Number(f[i + 1])], f[i + 2], f[i + 3]];
      const fields = f.slice(i + 4, i + width);
      fields[0] = ((RAW_TYPE[letter] ?? 0) | parseInt(fields[0], 8)).toString(16);
      const relative = found.slice(startPoint(root).length);
      const path = root + relative;
      // find results carry the stat fields but not the access tests of the stat module.
      const { exists: _e, ...stat } = statFields(path, fields);
      entries.push({ letter, stat, depth: relative.split('/').filter(Boolean).length });
      i += width;
    } else i++;
  }
  return { entries, examined: entries.length, skipped };
}
