import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../engine/cli/tsible-playbook';
import { spawnSync } from 'child_process';
import { LocalConnection } from '../../engine/connection/local';
import { ensureUsers, TEST_PASSWORD, TEST_USER } from '../ssh/sshd';
import { hasAnsible } from './files-twins';
import { processesWith } from '../proc';

/**
 * The local connection under become: the become password goes to su or sudo only when they ask for it.
 * Root using su, or sudo without a password, never asks, and then the command must not read it on stdin.
 */

const PASSWORD = 'become-pw-9Zq';
const asRoot = process.getuid?.() === 0 ? describe : describe.skip;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-sec-local-'));
  chmodSync(dir, 0o777);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Runs tasks against a local host, by tsible in-process or by ansible-playbook 2.14 (when installed), each
 * in a directory of its own: `@D` in the tasks.
 */
async function playbook(tasks: string, tool: 'tsible' | 'ansible' = 'tsible'): Promise<{ code: number; out: string; dir: string }> {
  const at = join(dir, tool);
  mkdirSync(at, { mode: 0o777 });
  chmodSync(at, 0o777);
  writeFileSync(join(at, 'inventory'), 'h ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  writeFileSync(join(at, 'p.yml'), `- hosts: h\n  gather_facts: no\n  tasks:\n${tasks.split('@D').join(at)}`);
  const args = ['-i', 'inventory', 'p.yml', '-v', '-e', `ansible_become_password=${PASSWORD}`];
  if (tool === 'ansible') {
    const r = spawnSync('ansible-playbook', args, { cwd: at, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    return { code: r.status ?? -1, out: `${r.stdout}${r.stderr}`, dir: at };
  }
  let out = '';
  const io = { cwd: at, env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent' }, stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
  const code = await main(args, io);
  return { code, out, dir: at };
}

const TOOLS = hasAnsible ? (['tsible', 'ansible'] as const) : (['tsible'] as const);

asRoot('become password on the controller when nothing asks for it', () => {
  const conn = new LocalConnection();

  it.each(['sudo', 'su'] as const)('%s as root: `cat` reads the task stdin, never the password', async (method) => {
    const r = await conn.exec('cat; echo end', { become: { method, user: 'nobody', password: PASSWORD, flags: method === 'su' ? '-s /bin/sh' : undefined }, stdin: 'task input\n' });
    expect(r.stdout).toBe('task input\nend\n');
    expect(r.stdout + r.stderr).not.toContain(PASSWORD);
  });

  it('a file written under become holds the content only', async () => {
    await conn.putFile(join(dir, 'f'), 'content\n', { become: { method: 'sudo', user: 'nobody', password: PASSWORD } });
    expect(readFileSync(join(dir, 'f'), 'utf8')).toBe('content\n');
  });

  it.each(TOOLS)('command: cat and copy in a playbook show and write no password, and the copy gets the umask’s mode (%s)', async (tool) => {
    const { code, out, dir: at } = await playbook(
      `    - command: cat\n      args: { stdin: hello }\n      become: yes\n      become_user: nobody\n      register: r\n` +
        `    - copy: { content: "data\\n", dest: "@D/copied" }\n      become: yes\n      become_user: nobody\n`,
      tool,
    );
    expect(code).toBe(0);
    expect(out).toContain('"stdout": "hello"');
    expect(out).not.toContain(PASSWORD);
    expect(readFileSync(join(at, 'copied'), 'utf8')).toBe('data\n');
    expect(statSync(join(at, 'copied')).mode & 0o777).toBe(0o644);
  }, 90_000);
});


// A controller that is not root: su asks, the password answers it, and the command's stdin follows.
const DIST_LOCAL = join(__dirname, '..', '..', 'dist', 'engine', 'connection', 'local.js');
const SCRIPT = `
const { LocalConnection } = require(process.argv[1]);
const [user, password] = process.argv.slice(2);
const run = (become) => new LocalConnection().exec('id -un; cat', { become, stdin: 'in\\n' }).catch((e) => ({ error: e.name + ': ' + e.message }));
(async () => console.log(JSON.stringify([await run({ method: 'su', user, password }), await run({ method: 'su', user, password: 'wrong' })])))();
`;

asRoot('become password on the controller when su asks for it', () => {
  it('is sent once su prompts; a wrong one is "Incorrect su password"', () => {
    ensureUsers();
    const r = spawnSync('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', 'node', '-e', SCRIPT, DIST_LOCAL, TEST_USER, TEST_PASSWORD], { cwd: '/', encoding: 'utf8', timeout: 30_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout)).toEqual([{ rc: 0, stdout: `${TEST_USER}\nin\n`, stderr: '' }, { error: 'BecomeError: Incorrect su password' }]);
    expect(r.stdout).not.toContain(TEST_PASSWORD);
  }, 40_000);
});

asRoot('ending local commands', () => {
  it.each(['sudo', 'su'] as const)('close() ends a command run through %s (su gives it a session of its own)', async (method) => {
    const conn = new LocalConnection();
    const sleep = `3000.${process.pid}${method.length}`;
    const running = conn.exec(`sleep ${sleep}`, { become: { method, user: 'nobody', flags: method === 'su' ? '-s /bin/sh' : undefined } }).catch(() => undefined);
    try {
      // Bounded, so a command that never starts still gets the connection closed.
      for (let i = 0; i < 400 && processesWith(`sleep\0${sleep}`).length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 50));
    } finally {
      await conn.close();
    }
    await running;
    const left = processesWith(`sleep\0${sleep}`);
    left.forEach((pid) => process.kill(pid, 'SIGKILL'));
    expect(left).toEqual([]);
  }, 30_000);
});

asRoot('files and directories under local become', () => {
  const conn = new LocalConnection();
  const become = { method: 'sudo' as const, user: 'nobody' };

  it('a new file gets the umask default (0644 under 022), as Ansible gives it', async () => {
    const old = process.umask(0o022);
    try {
      await conn.putFile(join(dir, 'new'), 'x', { become });
      expect(statSync(join(dir, 'new')).mode & 0o777).toBe(0o644);
    } finally {
      process.umask(old);
    }
  });
});

describe('a chdir that does not exist', () => {
  const conn = new LocalConnection();

  it('fails with Ansible’s message, plain and under become, and runs nothing', async () => {
    const missing = join(tmpdir(), 'tsible-no-such-dir', 'x');
    const marker = join(tmpdir(), `tsible-chdir-ran-${process.pid}`);
    const expected = `Unable to change directory before execution: [Errno 2] No such file or directory: '${missing}'`;
    await expect(conn.exec(`touch ${marker}`, { cwd: missing })).rejects.toThrow(expected);
    if (process.getuid?.() === 0) await expect(conn.exec(`touch ${marker}`, { cwd: missing, become: { method: 'sudo', user: 'nobody' } })).rejects.toThrow(expected);
    expect(() => statSync(marker)).toThrow();
  });

  it('a file in its place is "Not a directory"', async () => {
    writeFileSync(join(dir, 'file'), '');
    await expect(conn.exec('true', { cwd: join(dir, 'file') })).rejects.toThrow(`[Errno 20] Not a directory: '${join(dir, 'file')}'`);
  });

  it.each(TOOLS)('is a task failure with that message in a playbook (%s)', async (tool) => {
    const { code, out } = await playbook(`    - command: pwd\n      args: { chdir: /nonexistent/dir }\n`, tool);
    expect(code).toBe(2);
    // Ansible quotes the path as Python bytes (b'…'); the rest is word for word.
    expect(out).toMatch(/"msg": "Unable to change directory before execution: \[Errno 2\] No such file or directory: b?'\/nonexistent\/dir'"/);
  }, 90_000);
});
