import { shellQuote } from '../../engine/module/shell-quote';
import { formatMode } from './mode';

export interface StatOptions {
  follow: boolean;
  checksum?: 'md5' | 'sha1' | 'sha224' | 'sha256' | 'sha384' | 'sha512';
  mime: boolean;
  md5?: boolean;
}

/** GNU stat's fields, in the order statFields reads them, each ended by a NUL. */
const FORMAT = ['%f', '%u', '%g', '%U', '%G', '%s', '%X', '%Y', '%Z', '%i', '%d', '%h', '%b', '%B', '%t', '%T'].map((f) => `${f}\\0`).join('');

/** A regular file's checksum, as Ansible's: a link not followed is not a regular file. */
function sumLine(algorithm: string | undefined, follow: boolean): string {
  const regular = `${follow ? '' : '[ ! -L "$p" ] && '}[ -f "$p" ] && [ -r "$p" ]`;
  return `printf '%s\\0' "$(${algorithm ? `${regular} && ${algorithm}sum < "$p" | cut -d' ' -f1` : ':'})"`;
}

/**
 * One shell command printing everything the stat module reports (GNU stat fields, access tests,
 * checksum, link target, mime type), so a stat costs one round trip. Every value ends with a NUL,
 * which no file name, link target or user name can hold: nothing on the host can shift a field.
 */
export function statScript(path: string, opts: StatOptions): string {
  const p = shellQuote(path);
  const file = (flag: string) => `file -b${opts.follow ? 'L' : ''} ${flag} -- "$p"`;
  const lines = [
    `p=${p}`,
    `[ -e "$p" ] || [ -L "$p" ] || { printf 'ABSENT\\0'; exit 0; }`,
    `stat ${opts.follow ? '-L ' : ''}--printf '${FORMAT}' -- "$p" || exit 1`,
    `for t in r w x; do if [ -$t "$p" ]; then printf 1; else printf 0; fi; done; printf '\\0'`,
    `if [ -L "$p" ]; then readlink -n -- "$p"; printf '\\0'; readlink -f -n -- "$p"; printf '\\0'; else printf '\\0\\0'; fi`,
    sumLine(opts.checksum, opts.follow),
    sumLine(opts.md5 ? 'md5' : undefined, opts.follow),
    opts.mime ? `if command -v file >/dev/null; then printf '%s\\0%s\\0' "$(${file('--mime-type')})" "$(${file('--mime-encoding')})"; fi` : '',
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

/** The stat dict's keys from GNU stat's fields in FORMAT's order (the access tests are the caller's). */
export function statFields(path: string, fields: string[]): Record<string, unknown> {
  const [rawMode, uid, gid, pw, gr, size, atime, mtime, ctime, inode, dev, nlink, blocks, blockSize, major, minor] = fields;
  const full = parseInt(rawMode, 16);
  const type = full & 0o170000;
  const kinds = Object.fromEntries(Object.entries(TYPE_BITS).map(([bits, name]) => [name, Number(bits) === type]));
  return {
    exists: true, path, mode: formatMode(full & 0o7777), ...kinds, uid: +uid, gid: +gid, pw_name: pw, gr_name: gr,
    size: +size, atime: +atime, mtime: +mtime, ctime: +ctime, inode: +inode, dev: +dev, nlink: +nlink,
    blocks: +blocks, block_size: +blockSize, device_type: parseInt(major, 16) * 256 + parseInt(minor, 16),
    ...permissionKeys(full),
  };
}

/** The stat module's `stat` dict from statScript's output. */
export function parseStat(path: string, stdout: string, opts: StatOptions): Record<string, unknown> {
  const f = stdout.split('\0');
  if (f[0] === 'ABSENT') return { exists: false };
  const st = statFields(path, f.slice(0, 16));
  const [r, w, x] = f[16].split('').map((c) => c === '1');
  Object.assign(st, { readable: r, writeable: w, executable: x });
  if (st.islnk) Object.assign(st, { lnk_target: f[17], lnk_source: f[18] });
  if (opts.checksum && f[19]) st.checksum = f[19];
  if (opts.md5 && f[20]) st.md5 = f[20];
  if (opts.mime && f[21]) Object.assign(st, { mimetype: f[21], charset: f[22] });
  return st;
}
