import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseRecap } from '../compat/harness';
import { inventoryLine, NOPASSWD_USER, Sshd, sshdAvailable, startSshd, stopSshd } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const run = sshdAvailable() ? describe : describe.skip;

// $PPID of a raw command is the sshd process serving the login: the same for every task on one
// connection, a new one after meta: reset_connection. One with `when` is not run at all (ansible-playbook
// only warns that reset_connection does not support it).
const PLAYBOOK = `- hosts: all
  gather_facts: no
  tasks:
    - {raw: 'echo $PPID', register: first}
    - {raw: 'echo $PPID', register: second}
    - meta: reset_connection
      when: true
    - {raw: 'echo $PPID', register: after_when}
    - meta: reset_connection
    - {raw: 'echo $PPID', register: after_reset}
    - debug:
        msg: "{{ [first, second, after_when, after_reset] | map(attribute='stdout') | map('trim') | join(' ') }}"
`;

run('meta: reset_connection over ssh', () => {
  let sshd: Sshd;
  let dir: string;
  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'tsible-reset-connection-'));
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK);
    writeFileSync(join(dir, 'inventory'), `${inventoryLine(sshd, 'target', NOPASSWD_USER)}\n`);
  }, 60_000);
  afterAll(async () => {
    await stopSshd(sshd);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('logs in afresh for the next task, and not for a reset given a when', () => {
    const r = spawnSync('node', [TSIBLE, '-i', 'inventory', 'playbook.yml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    expect({ code: r.status, err: r.stderr }).toEqual({ code: 0, err: '[WARNING]: reset_connection task does not support when conditional\n' });
    const [first, second, afterWhen, afterReset] = /"msg": "(\d+) (\d+) (\d+) (\d+)"/.exec(r.stdout)!.slice(1);
    expect(second).toBe(first);
    expect(afterWhen).toBe(first);
    expect(afterReset).not.toBe(first);
    expect(parseRecap(r.stdout).target).toMatchObject({ ok: 5, failed: 0 });
  }, 60_000);
});
