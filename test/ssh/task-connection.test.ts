import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseRecap } from '../compat/harness';
import { NOPASSWD_USER, Sshd, sshdAvailable, startSshd, stopSshd, TEST_USER } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(120_000);

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const run = sshdAvailable() ? describe : describe.skip;

// The host's inventory line names neither user nor port: the play's remote_user and port keywords must
// reach the connection, a task's keywords must beat the play's, connection variables beat keywords, and a
// delegate is reached with its own settings. Each task reports who ran it (root is the controller).
const PLAYBOOK = (port: number) => `- hosts: target
  gather_facts: no
  remote_user: ${NOPASSWD_USER}
  port: ${port}
  tasks:
    - {raw: whoami, register: play_keywords}
    - {raw: whoami, register: task_user, remote_user: ${TEST_USER}}
    - {raw: whoami, register: local, connection: local}
    - {raw: whoami, register: delegated, delegate_to: other}
    - {raw: whoami, register: var_user, remote_user: ${NOPASSWD_USER}, vars: {ansible_user: ${TEST_USER}}}
    - {raw: whoami, register: var_connection, connection: ssh, vars: {ansible_connection: local}}
    - {raw: whoami, register: again}
    - debug:
        msg: "{{ [play_keywords, task_user, local, delegated, var_user, var_connection, again] | map(attribute='stdout') | map('trim') | join(' ') }}"

- hosts: target
  gather_facts: no
  tasks:
    - {raw: whoami, connection: nosuch, register: unknown, ignore_errors: true}
    - {debug: {msg: "{{ unknown.msg }}"}}
`;

const EXPECTED = [NOPASSWD_USER, TEST_USER, 'root', TEST_USER, TEST_USER, 'root', NOPASSWD_USER].join(' ');

run('connection keywords of plays and tasks over ssh', () => {
  let sshd: Sshd;
  let dir: string;
  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'tsible-task-connection-'));
    const common = `ansible_ssh_private_key_file=${sshd.clientKey} ansible_ssh_common_args='-o UserKnownHostsFile=${sshd.knownHosts}'`;
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK(sshd.port));
    writeFileSync(
      join(dir, 'inventory'),
      `target ansible_host=127.0.0.1 ${common}\nother ansible_host=127.0.0.1 ansible_port=${sshd.port} ansible_user=${TEST_USER} ${common}\n`,
    );
  }, 60_000);
  afterAll(async () => {
    await stopSshd(sshd);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const play = (cmd: string[]) => {
    const r = spawnSync(cmd[0], [...cmd.slice(1), '-i', 'inventory', 'playbook.yml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    const msgs = [...(r.stdout ?? '').matchAll(/"msg": "(.*)"/g)].map((m) => m[1]);
    return { code: r.status, msgs, recap: parseRecap(r.stdout ?? ''), out: `${r.stdout}${r.stderr}` };
  };

  it('each task connects as its keywords and variables say, and an unknown connection fails the task', () => {
    const ours = play(['node', TSIBLE]);
    expect({ msgs: ours.msgs, out: ours.msgs[0] === EXPECTED ? '' : ours.out }).toEqual({
      msgs: [EXPECTED, "the connection plugin 'nosuch' was not found", "the connection plugin 'nosuch' was not found"],
      out: '',
    });
    expect(ours.recap.target).toMatchObject({ ok: 10, failed: 0, ignored: 1 });
  });

  const withAnsible = existsSync('/usr/bin/ansible-playbook') ? it : it.skip;
  withAnsible('agrees with ansible-playbook', () => {
    const theirs = play(['ansible-playbook']);
    expect({ msgs: theirs.msgs.slice(0, 1), code: theirs.code }).toEqual({ msgs: [EXPECTED], code: 0 });
    expect(play(['node', TSIBLE]).recap).toEqual(theirs.recap);
  });
});
