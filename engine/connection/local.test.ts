import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir, userInfo } from 'os';
import { join } from 'path';
import { LocalConnection, localBecome } from './local';

const conn = new LocalConnection('localhost');
let dir: string;
beforeEach(() => (dir = mkdtempSync(join(tmpdir(), 'tsible-local-'))));
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('LocalConnection.exec', () => {
  it('runs through /bin/sh with stdin, env and cwd', async () => {
    const r = await conn.exec('cat; echo "$X"; pwd; echo err >&2; exit 3', { stdin: 'in\n', env: { X: 'x' }, cwd: dir });
    expect(r).toEqual({ rc: 3, stdout: `in\nx\n${dir}\n`, stderr: 'err\n' });
  });

  it('close() ends what a finished command left running with its output open', async () => {
    const local = new LocalConnection();
    const running = local.exec('sleep 30 & echo started');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await local.close();
    expect((await running).stdout).toBe('started\n');
  });

  it('kills a command that runs past its timeout', async () => {
    await expect(conn.exec('sleep 5', { timeoutMs: 100 })).rejects.toThrow('timed out');
  });
});

describe('LocalConnection files', () => {
  it('reads a file, or null when missing', async () => {
    writeFileSync(join(dir, 'f'), 'data');
    expect((await conn.readFile(join(dir, 'f')))?.toString()).toBe('data');
    expect(await conn.readFile(join(dir, 'nope'))).toBeNull();
  });

  it('stats with owner names, link targets and sha1', async () => {
    writeFileSync(join(dir, 'f'), 'b\n');
    chmodSync(join(dir, 'f'), 0o640);
    symlinkSync('f', join(dir, 'l'));
    const st = await conn.stat(join(dir, 'f'), { checksum: true });
    expect(st).toMatchObject({ exists: true, type: 'file', mode: 0o640, size: 2, owner: userInfo().username, checksum: '89e6c98d92887913cadf06b2adb97f26cde4849b' });
    expect(await conn.stat(join(dir, 'l'))).toMatchObject({ type: 'link', linkTarget: 'f' });
    expect(await conn.stat(join(dir, 'l'), { follow: true })).toMatchObject({ type: 'file' });
    expect(await conn.stat(join(dir, 'nope/x'))).toEqual({ exists: false });
  });

  it('putFile replaces atomically, keeping the mode of the file it replaces, and leaves no temp file', async () => {
    const f = join(dir, 'f');
    writeFileSync(f, 'old');
    chmodSync(f, 0o600);
    await conn.putFile(f, 'new');
    expect([readFileSync(f, 'utf8'), statSync(f).mode & 0o7777]).toEqual(['new', 0o600]);
    await conn.putFile(f, 'newer', { mode: 0o644 });
    expect(statSync(f).mode & 0o7777).toBe(0o644);
    expect(readdirSync(dir)).toEqual(['f']);
  });

  it('putFile sets the owner', async () => {
    const f = join(dir, 'g');
    await conn.putFile(f, 'x', { owner: String(process.getuid!()), group: String(process.getgid!()) });
    expect(statSync(f).uid).toBe(process.getuid!());
  });
});

describe('become', () => {
  it('builds sudo and su command lines as over ssh, su without a terminal', () => {
    const sudo = localBecome('id -un', { method: 'sudo', user: 'app' }, false);
    expect(sudo.command).toMatch(/^sudo -H -S -n -u app \/bin\/sh -c '.*\/bin\/sh -c '.*id -un/);
    const su = localBecome('id', { method: 'su', user: 'app', password: 'pw' }, true);
    expect(su).toMatchObject({ method: 'su', pty: false, stderrMarker: true, password: 'pw' });
    expect(su.command).toMatch(/^su app -c /);
  });

  const asRoot = process.getuid?.() === 0 ? it : it.skip;
  asRoot('runs commands and reads files as another user through sudo', async () => {
    const become = { method: 'sudo' as const, user: 'nobody' };
    expect((await conn.exec('id -un', { become })).stdout).toBe('nobody\n');
    const f = join(dir, 'secret');
    writeFileSync(f, 's');
    chmodSync(f, 0o600);
    chmodSync(dir, 0o755);
    await expect(conn.readFile(f, { become })).rejects.toThrow('cannot read');
    expect(await conn.stat(f, { become })).toMatchObject({ exists: true, type: 'file', mode: 0o600, owner: 'root' });
  });

  asRoot('writes files as another user through sudo, atomically', async () => {
    const become = { method: 'sudo' as const, user: 'nobody' };
    chmodSync(dir, 0o777);
    const f = join(dir, 'by-nobody');
    await conn.putFile(f, 'hello', { become, mode: 0o640 });
    expect([readFileSync(f, 'utf8'), statSync(f).uid, statSync(f).mode & 0o7777]).toEqual(['hello', 65534, 0o640]);
    expect((await conn.readFile(f, { become }))?.toString()).toBe('hello');
    chmodSync(dir, 0o755);
    await expect(conn.putFile(join(dir, 'denied'), 'x', { become })).rejects.toThrow('cannot write');
    expect(readdirSync(dir).sort()).toEqual(['by-nobody']);
  });

  asRoot('su keeps the exit status, stdin and stderr of the command', async () => {
    const su = { method: 'su' as const, user: 'nobody', flags: '-s /bin/sh' };
    expect(await conn.exec('cat; echo oops >&2; exit 3', { become: su, stdin: 'in\n' })).toEqual({ rc: 3, stdout: 'in\n', stderr: 'oops\n' });
  });

  asRoot('keeps the task environment under become, which sudo would reset', async () => {
    const r = await conn.exec('printf "%s|" "$GREETING" "$(id -un)"', { become: { method: 'sudo', user: 'nobody' }, env: { GREETING: `it's $HOME` } });
    expect(r.stdout).toBe("it's $HOME|nobody|");
  });

  it('does not escalate to the user it already is', async () => {
    expect((await conn.exec('id -un', { become: { method: 'sudo', user: userInfo().username } })).stdout).toBe(`${userInfo().username}\n`);
  });
});
