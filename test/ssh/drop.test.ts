import { existsSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Connection, UnreachableError } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { Sshd, startSshd } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

// Each test breaks its server, so each gets its own.
let sshd: Sshd;
let conn: Connection;

beforeEach(async () => {
  sshd = await startSshd();
}, 60_000);
afterEach(async () => {
  await conn?.close();
  await sshd?.stop();
}, 30_000);

/** A file the login user's command creates once it runs, so a test acts on a command really in flight. */
let markers = 0;
const startedMarker = () => join(tmpdir(), `tsible-drop-${process.pid}-${++markers}`);

/** Waits (bounded, generous for a busy machine) until the command has created its marker; then removes it. */
async function untilExists(file: string): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!existsSync(file)) {
    if (Date.now() > deadline) throw new Error(`the command did not start within 20 s (no ${file})`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  rmSync(file, { force: true });
}

describe('a connection that drops', () => {
  it('fails the command in flight and every later call as unreachable when sshd dies', async () => {
    conn = createSshConnection('target', sshd.options());
    expect((await conn.exec('echo up')).stdout).toBe('up\n');
    const marker = startedMarker();
    const inFlight = conn.exec(`touch ${marker}; sleep 30`);
    await untilExists(marker);
    sshd.kill();
    const started = Date.now();
    await expect(inFlight).rejects.toBeInstanceOf(UnreachableError);
    // Noticed rather than waited for (30 s): the bound is generous for a busy machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    const later = await conn.exec('echo again').catch((e) => e);
    expect(later).toBeInstanceOf(UnreachableError);
    expect(later.message).toMatch(/^Failed to connect to the host via ssh: /);
    await expect(conn.stat('/tmp')).rejects.toBeInstanceOf(UnreachableError);
    await expect(conn.readFile('/etc/hostname')).rejects.toBeInstanceOf(UnreachableError);
  }, 60_000);

  it('notices a host that stops answering through ServerAliveInterval keepalives', async () => {
    conn = createSshConnection('target', sshd.options({ sshCommonArgs: '-o ServerAliveInterval=1 -o ServerAliveCountMax=1' }));
    await conn.connect();
    const marker = startedMarker();
    const inFlight = conn.exec(`touch ${marker}; sleep 30`);
    await untilExists(marker);
    sshd.signalSessions('SIGSTOP');
    const started = Date.now();
    await expect(inFlight).rejects.toBeInstanceOf(UnreachableError);
    // Noticed rather than waited for (30 s): the bound is generous for a busy machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('ends everything on close()', async () => {
    conn = createSshConnection('target', sshd.options());
    await conn.connect();
    await conn.close();
    await expect(conn.exec('true')).rejects.toBeInstanceOf(UnreachableError);
  });
});
