import { FileStat, FileType } from './connection';
import { shellQuote } from './shell-quote';

/**
 * One shell command that reports a path's metadata, link target and sha1 together, so a stat with
 * checksum costs one round trip. Output lines: `S:<hexmode> <uid> <gid> <size> <mtime> <owner> <group>`,
 * then `L:<base64 of the target and readlink's newline>` and `C:<sha1>  -` when they apply, or `ABSENT`.
 * GNU stat (Linux targets).
 */
export function statCommand(path: string, opts: { checksum?: boolean; follow?: boolean } = {}): string {
  const p = '"$p"';
  const exists = opts.follow ? `[ -e ${p} ]` : `[ -e ${p} ] || [ -L ${p} ]`;
  const parts = [
    `p=${shellQuote(path)}`,
    `if ${exists}; then printf S:; stat ${opts.follow ? '-L ' : ''}-c '%f %u %g %s %Y %U %G' -- ${p} || exit 1`,
  ];
  // base64: a link target may hold newlines (and so fake a C: line) or end in one.
  if (!opts.follow) parts.push(`if [ -L ${p} ]; then printf L:; readlink -- ${p} | base64 -w0; echo; fi`);
  if (opts.checksum) {
    const regular = opts.follow ? `[ -f ${p} ]` : `[ -f ${p} ] && [ ! -L ${p} ]`;
    parts.push(`if ${regular} && [ -r ${p} ]; then printf C:; sha1sum < ${p}; fi`);
  }
  parts.push('else echo ABSENT; fi');
  return parts.join('; ');
}

const TYPES: Record<number, FileType> = { 0o100000: 'file', 0o040000: 'directory', 0o120000: 'link' };

export function parseStat(output: string): FileStat {
  const lines = output.split('\n');
  const statLine = lines.find((l) => l.startsWith('S:'));
  if (!statLine) return { exists: false };
  const [hexMode, uid, gid, size, mtime, owner, ...group] = statLine.slice(2).trim().split(' ');
  const raw = parseInt(hexMode, 16);
  const stat: FileStat = {
    exists: true,
    type: TYPES[raw & 0o170000] ?? 'other',
    mode: raw & 0o7777,
    uid: Number(uid),
    gid: Number(gid),
    owner,
    group: group.join(' '),
    size: Number(size),
    mtime: Number(mtime),
  };
  const link = lines.find((l) => l.startsWith('L:'));
  if (link) stat.linkTarget = Buffer.from(link.slice(2), 'base64').toString('utf8').replace(/\n$/, '');
  const sum = lines.find((l) => l.startsWith('C:'));
  if (sum) stat.checksum = sum.slice(2).split(/\s/)[0];
  return stat;
}
