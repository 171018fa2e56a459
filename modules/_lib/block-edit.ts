import { splitLines } from './line-edit';
import { pyRegex } from './py-regex';

export interface BlockEditArgs {
  state: 'present' | 'absent';
  block: string;
  marker: string;
  marker_begin: string;
  marker_end: string;
  insertafter?: string;
  insertbefore?: string;
}

/**
 * Where the block goes when the file has no markers yet: after (or before) the last line the regexp
 * matches, or, with a (?m) regexp, the first match in the whole text, which may span lines.
 */
function insertionPoint(original: string, lines: string[], args: BlockEditArgs): number {
  const after = args.insertafter ?? (args.insertbefore === undefined ? 'EOF' : undefined);
  const anchor = after !== undefined && after !== 'EOF' ? after : args.insertbefore !== 'BOF' ? args.insertbefore : undefined;
  if (anchor === undefined) return after === 'EOF' ? lines.length : 0;
  const re = pyRegex(anchor);
  let at = -1;
  if (re.multiline) {
    const m = re.exec(original);
    if (m) at = newlinesIn(original.slice(0, after !== undefined ? m.index + m[0].length : m.index));
  } else {
    lines.forEach((l, i) => {
      if (re.test(l.replace(/\n$/, ''))) at = i;
    });
  }
  if (at === -1) return lines.length;
  return after !== undefined ? at + 1 : at;
}

function newlinesIn(text: string): number {
  return text.split('\n').length - 1;
}

/** blockinfile's edit: the text between the markers replaced by the block (or removed). Pure. */
export function editBlock(original: string, args: BlockEditArgs): string {
  const lines = splitLines(original);
  const begin = `${args.marker.replace('{mark}', args.marker_begin)}\n`;
  const end = `${args.marker.replace('{mark}', args.marker_end)}\n`;
  const body = args.block.endsWith('\n') || args.block === '' ? args.block : `${args.block}\n`;
  const blockLines = args.state === 'present' && args.block !== '' ? [begin, ...splitLines(body), end] : [];
  const n0 = lines.lastIndexOf(begin);
  const n1 = lines.lastIndexOf(end);
  let at: number;
  if (n0 === -1 || n1 === -1) at = insertionPoint(original, lines, args);
  else {
    at = Math.min(n0, n1);
    lines.splice(at, Math.abs(n1 - n0) + 1);
  }
  if (at > 0 && !lines[at - 1].endsWith('\n')) lines[at - 1] += '\n';
  lines.splice(at, 0, ...blockLines);
  return lines.join('');
}
