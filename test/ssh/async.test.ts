import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Sshd, sshdAvailable, startSshd, stopSshd } from './sshd';
import { playIn, writeTwinInventories } from './twin-play';

jest.setTimeout(60_000);

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const run = sshdAvailable() && existsSync('/usr/bin/ansible-playbook') ? describe : describe.skip;

/**
 * A poll: 0 job that cannot end before a later task lets it, with the connection closed in between: the
 * job lives on the host, not in the ssh channel or connection that started it.
 */
const PLAYBOOK = (dir: string) => `- hosts: all
  gather_facts: no
  vars:
    go: "${dir}/go-{{ inventory_hostname }}"
  tasks:
    - shell: while [ ! -e "{{ go }}" ]; do sleep 0.1; done; echo survived > "${dir}/{{ inventory_hostname }}.txt"; echo survived
      async: 120
      poll: 0
      register: job
    - meta: reset_connection
    - file: {path: "{{ go }}", state: touch}
    - async_status: {jid: "{{ job.ansible_job_id }}"}
      register: done
      until: done is finished
      retries: 60
      delay: 1
    - assert:
        that: [done.stdout == 'survived', done.rc == 0, job.finished == 0]
`;

run('async jobs over ssh, side by side with ansible-playbook', () => {
  let sshd: Sshd;
  let dir: string;
  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'tsible-async-ssh-'));
    // The ssh user's job writes here.
    chmodSync(dir, 0o777);
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK(dir));
    writeTwinInventories(dir, sshd);
  }, 60_000);
  afterAll(async () => {
    await stopSshd(sshd);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('a job started with poll: 0 outlives its channel and connection, and async_status reads it', () => {
    const play = playIn(dir);
    const theirs = play(['ansible-playbook'], 'inventory');
    const ours = play(['node', TSIBLE], 'inventory-ours');
    expect({ code: ours.code, out: ours.code === 0 ? '' : ours.out }).toEqual({ code: theirs.code, out: '' });
    expect(ours.recap.ours).toEqual(theirs.recap.theirs);
    expect(readFileSync(join(dir, 'ours.txt'), 'utf8')).toBe('survived\n');
    expect(readFileSync(join(dir, 'theirs.txt'), 'utf8')).toBe('survived\n');
  }, 240_000);
});
