import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../engine/cli/tsible-playbook';
import { LocalConnection } from '../../engine/connection/local';

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

async function playbook(tasks: string): Promise<{ code: number; out: string }> {
  writeFileSync(join(dir, 'inventory'), 'h ansible_connection=local\n');
  writeFileSync(join(dir, 'p.yml'), `- hosts: h\n  gather_facts: no\n  tasks:\n${tasks}`);
  let out = '';
  const io = { cwd: dir, env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent' }, stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
  const code = await main(['-i', 'inventory', 'p.yml', '-v', '-e', `ansible_become_password=${PASSWORD}`], io);
  return { code, out };
}

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

  it('command: cat and copy in a playbook show and write no password', async () => {
    const { code, out } = await playbook(
      `    - command: cat\n      args: { stdin: hello }\n      become: yes\n      become_user: nobody\n      register: r\n` +
        `    - copy: { content: "data\\n", dest: "${dir}/copied" }\n      become: yes\n      become_user: nobody\n`,
    );
    expect(code).toBe(0);
    expect(out).toContain('"stdout": "hello"');
    expect(out).not.toContain(PASSWORD);
    expect(readFileSync(join(dir, 'copied'), 'utf8')).toBe('data\n');
  });
});

/** Processes whose command line holds `text`, read from /proc. */
function processesWith(text: string): number[] {
  return readdirSync('/proc')
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(text);
      } catch {
        return false;
      }
    })
    .map(Number);
}

asRoot('ending local commands', () => {
  it.each(['sudo', 'su'] as const)('close() ends a command run through %s (su gives it a session of its own)', async (method) => {
    const conn = new LocalConnection();
    const sleep = `3000.${process.pid}${method.length}`;
    const running = conn.exec(`sleep ${sleep}`, { become: { method, user: 'nobody', flags: method === 'su' ? '-s /bin/sh' : undefined } }).catch(() => undefined);
    while (processesWith(`sleep\0${sleep}`).length === 0) await new Promise((resolve) => setTimeout(resolve, 50));
    await conn.close();
    await running;
    const left = processesWith(`sleep\0${sleep}`);
    left.forEach((pid) => process.kill(pid, 'SIGKILL'));
    expect(left).toEqual([]);
  });
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

  it('is a task failure with that message in a playbook', async () => {
    const { code, out } = await playbook(`    - command: pwd\n      args: { chdir: /nonexistent/dir }\n`);
    expect(code).toBe(2);
    expect(out).toContain(`"msg": "Unable to change directory before execution: [Errno 2] No such file or directory: '/nonexistent/dir'"`);
  });
});
