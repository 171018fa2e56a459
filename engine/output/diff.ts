import { structuredPatch } from 'diff';
import { FileDiff } from './events';
import { pyJson } from './py-json';

/**
 * Renders Ansible-style diffs as a unified diff with 3 lines of context, headed `--- before: X` /
 * `+++ after: Y`, in the same form Python's difflib gives (so output matches ansible-playbook --diff).
 * Returns '' when there is nothing to show.
 */
export function renderDiffs(diffs: FileDiff | FileDiff[], colour: (kind: 'add' | 'remove' | 'lines', s: string) => string = (_k, s) => s): string {
  const out: string[] = [];
  for (const diff of Array.isArray(diffs) ? diffs : [diffs]) {
    if (diff.dst_binary) out.push('diff skipped: destination file appears to be binary\n');
    if (diff.src_binary) out.push('diff skipped: source file appears to be binary\n');
    if (diff.dst_larger !== undefined) out.push(`diff skipped: destination file size is greater than ${diff.dst_larger}\n`);
    if (diff.src_larger !== undefined) out.push(`diff skipped: source file size is greater than ${diff.src_larger}\n`);
    if ('before' in diff && 'after' in diff) {
      const body = unified(asText(diff.before), asText(diff.after), header('before', diff.before_header), header('after', diff.after_header), colour);
      if (body) out.push(body, '\n');
    }
    if (diff.prepared) out.push(diff.prepared);
  }
  return out.join('');
}

function header(side: string, name: string | undefined): string {
  return name === undefined ? side : `${side}: ${name}`;
}

/** Dicts are compared as indented JSON, as Ansible shows state changes of file-like modules. */
function asText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return pyJson(v, 4) + '\n';
  return String(v);
}

function unified(before: string, after: string, from: string, to: string, colour: (kind: 'add' | 'remove' | 'lines', s: string) => string): string {
  const patch = structuredPatch(from, to, before, after, undefined, undefined, { context: 3 });
  if (patch.hunks.length === 0) return '';
  const lines = [`--- ${from}\n`, `+++ ${to}\n`];
  for (const h of patch.hunks) {
    lines.push(colour('lines', `@@ -${range(h.oldStart, h.oldLines)} +${range(h.newStart, h.newLines)} @@`) + '\n');
    for (const l of h.lines) {
      const text = l + '\n';
      lines.push(l.startsWith('+') ? colour('add', text) : l.startsWith('-') ? colour('remove', text) : text);
    }
  }
  return lines.join('');
}

function range(start: number, length: number): string {
  if (length === 1) return String(start);
  return `${length === 0 ? start - 1 : start},${length}`;
}
