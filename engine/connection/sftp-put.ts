import { randomBytes } from 'crypto';
import { promises as fs } from 'fs';
import { posix } from 'path';
import { SFTPWrapper, Stats } from 'ssh2';
import type { ControllerFile } from './connection';

export interface SftpPutOptions {
  mode?: number;
  uid?: number;
  gid?: number;
  /** The mode a new file gets when none is asked for (0666 less the login's umask). */
  newFileMode(): Promise<number>;
  /** Temporary files being filled, so that closing the connection can remove them. */
  partials: Set<string>;
}

const CHUNK = 32 * 1024;
const IN_FLIGHT = 16;

/**
 * Writes a file so readers see the old content or the new, never a part: a temporary file beside the
 * destination, created readable by its owner only (and no more than the final mode) before the first
 * byte, fsync'd, given its owner and then its mode, and renamed over the destination
 * (posix-rename@openssh.com, which replaces atomically). An existing destination's mode and owner carry
 * over unless told otherwise. Content from a controller file is read as it is sent.
 */
export async function sftpPut(sftp: SFTPWrapper, path: string, content: Buffer | ControllerFile, opts: SftpPutOptions): Promise<void> {
  // The name stays recognisable but short enough for NAME_MAX (255) whatever the destination's name.
  const tmp = posix.join(posix.dirname(path), `.tsible-tmp-${randomBytes(6).toString('hex')}-${posix.basename(path).slice(0, 200)}`);
  const existing = await call<Stats | undefined>((cb) => sftp.stat(path, cb)).catch(() => undefined);
  const mode = opts.mode ?? (existing ? existing.mode & 0o7777 : await opts.newFileMode());
  // Other users could open a wider file while it is empty and read what follows through their descriptor.
  const handle = await call<Buffer>((cb) => sftp.open(tmp, 'wx', { mode: mode & 0o600 }, cb));
  opts.partials.add(tmp);
  try {
    await (Buffer.isBuffer(content) ? writeBuffer(sftp, handle, content) : writeLocalFile(sftp, handle, content.localPath));
    if (supports(sftp, 'fsync@openssh.com')) await call((cb) => sftp.ext_openssh_fsync(handle, cb));
    // Owner before mode: a change of owner clears setuid/setgid bits.
    await setOwner(sftp, handle, opts, existing);
    await call((cb) => sftp.fchmod(handle, mode, cb));
    await call((cb) => sftp.close(handle, cb));
    await renameOver(sftp, tmp, path);
  } catch (err) {
    await call((cb) => sftp.close(handle, cb)).catch(() => undefined);
    await call((cb) => sftp.unlink(tmp, cb)).catch(() => undefined);
    throw err;
  } finally {
    opts.partials.delete(tmp);
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

/** Chunks written IN_FLIGHT at a time: one round trip per window, not per chunk. */
async function writeBuffer(sftp: SFTPWrapper, handle: Buffer, content: Buffer): Promise<void> {
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

/**
 * As writeBuffer, reading the controller file in order (a pipe or FIFO works too) and sending each chunk
 * as it is read: at most IN_FLIGHT chunks are in memory.
 */
async function writeLocalFile(sftp: SFTPWrapper, handle: Buffer, localPath: string): Promise<void> {
  const local = await fs.open(localPath, 'r');
  const inFlight = new Set<Promise<void>>();
  let failure: unknown;
  try {
    for (let position = 0; failure === undefined; ) {
      const chunk = Buffer.allocUnsafe(CHUNK);
      const { bytesRead } = await local.read(chunk, 0, CHUNK, null);
      if (bytesRead === 0) break;
      const sent = call((cb) => sftp.write(handle, chunk, 0, bytesRead, position, cb)).catch((err) => {
        failure ??= err;
      });
      position += bytesRead;
      inFlight.add(sent);
      void sent.then(() => inFlight.delete(sent));
      if (inFlight.size >= IN_FLIGHT) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
    if (failure !== undefined) throw failure;
  } finally {
    await local.close();
  }
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
