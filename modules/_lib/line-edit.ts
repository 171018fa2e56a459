import { expandTemplate, pyRegex } from './py-regex';

/** lineinfile's arguments that decide the edit. */
export interface LineEditArgs {
  state: 'present' | 'absent';
  line?: string;
  regexp?: string;
  search_string?: string;
  insertafter?: string;
  insertbefore?: string;
  firstmatch: boolean;
  backrefs: boolean;
}

export interface LineEdit {
  lines: string[];
  changed: boolean;
  msg: string;
  /** Lines removed, for state=absent. */
  found?: number;
}

/** Splits keeping each line's ending, as Python's readlines(). */
export function splitLines(text: string): string[] {
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

const bare = (l: string): string => l.replace(/[\r\n]+$/, '');

function matcher(args: LineEditArgs): ((l: string) => RegExpExecArray | boolean) | undefined {
  if (args.regexp !== undefined) {
    const re = pyRegex(args.regexp);
    // Python's `$` also matches before a final newline; matching the bare line keeps that meaning.
    return (l) => re.exec(bare(l)) ?? false;
  }
  if (args.search_string !== undefined) return (l) => l.includes(args.search_string as string);
  return undefined;
}

interface Found {
  at: number;
  match?: RegExpExecArray | boolean;
  insertAt: number;
}

function locate(lines: string[], args: LineEditArgs): Found {
  const found: Found = { at: -1, insertAt: -1 };
  const test = matcher(args);
  for (let i = 0; test && i < lines.length; i++) {
    const m = test(lines[i]);
    if (!m) continue;
    [found.at, found.match] = [i, m];
    if (args.firstmatch) break;
  }
  if (found.match) return found;
  const anchor = args.insertafter ?? args.insertbefore;
  const ins = anchor !== undefined && anchor !== 'BOF' && anchor !== 'EOF' ? pyRegex(anchor) : undefined;
  for (let i = 0; i < lines.length; i++) {
    if (bare(lines[i]) === args.line) found.at = i;
    else if (ins && ins.exec(bare(lines[i]))) {
      found.insertAt = args.insertafter !== undefined ? i + 1 : i;
      if (args.firstmatch) break;
    }
  }
  return found;
}

function withNewlineAtEnd(lines: string[]): void {
  const last = lines.length - 1;
  if (last >= 0 && !/[\r\n]$/.test(lines[last])) lines[last] += '\n';
}

/** Inserts `line` at `at` unless the neighbouring line (the one it would follow or precede) already is it. */
function insertNear(lines: string[], at: number, line: string, neighbour: number): boolean {
  if (lines[neighbour] !== undefined && bare(lines[neighbour]) === line) return false;
  lines.splice(at, 0, `${line}\n`);
  return true;
}

function present(input: string[], args: LineEditArgs): LineEdit {
  const lines = [...input];
  const line = args.line as string;
  const f = locate(lines, args);
  const added = (changed: boolean): LineEdit => ({ lines, changed, msg: changed ? 'line added' : '' });
  if (f.at !== -1) {
    const newLine = args.backrefs && f.match instanceof Array ? expandTemplate(line, f.match) : line;
    const full = newLine.endsWith('\n') ? newLine : `${newLine}\n`;
    if (lines[f.at] === full) return { lines, changed: false, msg: '' };
    lines[f.at] = full;
    return { lines, changed: true, msg: 'line replaced' };
  }
  if (args.backrefs) return { lines, changed: false, msg: '' };
  if (args.insertbefore === 'BOF' || args.insertafter === 'BOF') {
    lines.unshift(`${line}\n`);
    return added(true);
  }
  if (args.insertafter === 'EOF' || f.insertAt === -1) {
    withNewlineAtEnd(lines);
    lines.push(`${line}\n`);
    return added(true);
  }
  if (args.insertafter !== undefined) return added(insertNear(lines, f.insertAt, line, f.insertAt === lines.length ? f.insertAt - 1 : f.insertAt));
  lines.splice(f.insertAt, 0, `${line}\n`);
  return added(true);
}

function absent(input: string[], args: LineEditArgs): LineEdit {
  const test = matcher(args) ?? ((l: string) => bare(l) === args.line);
  const lines = input.filter((l) => !test(l));
  const found = input.length - lines.length;
  return { lines, changed: found > 0, found, msg: found ? `${found} line(s) removed` : '' };
}

/** lineinfile's edit of a file's lines, as Ansible 2.14 makes it. Pure. */
export function editLines(input: string[], args: LineEditArgs): LineEdit {
  return args.state === 'absent' ? absent(input, args) : present(input, args);
}
