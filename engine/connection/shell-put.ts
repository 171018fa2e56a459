import { PutOptions } from './connection';
import { shellQuote } from './shell-quote';

/**
 * A shell script that writes its stdin to `path` atomically: temporary file in the destination directory,
 * synced, mode/owner set, renamed over. Used under become, where the file must end up owned by the become
 * user (or `owner`), which an SFTP write as the login user cannot do, and on hosts without SFTP.
 */
export function shellPutScript(path: string, opts: PutOptions): string {
  const dest = shellQuote(path);
  const lines = [
    'set -e',
    `d=$(dirname -- ${dest})`,
    't=$(mktemp "$d/.tsible-tmp-XXXXXXXX")',
    `trap 'rm -f "$t"' EXIT`,
    'cat > "$t"',
    `if [ -e ${dest} ]; then chmod --reference=${dest} "$t"; chown --reference=${dest} "$t" 2>/dev/null || true;` +
      ` else chmod "$(printf '%o' $((0666 & ~0$(umask))))" "$t"; fi`,
  ];
  if (opts.mode !== undefined) lines.push(`chmod ${opts.mode.toString(8)} "$t"`);
  if (opts.owner) lines.push(`chown ${shellQuote(opts.owner)} "$t"`);
  if (opts.group) lines.push(`chgrp ${shellQuote(opts.group)} "$t"`);
  lines.push('sync "$t" 2>/dev/null || sync', `mv -f "$t" ${dest}`, 'trap - EXIT');
  return lines.join('\n');
}
