import { createHash, Hash } from 'crypto';
import { createReadStream, promises as fs, rmSync } from 'fs';
import type { FileHandle } from 'fs/promises';

/** sha1 and md5 hex of a file's bytes, as copy and fetch report them. */
export interface Digests {
  sha1: string;
  md5: string;
}

/** Both digests of one pass over the bytes, fed chunk by chunk. */
export class Digester {
  private readonly sha1: Hash = createHash('sha1');
  private readonly md5: Hash = createHash('md5');

  update(chunk: Buffer): void {
    this.sha1.update(chunk);
    this.md5.update(chunk);
  }

  digests(): Digests {
    return { sha1: this.sha1.digest('hex'), md5: this.md5.digest('hex') };
  }
}

/** The digests of a controller file, read in chunks so a big file never sits whole in memory. */
export async function digestFile(path: string): Promise<Digests> {
  const digester = new Digester();
  for await (const chunk of createReadStream(path)) digester.update(chunk as Buffer);
  return digester.digests();
}

/** Writes `content` to `handle` from its start: a Buffer as it is, a controller file chunk by chunk. */
export async function writeBody(handle: FileHandle, content: Buffer | { localPath: string }): Promise<void> {
  if (Buffer.isBuffer(content)) {
    await handle.writeFile(content);
    return;
  }
  for await (const chunk of createReadStream(content.localPath)) await handle.write(chunk as Buffer);
}

/**
 * Opens a controller file for a transfer's bytes: created 0600 (readable by nobody else while it fills),
 * never through an existing entry (`wx`), the caller renames it into place.
 */
export function openPrivate(path: string): Promise<FileHandle> {
  return fs.open(path, 'wx', 0o600);
}

/** Controller files being filled by a transfer; whatever is left when tsible exits is removed. */
const partials = new Set<string>();
let exitHookSet = false;

/** Marks a temporary controller file as a partial until `done` is called (after its rename or removal). */
export function trackPartial(path: string): { done(): void } {
  partials.add(path);
  if (!exitHookSet) {
    exitHookSet = true;
    process.on('exit', () => partials.forEach((p) => rmSync(p, { force: true })));
  }
  return { done: () => partials.delete(path) };
}

/**
 * Writes fetched bytes into a new private controller file as they come, returning their digests; on a
 * failure the file is removed, so a fetch cut short leaves nothing behind.
 */
export async function writeFetched(localPath: string, chunks: () => AsyncIterable<Buffer | string>): Promise<Digests> {
  const digester = new Digester();
  const local = await openPrivate(localPath);
  const partial = trackPartial(localPath);
  try {
    for await (const chunk of chunks()) {
      const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      digester.update(bytes);
      await local.write(bytes);
    }
    await local.sync();
    await local.close();
    return digester.digests();
  } catch (e) {
    await local.close().catch(() => undefined);
    await fs.rm(localPath, { force: true });
    throw e;
  } finally {
    partial.done();
  }
}
