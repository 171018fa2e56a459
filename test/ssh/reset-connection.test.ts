import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseRecap } from '../compat/harness';
import { NOPASSWD_USER, Sshd, sshdAvailable, startSshd, stopSshd } from './sshd';

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const run = sshdAvailable() ? describe : describe.skip;

// $PPID of a raw command is the sshd process serving the login: the same for every task on one
// connection, a new one after meta: reset_connection (and not after a reset skipped by `when`, which
// ansible-playbook shows as skipping but leaves out of the recap).
const PLAYBOOK = `- hosts: all
  gather_facts: no
  tasks:
    - {raw: 'echo $PPID', register: first}
    - {raw: 'echo $PPID', register: second}
    - meta: reset_connection
      when: false
    - {raw: 'echo $PPID', register: after_skipped}
    - meta: reset_connection
    - {raw: 'echo $PPID', register: after_reset}
    - debug:
        msg: "{{ [first, second, after_skipped, after_reset] | map(attribute='stdout') | map('trim') | join(' ') }}"
`;

run('meta: reset_connection over ssh', () => {
  let sshd: Sshd;
  let dir: string;
  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'tsible-reset-connection-'));
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK);
    const port = sshd.options().port;
    writeFileSync(join(dir, 'inventory'), `target ansible_host=127.0.0.1 ansible_port=${port} ansible_user=${NOPASSWD_USER} ansible_ssh_private_key_file=${sshd.clientKey} ansible_ssh_common_args='-o UserKnownHostsFile=${sshd.knownHosts}'\n`);
  }, 60_000);
  afterAll(async () => {
    await stopSshd(sshd);
    rmSync(dir, { recursive: true, force: true });
  });

  it('logs in afresh for the next task, and only when the reset runs', () => {
    const r = spawnSync('node', [TSIBLE, '-i', 'inventory', 'playbook.yml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    expect({ code: r.status, err: r.stderr }).toEqual({ code: 0, err: '' });
    const [first, second, afterSkipped, afterReset] = /"msg": "(\d+) (\d+) (\d+) (\d+)"/.exec(r.stdout)!.slice(1);
    expect(second).toBe(first);
    expect(afterSkipped).toBe(first);
    expect(afterReset).not.toBe(first);
    expect(parseRecap(r.stdout).target).toMatchObject({ ok: 5, skipped: 0, failed: 0 });
  }, 60_000);
});
