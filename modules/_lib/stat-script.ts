import { shellQuote } from '../../engine/module/shell-quote';
import { formatMode } from './mode';

export interface StatOptions {
  follow: boolean;
  checksum?: 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  mime: boolean;
  md5?: boolean;
}

const FORMAT = '%f|%u|%g|%U|%G|%s|%X|%Y|%Z|%i|%d|%h|%b|%B|%t|%T';

function sumLine(algorithm: string | undefined): string {
  return algorithm ? `if [ -f "$p" ] && [ -r "$p" ]; then ${algorithm}sum < "$p" | cut -d' ' -f1; else echo; fi` : 'echo';
}

/**
 * One shell command printing everything the stat module reports (GNU stat fields, access tests,
 * checksum, link target, mime type), so a stat costs one round trip.
 */
export function statScript(path: string, opts: StatOptions): string {
  const p = shellQuote(path);
  const lines = [
    `p=${p}`,
    `[ -e "$p" ] || [ -L "$p" ] || { echo ABSENT; exit 0; }`,
    `stat ${opts.follow ? '-L ' : ''}-c '${FORMAT}' "$p" || exit 1`,
    `for t in r w x; do if [ -$t "$p" ]; then printf 1; else printf 0; fi; done; echo`,
    `if [ -L "$p" ]; then readlink "$p"; readlink -f "$p"; else echo; echo; fi`,
    sumLine(opts.checksum),
    sumLine(opts.md5 ? 'md5' : undefined),
    opts.mime ? `if command -v file >/dev/null; then file -b${opts.follow ? 'L' : ''} --mime-type "$p"; file -b${opts.follow ? 'L' : ''} --mime-encoding "$p"; fi` : '',
  ];
  return lines.filter(Boolean).join('\n');
}

const TYPE_BITS: Record<number, string> = { 0o140000: 'issock', 0o120000: 'islnk', 0o100000: 'isreg', 0o060000: 'isblk', 0o040000: 'isdir', 0o020000: 'ischr', 0o010000: 'isfifo' };

function permissionKeys(mode: number): Record<string, boolean> {
  const out: Record<string, boolean> = {};
  const names = ['xoth', 'woth', 'roth', 'xgrp', 'wgrp', 'rgrp', 'xusr', 'wusr', 'rusr'];
  names.forEach((n, i) => (out[n] = (mode & (1 << i)) !== 0));
  return { ...out, isuid: (mode & 0o4000) !== 0, isgid: (mode & 0o2000) !== 0 };
}

/** The stat module's `stat` dict from statScript's output. */
export function parseStat(path: string, stdout: string, opts: StatOptions): Record<string, unknown> {
  const lines = stdout.split('\n');
  if (lines[0] === 'ABSENT') return { exists: false };
  const [rawMode, uid, gid, pw, gr, size, atime, mtime, ctime, inode, dev, nlink, blocks, blockSize, major, minor] = lines[0].split('|');
  const full = parseInt(rawMode, 16);
  const type = full & 0o170000;
  const kinds = Object.fromEntries(Object.entries(TYPE_BITS).map(([bits, name]) => [name, Number(bits) === type]));
  const [r, w, x] = lines[1].split('').map((c) => c === '1');
  const st: Record<string, unknown> = {
    exists: true, path, mode: formatMode(full & 0o7777), ...kinds, uid: +uid, gid: +gid, pw_name: pw, gr_name: gr,
    size: +size, atime: +atime, mtime: +mtime, ctime: +ctime, inode: +inode, dev: +dev, nlink: +nlink,
    blocks: +blocks, block_size: +blockSize, device_type: parseInt(major, 16) * 256 + parseInt(minor, 16),
    ...permissionKeys(full), readable: r, writeable: w, executable: x,
  };
  if (kinds.islnk) Object.assign(st, { lnk_target: lines[2], lnk_source: lines[3] });
  if (opts.checksum && lines[4]) st.checksum = lines[4];
  if (opts.md5 && lines[5]) st.md5 = lines[5];
  if (opts.mime && lines[6]) Object.assign(st, { mimetype: lines[6], charset: lines[7] });
  return st;
}
