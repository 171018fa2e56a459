import { parseStat } from './stat-script';

const RAW_TYPE: Record<string, number> = { f: 0o100000, d: 0o040000, l: 0o120000, p: 0o010000, s: 0o140000, c: 0o020000, b: 0o060000 };

export interface FoundEntry {
  /** find's %y type letter. */
  letter: string;
  stat: Record<string, unknown>;
}

/**
 * Reads the find module's command output: per entry a `<type> <path>` line then a stat line in
 * statScript's layout (so the stat dicts match the stat module's); `SKIP <path>` for unreadable paths.
 */
export function parseFindOutput(stdout: string): { entries: FoundEntry[]; examined: number; skipped: Record<string, string> } {
  const lines = stdout.split('\n');
  const entries: FoundEntry[] = [];
  const skipped: Record<string, string> = {};
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].startsWith('SKIP ')) skipped[lines[i].slice(5)] = 'not a directory or not readable';
    if (!/^[a-zA-Z] \//.test(lines[i]) || i + 1 >= lines.length) continue;
    const [letter, path] = [lines[i][0], lines[i].slice(2)];
    const fields = lines[++i].split('|');
    fields[0] = ((RAW_TYPE[letter] ?? 0) | parseInt(fields[0], 8)).toString(16);
    // find results carry the stat fields but not the access tests of the stat module.
    const { exists: _e, readable: _r, writeable: _w, executable: _x, ...stat } = parseStat(path, `${fields.join('|')}\n000`, { follow: false, mime: false });
    entries.push({ letter, stat });
  }
  return { entries, examined: entries.length, skipped };
}
