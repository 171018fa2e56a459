import { Connection, ExecTimeoutError } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { Sshd, startSshd, TEST_USER } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

let sshd: Sshd;
let conn: Connection;

beforeAll(async () => {
  sshd = await startSshd();
  conn = createSshConnection('target', sshd.options({ maxOutputBytes: 1024 * 1024 }));
  await conn.connect();
}, 60_000);
afterAll(async () => {
  await conn?.close();
  await sshd?.stop();
}, 30_000);

describe('exec over ssh', () => {
  it('returns exit code, stdout and stderr apart, as the login user', async () => {
    const r = await conn.exec('id -un; echo oops >&2; exit 3');
    expect(r).toEqual({ rc: 3, stdout: `${TEST_USER}\n`, stderr: 'oops\n' });
  });

  it('runs the line with /bin/sh whatever the login shell is', async () => {
    const r = await conn.exec('echo "$0"; [ -n "$BASH_VERSION" ] && echo bash || echo posix');
    expect(r.stdout).toBe('/bin/sh\nposix\n');
  });

  it('sets environment variables and the working directory', async () => {
    const r = await conn.exec('pwd; printf "%s|" "$GREETING" "$QUOTED"', { cwd: '/tmp', env: { GREETING: 'hello world', QUOTED: `it's "x" $HOME` } });
    expect(r.stdout).toBe(`/tmp\nhello world|it's "x" $HOME|`);
  });

  it('fails with Ansible’s message when cwd does not exist, running nothing', async () => {
    await expect(conn.exec('echo ran', { cwd: '/no/such/dir' })).rejects.toThrow("Unable to change directory before execution: [Errno 2] No such file or directory: '/no/such/dir'");
  });

  it('feeds stdin, binary included', async () => {
    const data = Buffer.from([0, 1, 2, 255, 10, 13]);
    const r = await conn.exec('od -An -tu1', { stdin: data });
    expect(r.stdout.trim().split(/\s+/)).toEqual(['0', '1', '2', '255', '10', '13']);
    expect((await conn.exec('wc -c')).stdout.trim()).toBe('0');
  });

  it('keeps the first maxOutputBytes of a huge output and says it truncated', async () => {
    const r = await conn.exec('head -c 30000000 /dev/zero; echo done >&2');
    expect(r.rc).toBe(0);
    expect(r.stdout.length).toBe(1024 * 1024);
    expect(r.truncated).toBe(true);
    expect(r.stderr).toBe('done\n');
  });

  it('returns a complete output under the cap untouched', async () => {
    const r = await conn.exec('seq 1 100000');
    expect(r.truncated).toBeUndefined();
    expect(r.stdout.split('\n')).toHaveLength(100001);
  });

  it('kills a command that outlives timeoutMs and stays usable', async () => {
    const started = Date.now();
    await expect(conn.exec('sleep 21.5; echo not killed', { timeoutMs: 300 })).rejects.toBeInstanceOf(ExecTimeoutError);
    // Killed rather than waited for (21.5 s): the bound is generous for a busy machine.
    expect(Date.now() - started).toBeLessThan(15_000);
    // The command itself goes on the host, not only our channel to it (pgrep's 1: nothing left; bounded wait).
    expect((await conn.exec("for i in $(seq 200); do pgrep -f '[s]leep 21.5' >/dev/null || exit 1; sleep 0.1; done")).rc).toBe(1);
    expect((await conn.exec('echo still here')).stdout).toBe('still here\n');
  }, 60_000);

  it('runs many commands at once on one connection', async () => {
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => conn.exec(`sleep 0.1; echo ${i}`)));
    expect(results.map((r) => r.stdout.trim())).toEqual(Array.from({ length: 25 }, (_, i) => String(i)));
  });

  it('reports a signal-killed command with 128 + signal', async () => {
    const r = await conn.exec('kill -TERM $$');
    expect(r.rc).toBe(143);
  });
});
