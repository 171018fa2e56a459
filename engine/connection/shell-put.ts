import { PutOptions } from './connection';
import { shellQuote } from './shell-quote';

/**
 * A shell script that writes its stdin to `path` atomically: temporary file in the destination directory
 * (mktemp: 0600 before the first byte), synced, mode/owner set, renamed over. Used under become, where the
 * file must end up owned by the become user (or `owner`), which an SFTP write as the login user cannot
 * do, and on hosts without SFTP. With `size`, stdin ending early (the controller killed, the connection
 * cut) is a failure: the partial file is removed instead of installed.
 */
export function shellPutScript(path: string, opts: PutOptions, size?: number): string {
  const dest = shellQuote(path);
  const lines = [
    'set -e',
    `d=$(dirname -- ${dest})`,
    't=$(mktemp "$d/.tsible-tmp-XXXXXXXX")',
    `trap 'rm -f "$t"' EXIT`,
    // A hang-up or kill of the session would otherwise skip the EXIT trap and leave the partial file.
    `trap 'rm -f "$t"; exit 1' HUP INT TERM PIPE`,
    'cat > "$t"',
  ];
  if (size !== undefined) lines.push(`[ "$(wc -c < "$t")" -eq ${size} ] || { echo 'transfer cut short: the file was not written' >&2; exit 1; }`);
  lines.push(
    `if [ -e ${dest} ]; then chown --reference=${dest} "$t" 2>/dev/null || true; chmod --reference=${dest} "$t";` +
      ` else chmod "$(printf '%o' $((0666 & ~0$(umask))))" "$t"; fi`,
  );
  if (opts.owner) lines.push(`chown ${shellQuote(opts.owner)} "$t"`);
  if (opts.group) lines.push(`chgrp ${shellQuote(opts.group)} "$t"`);
  if (opts.mode !== undefined) lines.push(`chmod ${opts.mode.toString(8)} "$t"`);
  lines.push('sync "$t" 2>/dev/null || sync', `mv -f "$t" ${dest}`, 'trap - EXIT HUP INT TERM PIPE');
  return lines.join('\n');
}
