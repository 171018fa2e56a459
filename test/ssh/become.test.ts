import { createHash } from 'crypto';
import { statSync, mkdtempSync, chmodSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { BecomeError, Connection } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { NOPASSWD_USER, Sshd, startSshd, TEST_PASSWORD, TEST_USER } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

let sshd: Sshd;
/** Logs in as TEST_USER, whose sudo asks for a password. */
let withPassword: Connection;
/** Logs in as NOPASSWD_USER, whose sudo does not ask. */
let noPassword: Connection;
let work: string;

const root = { method: 'sudo' as const, user: 'root' };
const rootWithPassword = { ...root, password: TEST_PASSWORD };

beforeAll(async () => {
  sshd = await startSshd();
  withPassword = createSshConnection('target', sshd.options());
  noPassword = createSshConnection('target', sshd.options({ user: NOPASSWD_USER }));
  work = mkdtempSync(join(sshd.dir, 'become-'));
  chmodSync(work, 0o777);
}, 60_000);
afterAll(async () => {
  await withPassword?.close();
  await noPassword?.close();
  await sshd?.stop();
}, 30_000);

describe('become over ssh', () => {
  it('sudo without a password when sudoers says NOPASSWD', async () => {
    const r = await noPassword.exec('id -un; echo "$HOME"', { become: root });
    expect(r).toEqual({ rc: 0, stdout: 'root\n/root\n', stderr: '' });
  });

  it('sudo answering the password prompt, with stdin passed to the command intact', async () => {
    const r = await withPassword.exec('id -un; cat', { become: rootWithPassword, stdin: 'line one\nline two\n' });
    expect(r).toEqual({ rc: 0, stdout: 'root\nline one\nline two\n', stderr: '' });
  });

  it('does not feed the password to the command when sudo does not ask for it', async () => {
    const r = await noPassword.exec('cat', { become: { ...root, password: 'unused' }, stdin: 'only this' });
    expect(r.stdout).toBe('only this');
  });

  it('fails fast and clearly on a wrong become password', async () => {
    const started = Date.now();
    await expect(withPassword.exec('id', { become: { ...root, password: 'wrong' } })).rejects.toEqual(new BecomeError('target', 'Incorrect sudo password'));
    // The message says it was not a timeout; the bound only catches a hang, generous for a busy machine.
    expect(Date.now() - started).toBeLessThan(20_000);
  }, 60_000);

  it('fails clearly when sudo needs a password and none was given', async () => {
    await expect(withPassword.exec('id', { become: root })).rejects.toThrow('Missing sudo password');
  });

  it('becomes a non-root user, environment and cwd applied as that user', async () => {
    const r = await withPassword.exec('id -un; pwd; echo "$GREETING"', { become: { ...rootWithPassword, user: NOPASSWD_USER }, cwd: '/tmp', env: { GREETING: 'hi' } });
    expect(r.stdout).toBe(`${NOPASSWD_USER}\n/tmp\nhi\n`);
  });

  it('passes become_flags to sudo', async () => {
    // -i runs a login shell, which starts in the target user's home.
    const r = await noPassword.exec('pwd', { become: { ...root, flags: '-H -S -n -i' } });
    expect(r.stdout).toBe('/root\n');
  });

  it('su with a password through a terminal', async () => {
    const r = await withPassword.exec('id -un; echo done', { become: { method: 'su', user: NOPASSWD_USER, password: TEST_PASSWORD } });
    expect(r).toMatchObject({ rc: 0, stdout: `${NOPASSWD_USER}\ndone\n` });
  });

  it('su passes stdin, binary and long lines included, and writes files as the target user', async () => {
    const su = { method: 'su' as const, user: NOPASSWD_USER, password: TEST_PASSWORD };
    const data = Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 31) % 256));
    const r = await withPassword.exec('od -An -v -tx1 | tr -d " \\n" | wc -c', { become: su, stdin: data });
    expect(r.stdout.trim()).toBe(String(data.length * 2));
    const path = join(work, 'via-su');
    await withPassword.putFile(path, data, { become: su, mode: 0o600 });
    expect((await withPassword.readFile(path, { become: su }))?.equals(data)).toBe(true);
    expect(await withPassword.stat(path, { become: rootWithPassword, checksum: true })).toMatchObject({
      owner: NOPASSWD_USER,
      mode: 0o600,
      checksum: createHash('sha1').update(data).digest('hex'),
    });
  });

  it('su with a wrong password fails clearly', async () => {
    await expect(withPassword.exec('id', { become: { method: 'su', user: NOPASSWD_USER, password: 'wrong' } })).rejects.toThrow('Incorrect su password');
  }, 60_000);

  it('writes a file as root: owned by root, atomically, readable back through become', async () => {
    const path = join(work, 'root-owned');
    await noPassword.putFile(path, 'secret\n', { become: root, mode: 0o600 });
    const st = statSync(path);
    expect([st.uid, st.mode & 0o7777]).toEqual([0, 0o600]);
    expect((await noPassword.readFile(path, { become: root }))?.toString()).toBe('secret\n');
    expect(await noPassword.readFile(join(work, 'absent'), { become: root })).toBeNull();
    expect(await noPassword.stat(path, { become: root, checksum: true })).toMatchObject({ owner: 'root', mode: 0o600, size: 7 });
  });

  it('writes a file as a non-root become user with a password, with the owner asked for', async () => {
    const path = join(work, 'peer-owned');
    await withPassword.putFile(path, 'data', { become: rootWithPassword, owner: NOPASSWD_USER, group: TEST_USER });
    const st = await withPassword.stat(path);
    expect(st).toMatchObject({ owner: NOPASSWD_USER, group: TEST_USER, mode: 0o644 });
  });

  it('keeps an existing file’s owner and mode when a become write replaces it', async () => {
    const path = join(work, 'replace-me');
    await noPassword.putFile(path, 'v1', { become: { ...root, user: TEST_USER }, mode: 0o640 });
    await noPassword.putFile(path, 'v2', { become: root });
    expect(await noPassword.stat(path, { become: root })).toMatchObject({ owner: TEST_USER, mode: 0o640, size: 2 });
  });
});

describe('become that never gets going', () => {
  let odd: Sshd;
  let bin: string;

  beforeAll(async () => {
    // A sudo that asks for something else (a PIN, a token) and waits, as some PAM setups do.
    bin = mkdtempSync(join(tmpdir(), 'tsible-fake-sudo-'));
    chmodSync(bin, 0o755);
    writeFileSync(join(bin, 'sudo'), "#!/bin/sh\nprintf 'Enter your PIN: ' >&2\nexec sleep 30\n", { mode: 0o755 });
    odd = await startSshd({ config: [`SetEnv PATH=${bin}:/usr/bin:/bin`] });
  }, 60_000);
  afterAll(async () => {
    await odd?.stop();
    rmSync(bin, { recursive: true, force: true });
  }, 30_000);

  it('stops waiting after the connect timeout + 2 s with what was shown, as Ansible does', async () => {
    const conn = createSshConnection('target', odd.options({ timeoutSec: 1 }));
    const started = Date.now();
    const err = await conn.exec('id', { become: rootWithPassword }).catch((e) => e);
    expect(err).toEqual(new BecomeError('target', 'Timeout (3s) waiting for privilege escalation prompt: Enter your PIN:'));
    // Gave up rather than waited for the fake sudo (30 s): the bound is generous for a busy machine.
    expect(Date.now() - started).toBeLessThan(20_000);
    await conn.close();
  }, 60_000);
});
