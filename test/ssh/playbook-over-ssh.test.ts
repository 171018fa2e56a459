import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { NOPASSWD_USER, Sshd, sshdAvailable, startSshd, stopSshd } from './sshd';
import { playIn, writeTwinInventories } from './twin-play';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const run = sshdAvailable() && existsSync('/usr/bin/ansible-playbook') ? describe : describe.skip;

// A playbook that needs become and file transfer, run over a real sshd by both tools on twin users'
// directories: they must agree on exit code and recap, and tsible's rerun must change nothing.
const PLAYBOOK = (dir: string) => `- hosts: all
  gather_facts: yes
  tasks:
    - file: {path: "${dir}/{{ inventory_hostname }}", state: directory, mode: "0755"}
      become: yes
    - copy: {content: "owned by root\\n", dest: "${dir}/{{ inventory_hostname }}/root.txt", mode: "0600"}
      become: yes
    - template: {src: t.j2, dest: "${dir}/{{ inventory_hostname }}/t.txt"}
      become: yes
    - lineinfile: {path: "${dir}/{{ inventory_hostname }}/lines.txt", line: "extra", create: yes}
      become: yes
    - command: whoami
      register: who
      changed_when: false
      check_mode: no
    - command: whoami
      become: yes
      register: root
      changed_when: false
      check_mode: no
    - assert: {that: ["who.stdout == '${NOPASSWD_USER}'", "root.stdout == 'root'", "ansible_user_id == '${NOPASSWD_USER}'"]}
`;

run('tsible-playbook over ssh, side by side with ansible-playbook', () => {
  let sshd: Sshd;
  let dir: string;
  beforeAll(async () => {
    sshd = await startSshd();
    dir = mkdtempSync(join(tmpdir(), 'tsible-over-ssh-'));
    writeFileSync(join(dir, 't.j2'), 'host={{ inventory_hostname }} os={{ ansible_facts.os_family }}\n');
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK(join(dir, 'out')));
    writeTwinInventories(dir, sshd);
  }, 60_000);
  afterAll(async () => {
    await stopSshd(sshd);
    rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  const play = (cmd: string[], inventory: string, ...extra: string[]) => playIn(dir)(cmd, inventory, ...extra);

  it('agrees with ansible-playbook, writes files as root through become, and reruns with no change', () => {
    const theirs = play(['ansible-playbook'], 'inventory');
    const ours = play(['node', TSIBLE], 'inventory-ours');
    expect({ code: ours.code, out: ours.code === 0 ? '' : ours.out }).toEqual({ code: theirs.code, out: '' });
    expect(ours.recap.ours).toEqual(theirs.recap.theirs);
    const file = join(dir, 'out', 'ours', 'root.txt');
    expect(statSync(file).uid).toBe(0);
    expect((statSync(file).mode & 0o777).toString(8)).toBe('600');
    expect(readFileSync(join(dir, 'out', 'ours', 't.txt'), 'utf8')).toBe(readFileSync(join(dir, 'out', 'theirs', 't.txt'), 'utf8').replace('theirs', 'ours'));
    const again = play(['node', TSIBLE], 'inventory-ours');
    expect({ changed: again.recap.ours.changed, out: again.recap.ours.changed ? again.out : '' }).toEqual({ changed: 0, out: '' });
  }, 120_000);

  it('-vvv shows the connection being established, once per host, as <address> lines', () => {
    const quiet = play(['node', TSIBLE], 'inventory-ours', '-vv');
    expect(quiet.out).not.toContain('ESTABLISH SSH CONNECTION');
    const ours = play(['node', TSIBLE], 'inventory-ours', '-vvv');
    expect(ours.code).toBe(0);
    expect(ours.out.match(/^<127\.0\.0\.1> ESTABLISH SSH CONNECTION FOR USER: .+$/gm)).toEqual([`<127.0.0.1> ESTABLISH SSH CONNECTION FOR USER: ${NOPASSWD_USER}`]);
    expect(ours.out).toMatch(/^<127\.0\.0\.1> SSH: connected to 127\.0\.0\.1:\d+ in \d+ ms$/m);
  }, 60_000);

  it('--check against a fresh directory changes nothing and predicts the changes', () => {
    rmSync(join(dir, 'out', 'ours'), { recursive: true, force: true });
    const ours = play(['node', TSIBLE], 'inventory-ours', '--check');
    expect({ code: ours.code, out: ours.code === 0 ? '' : ours.out }).toEqual({ code: 0, out: '' });
    expect(ours.recap.ours.changed).toBeGreaterThanOrEqual(3);
    expect(existsSync(join(dir, 'out', 'ours'))).toBe(false);
  }, 60_000);
});
