import { execFileSync, spawnSync } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'fs';
import { open } from 'fs/promises';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Connection } from '../../engine/connection/connection';
import { LocalConnection } from '../../engine/connection/local';
import { shellPutScript } from '../../engine/connection/shell-put';
import { createSshConnection } from '../../engine/connection/ssh';
import { Sshd, sshdAvailable, startSshd } from '../ssh/sshd';

/**
 * A `mode: 0600` secret must never be readable by others, not even while it is being written, and a
 * transfer cut short must leave nothing behind. The content comes from a FIFO the test holds open, so the
 * transfer is caught mid-way for as long as the test needs, whatever the machine's load.
 */
const SECRET = 'password=hunter2\n';

async function until<T>(what: string, probe: () => T | undefined): Promise<T> {
  for (let i = 0; i < 600; i++) {
    const got = probe();
    if (got !== undefined) return got;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Starts a put fed by a FIFO, writes the secret's first bytes, and returns the half-written temporary file. */
async function catchMidway(conn: Connection, dir: string, fifo: string) {
  const put = conn.putFile(join(dir, 'secret'), { localPath: fifo }, { mode: 0o600 });
  put.catch(() => undefined);
  const writer = await open(fifo, 'w');
  await writer.write(SECRET);
  const partial = await until('the temporary file to hold bytes', () => {
    const name = readdirSync(dir).find((n) => n !== 'secret');
    return name && statSync(join(dir, name)).size > 0 ? join(dir, name) : undefined;
  });
  return { put, writer, partial };
}

describe.each([
  ['local', async () => ({ conn: new LocalConnection('localhost') as Connection, base: tmpdir(), stop: async () => undefined })],
  [
    'ssh (SFTP)',
    async () => {
      const sshd: Sshd = await startSshd();
      return { conn: createSshConnection('target', sshd.options()), base: sshd.dir, stop: () => sshd.stop() };
    },
  ],
] as const)('a transfer over the %s connection', (kind, setup) => {
  const skip = kind !== 'local' && !sshdAvailable();
  let env: { conn: Connection; base: string; stop(): Promise<void> };
  let dir: string;
  let fifo: string;

  beforeAll(async () => {
    if (!skip) env = await setup();
  }, 60_000);
  afterAll(async () => {
    await env?.conn.close();
    await env?.stop();
  }, 60_000);
  beforeEach(() => {
    if (skip) return;
    const root = mkdtempSync(join(env.base, 'transfer-'));
    chmodSync(root, 0o755);
    dir = join(root, 'dest');
    mkdirSync(dir);
    chmodSync(dir, 0o777);
    fifo = join(root, 'fifo');
    execFileSync('mkfifo', [fifo]);
  });

  (skip ? it.skip : it)('fills a temporary file that only its owner can read, then gives it the asked-for mode', async () => {
    const { put, writer, partial } = await catchMidway(env.conn, dir, fifo);
    expect((statSync(partial).mode & 0o777).toString(8)).toBe('600');
    await writer.close();
    await put;
    expect(readdirSync(dir)).toEqual(['secret']);
    expect((statSync(join(dir, 'secret')).mode & 0o777).toString(8)).toBe('600');
  }, 60_000);

  (skip ? it.skip : it)('leaves no partial file when the connection is closed mid-transfer', async () => {
    const { put, writer } = await catchMidway(env.conn, dir, fifo);
    await env.conn.close();
    await writer.close();
    await expect(put).rejects.toThrow();
    expect(readdirSync(dir)).toEqual([]);
    // Later tests need a live connection again.
    env.conn = kind === 'local' ? new LocalConnection('localhost') : env.conn;
  }, 60_000);
});

describe('a write through the shell (become, or a host without SFTP)', () => {
  it('installs nothing and leaves no partial when its input ends early (the controller was killed)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-shell-put-'));
    const dest = join(dir, 'secret');
    const run = spawnSync('/bin/sh', ['-c', shellPutScript(dest, { mode: 0o600 }, SECRET.length)], { input: SECRET.slice(0, 5), encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('transfer cut short');
    expect(readdirSync(dir)).toEqual([]);
    rmSync(dir, { recursive: true });
  });

  it('writes the whole content when it all arrives', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-shell-put-'));
    const dest = join(dir, 'secret');
    const run = spawnSync('/bin/sh', ['-c', shellPutScript(dest, { mode: 0o600 }, SECRET.length)], { input: SECRET, encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(readdirSync(dir)).toEqual(['secret']);
    expect((statSync(dest).mode & 0o777).toString(8)).toBe('600');
    rmSync(dir, { recursive: true });
  });
});
