import { randomBytes } from 'crypto';
import { posix } from 'path';
import { SFTPWrapper, Stats } from 'ssh2';

export interface SftpPutOptions {
  mode?: number;
  uid?: number;
  gid?: number;
}

const CHUNK = 32 * 1024;
const IN_FLIGHT = 16;

/**
 * Writes a file so readers see the old content or the new, never a part: a temporary file beside the
 * destination, fsync'd, given its mode and owner, then renamed over it (posix-rename@openssh.com, which
 * replaces atomically). If the destination exists its mode and owner carry over unless told otherwise.
 */
export async function sftpPut(sftp: SFTPWrapper, path: string, content: Buffer, opts: SftpPutOptions): Promise<void> {
  // The name stays recognisable but short enough for NAME_MAX (255) whatever the destination's name.
  const tmp = posix.join(posix.dirname(path), `.tsible-tmp-${randomBytes(6).toString('hex')}-${posix.basename(path).slice(0, 200)}`);
  const existing = await call<Stats | undefined>((cb) => sftp.stat(path, cb)).catch(() => undefined);
  // 0666 lets the server's umask decide a new file's mode, as a fresh file made by a program would get.
  const handle = await call<Buffer>((cb) => sftp.open(tmp, 'wx', { mode: 0o666 }, cb));
  try {
    await writeAll(sftp, handle, content);
    if (supports(sftp, 'fsync@openssh.com')) await call((cb) => sftp.ext_openssh_fsync(handle, cb));
    const mode = opts.mode ?? (existing ? existing.mode & 0o7777 : undefined);
    if (mode !== undefined) await call((cb) => sftp.fchmod(handle, mode, cb));
    await setOwner(sftp, handle, opts, existing);
    await call((cb) => sftp.close(handle, cb));
    await renameOver(sftp, tmp, path);
  } catch (err) {
    await call((cb) => sftp.close(handle, cb)).catch(() => undefined);
    await call((cb) => sftp.unlink(tmp, cb)).catch(() => undefined);
    throw err;
  }
}

async function setOwner(sftp: SFTPWrapper, handle: Buffer, opts: SftpPutOptions, existing?: Stats): Promise<void> {
  const wanted = opts.uid !== undefined || opts.gid !== undefined;
  if (!wanted && !existing) return;
  const current = await call<Stats>((cb) => sftp.fstat(handle, cb));
  const uid = opts.uid ?? existing?.uid ?? current.uid;
  const gid = opts.gid ?? existing?.gid ?? current.gid;
  if (uid === current.uid && gid === current.gid) return;
  // Only root may give a file away: keeping an existing file's owner is best effort, an asked-for one is not.
  await call((cb) => sftp.fchown(handle, uid, gid, cb)).catch((err) => {
    if (wanted) throw err;
  });
}

async function writeAll(sftp: SFTPWrapper, handle: Buffer, content: Buffer): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < content.length) {
      const at = next;
      const len = Math.min(CHUNK, content.length - at);
      next += len;
      await call((cb) => sftp.write(handle, content, at, len, at, cb));
    }
  };
  await Promise.all(Array.from({ length: IN_FLIGHT }, worker));
}

async function renameOver(sftp: SFTPWrapper, from: string, to: string): Promise<void> {
  if (supports(sftp, 'posix-rename@openssh.com')) return call((cb) => sftp.ext_openssh_rename(from, to, cb));
  // Plain SFTP rename refuses to replace; without the extension the swap cannot be atomic.
  await call((cb) => sftp.unlink(to, cb)).catch(() => undefined);
  return call((cb) => sftp.rename(from, to, cb));
}

function supports(sftp: SFTPWrapper, extension: string): boolean {
  const extensions = (sftp as unknown as { _extensions?: Record<string, string> })._extensions;
  return extensions?.[extension] === '1';
}

/** Promise form of an ssh2 SFTP call; its errors carry the SFTP status in `code`. */
export function call<T = void>(fn: (cb: (err: Error | null | undefined, value?: T) => void) => void): Promise<T> {
  return new Promise((resolve, reject) => fn((err, value) => (err ? reject(err) : resolve(value as T))));
}
