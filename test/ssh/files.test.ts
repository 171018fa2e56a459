import { readdirSync, readFileSync, statSync, writeFileSync, mkdtempSync, chmodSync, symlinkSync } from 'fs';
import { createHash } from 'crypto';
import { join } from 'path';
import { Connection, UnreachableError } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { Sshd, startSshd } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

let sshd: Sshd;
let conn: Connection;
let work: string;

beforeAll(async () => {
  sshd = await startSshd();
  conn = createSshConnection('target', sshd.options());
  // The server runs on this machine, so the test can look at the files directly.
  work = mkdtempSync(join(sshd.dir, 'files-'));
  chmodSync(work, 0o777);
}, 60_000);
afterAll(async () => {
  await conn?.close();
  await sshd?.stop();
}, 30_000);

const sha1 = (data: string | Buffer) => createHash('sha1').update(data).digest('hex');

describe('files over ssh', () => {
  it('puts a file with its mode and reads it back', async () => {
    const path = join(work, 'a.conf');
    await conn.putFile(path, 'key=value\n', { mode: 0o640 });
    expect(readFileSync(path, 'utf8')).toBe('key=value\n');
    expect(statSync(path).mode & 0o7777).toBe(0o640);
    expect((await conn.readFile(path))?.toString()).toBe('key=value\n');
  });

  it('keeps the mode of a file it replaces and leaves no temporary file behind', async () => {
    const path = join(work, 'keep-mode');
    writeFileSync(path, 'old');
    chmodSync(path, 0o600);
    await conn.putFile(path, 'new');
    expect(readFileSync(path, 'utf8')).toBe('new');
    expect(statSync(path).mode & 0o7777).toBe(0o600);
    expect(readdirSync(work).filter((f) => f.includes('tsible-tmp'))).toEqual([]);
  });

  it('reads a missing file as null and fails on an unreadable one', async () => {
    expect(await conn.readFile(join(work, 'missing'))).toBeNull();
    await expect(conn.readFile('/etc/shadow')).rejects.toThrow(/denied/i);
  });

  it('stats a file with owner, size, mode and sha1 in one call', async () => {
    const path = join(work, 'stat-me');
    await conn.putFile(path, 'hello\n', { mode: 0o604 });
    const st = await conn.stat(path, { checksum: true });
    expect(st).toMatchObject({ exists: true, type: 'file', mode: 0o604, size: 6, owner: 'tsible-test', checksum: sha1('hello\n') });
    expect(st.mtime).toBeGreaterThan(Date.now() / 1000 - 60);
  });

  it('stats directories, links (followed or not) and missing paths', async () => {
    symlinkSync(join(work, 'stat-me'), join(work, 'link'));
    expect(await conn.stat(work)).toMatchObject({ exists: true, type: 'directory' });
    expect(await conn.stat(join(work, 'link'))).toMatchObject({ type: 'link', linkTarget: join(work, 'stat-me') });
    expect(await conn.stat(join(work, 'link'), { follow: true, checksum: true })).toMatchObject({ type: 'file', checksum: sha1('hello\n') });
    expect(await conn.stat(join(work, 'nothing'))).toEqual({ exists: false });
  });

  it('puts a file whose name is as long as the filesystem allows', async () => {
    const path = join(work, 'n'.repeat(255));
    await conn.putFile(path, 'long');
    expect(readFileSync(path, 'utf8')).toBe('long');
  });

  it('puts binary content byte for byte', async () => {
    const data = Buffer.from(Array.from({ length: 300_000 }, (_, i) => (i * 7) % 256));
    const path = join(work, 'blob');
    await conn.putFile(path, data);
    expect(sha1(readFileSync(path))).toBe(sha1(data));
    expect((await conn.stat(path, { checksum: true })).checksum).toBe(sha1(data));
  });

  it('fails to give a file away as a plain user, leaving the destination alone', async () => {
    const path = join(work, 'owned');
    await expect(conn.putFile(path, 'x', { owner: 'root' })).rejects.toThrow();
    expect(() => statSync(path)).toThrow();
  });

  it('never leaves a partial file when the connection dies mid-write', async () => {
    const path = join(work, 'big');
    writeFileSync(path, 'old content');
    const mover = createSshConnection('target', sshd.options());
    const big = Buffer.alloc(64 * 1024 * 1024, 'x');
    const put = mover.putFile(path, big);
    await until(() => readdirSync(work).some((f) => f.includes('tsible-tmp') && statSync(join(work, f)).size > 1024 * 1024));
    sshd.signalSessions('SIGKILL');
    await expect(put).rejects.toBeInstanceOf(UnreachableError);
    expect(readFileSync(path, 'utf8')).toBe('old content');
    await mover.close();
  });
});

describe('files on a host without SFTP', () => {
  let bare: Sshd;
  beforeAll(async () => {
    bare = await startSshd({ sftp: false });
  }, 60_000);
  afterAll(() => bare?.stop(), 30_000);

  it('puts and reads files through the shell instead, atomically and byte for byte', async () => {
    const c = createSshConnection('bare', bare.options());
    const dir = mkdtempSync(join(bare.dir, 'files-'));
    chmodSync(dir, 0o777);
    const data = Buffer.from(Array.from({ length: 70_000 }, (_, i) => (i * 13) % 256));
    await c.putFile(join(dir, 'f'), data, { mode: 0o640 });
    expect(statSync(join(dir, 'f')).mode & 0o7777).toBe(0o640);
    expect((await c.readFile(join(dir, 'f')))?.equals(data)).toBe(true);
    expect(await c.readFile(join(dir, 'absent'))).toBeNull();
    expect(readdirSync(dir)).toEqual(['f']);
    await c.close();
  });
});

async function until(condition: () => boolean): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in 10s');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
