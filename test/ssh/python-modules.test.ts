import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { homedir, tmpdir, userInfo } from 'os';
import { join } from 'path';
import { NOPASSWD_USER, Sshd, sshdAvailable, startSshd, stopSshd } from './sshd';
import { playIn, writeTwinInventories } from './twin-play';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const run = sshdAvailable() && existsSync('/usr/bin/ansible-playbook') ? describe : describe.skip;

// A new-style module from library/ that writes a file: run over ssh by the user and through become.
const MODULE = `#!/usr/bin/python
import os
from ansible.module_utils.basic import AnsibleModule

m = AnsibleModule(argument_spec=dict(path=dict(type='path', required=True)), supports_check_mode=True)
path = m.params['path']
if os.path.exists(path):
    m.exit_json(changed=False, path=path)
if not m.check_mode:
    with open(path, 'w') as f:
        f.write(os.environ.get('GREETING', 'none') + '\\n')
m.exit_json(changed=True, path=path)
`;

const PLAYBOOK = (dir: string) => `- hosts: all
  gather_facts: no
  tasks:
    - file: {path: "${dir}/{{ inventory_hostname }}", state: directory, mode: "0777"}
      become: yes
    - write_once: {path: "${dir}/{{ inventory_hostname }}/user.txt"}
      environment: {GREETING: hello}
    - write_once: {path: "${dir}/{{ inventory_hostname }}/root.txt"}
      become: yes
    - write_once: {path: "${dir}/{{ inventory_hostname }}/root.txt"}
      become: yes
    - yum_repository: {name: tsible, description: t, baseurl: "http://localhost/", reposdir: "${dir}/{{ inventory_hostname }}"}
      become: yes
    - command: grep -qx "baseurl = http://localhost/" "${dir}/{{ inventory_hostname }}/tsible.repo"
`;

/** This run's package directories left under a home's remote tmp. */
function leftovers(home: string): string[] {
  const tmp = join(home, '.ansible', 'tmp');
  return existsSync(tmp) ? readdirSync(tmp).filter((d) => d.startsWith('tsible-')) : [];
}

run('Python modules over ssh, side by side with ansible-playbook', () => {
  let sshd: Sshd;
  let dir: string;
  let userHome: string;
  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'tsible-py-ssh-'));
    // The ssh user writes below it.
    chmodSync(dir, 0o755);
    mkdirSync(join(dir, 'library'));
    writeFileSync(join(dir, 'library', 'write_once.py'), MODULE);
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK(join(dir, 'out')));
    writeTwinInventories(dir, sshd);
    userHome = spawnSync('sh', ['-c', `getent passwd ${NOPASSWD_USER} | cut -d: -f6`], { encoding: 'utf8' }).stdout.trim();
  }, 60_000);
  afterAll(async () => {
    await stopSshd(sshd);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const play = (cmd: string[], inventory: string, ...extra: string[]) => playIn(dir)(cmd, inventory, ...extra);

  it('agrees with ansible-playbook: environment and become apply, the second run of a module changes nothing, nothing is left behind', () => {
    const theirs = play(['ansible-playbook'], 'inventory');
    const before = [...leftovers(userHome), ...leftovers(homedir())];
    const ours = play(['node', TSIBLE], 'inventory-ours', '-vvv');
    expect({ code: ours.code, out: ours.code === 0 ? '' : ours.out }).toEqual({ code: theirs.code, out: '' });
    expect(ours.recap.ours).toEqual(theirs.recap.theirs);
    expect(readFileSync(join(dir, 'out', 'ours', 'user.txt'), 'utf8')).toBe('hello\n');
    expect(statSync(join(dir, 'out', 'ours', 'user.txt')).uid).toBe(statSync(join(dir, 'out', 'theirs', 'user.txt')).uid);
    expect(statSync(join(dir, 'out', 'ours', 'root.txt')).uid).toBe(0);
    expect(ours.out).toContain(`Using module file ${join(dir, 'library', 'write_once.py')}`);
    expect(ours.out).toMatch(/Using module file \/\S+\/ansible\/modules\/yum_repository\.py/);
    expect(ours.out).toContain("Using tsible's native module file");
    expect([...leftovers(userHome), ...leftovers(homedir())]).toEqual(before);
    expect(userInfo().uid).toBe(0);
  }, 120_000);
});
