import { Connection, UnreachableError } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { Sshd, startSshd } from './sshd';

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

describe('a connection that drops', () => {
  it('fails the command in flight and every later call as unreachable when sshd dies', async () => {
    conn = createSshConnection('target', sshd.options());
    expect((await conn.exec('echo up')).stdout).toBe('up\n');
    const inFlight = conn.exec('sleep 30');
    await new Promise((resolve) => setTimeout(resolve, 200));
    sshd.kill();
    const started = Date.now();
    await expect(inFlight).rejects.toBeInstanceOf(UnreachableError);
    expect(Date.now() - started).toBeLessThan(2000);
    const later = await conn.exec('echo again').catch((e) => e);
    expect(later).toBeInstanceOf(UnreachableError);
    expect(later.message).toMatch(/^Failed to connect to the host via ssh: /);
    await expect(conn.stat('/tmp')).rejects.toBeInstanceOf(UnreachableError);
    await expect(conn.readFile('/etc/hostname')).rejects.toBeInstanceOf(UnreachableError);
  });

  it('notices a host that stops answering through ServerAliveInterval keepalives', async () => {
    conn = createSshConnection('target', sshd.options({ sshCommonArgs: '-o ServerAliveInterval=1 -o ServerAliveCountMax=1' }));
    await conn.connect();
    const inFlight = conn.exec('sleep 30');
    await new Promise((resolve) => setTimeout(resolve, 200));
    sshd.signalSessions('SIGSTOP');
    const started = Date.now();
    await expect(inFlight).rejects.toBeInstanceOf(UnreachableError);
    expect(Date.now() - started).toBeLessThan(4000);
  }, 10_000);

  it('ends everything on close()', async () => {
    conn = createSshConnection('target', sshd.options());
    await conn.connect();
    await conn.close();
    await expect(conn.exec('true')).rejects.toBeInstanceOf(UnreachableError);
  });
});
