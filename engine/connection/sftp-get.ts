import { SFTPWrapper } from 'ssh2';
import { Digests, writeFetched } from './file-stream';
import { call } from './sftp-put';

const CHUNK = 32 * 1024;
const IN_FLIGHT = 16;
const SFTP_NO_SUCH_FILE = 2;

/**
 * Copies a host file into a new controller file as it arrives, IN_FLIGHT reads at a time, so memory
 * stays at a window of chunks whatever the size. Null when the host file does not exist.
 */
export async function sftpGet(sftp: SFTPWrapper, path: string, localPath: string): Promise<Digests | null> {
  let handle: Buffer;
  try {
    handle = await call<Buffer>((cb) => sftp.open(path, 'r', cb));
  } catch (err) {
    if ((err as { code?: number }).code === SFTP_NO_SUCH_FILE) return null;
    throw err;
  }
  try {
    return await writeFetched(localPath, () => chunks(sftp, handle));
  } finally {
    await call((cb) => sftp.close(handle, cb)).catch(() => undefined);
  }
}

/** The file's bytes in order, read a window of IN_FLIGHT chunks at a time. */
async function* chunks(sftp: SFTPWrapper, handle: Buffer): AsyncGenerator<Buffer> {
  let position = 0;
  for (;;) {
    const window = Array.from({ length: IN_FLIGHT }, (_, i) => readAt(sftp, handle, position + i * CHUNK));
    // Reads after a failure or a short read are not awaited; their rejections must not go unhandled.
    for (const pending of window) pending.catch(() => undefined);
    for (const pending of window) {
      const chunk = await pending;
      if (chunk.length === 0) return;
      yield chunk;
      position += chunk.length;
      // Short of the end, a short read leaves the rest of the window at offsets that no longer follow.
      if (chunk.length < CHUNK) break;
    }
  }
}

function readAt(sftp: SFTPWrapper, handle: Buffer, position: number): Promise<Buffer> {
  const buffer = Buffer.allocUnsafe(CHUNK);
  return call<number>((cb) => sftp.read(handle, buffer, 0, CHUNK, position, (err, bytesRead) => cb(err, bytesRead))).then((n) => buffer.subarray(0, n));
}
