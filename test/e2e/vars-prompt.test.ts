import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { hasAnsible } from '../compat/harness';

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const PTY = join(__dirname, 'pty-answer.py');
const ENV = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0' };

const PLAYBOOK = `- hosts: "{{ target }}"
  name: "deploy to {{ target }}"
  gather_facts: false
  vars:
    base: fromvars
  vars_prompt:
    - name: target
      prompt: Which hosts
      private: false
    - name: user_name
      prompt: Your name
      private: false
      default: "{{ base }}-def"
    - name: secret
    - name: pw
      prompt: Password
      confirm: true
    - name: num
      default: 5
    - name: hashed
      encrypt: sha512_crypt
      salt: abcdefgh
      private: no
    - name: raw
      unsafe: true
      private: no
  tasks:
    - debug: msg="{{ [user_name, secret, pw, num, hashed, raw, num | type_debug] }}"
`;

interface PtyRun { prompts: string[]; output: string; status: number }

/** The playbook under a pseudo-terminal, typing the answers; the mismatched confirmation is asked again. */
function onTerminal(command: string[], dir: string, extra: string[] = []): PtyRun {
  const answers = ['localhost', 'bob', 's3', 'p1', 'p2', 'p1', 'p1', '', 'hunter', '{{ x }}'];
  const r = spawnSync('python3', [PTY, JSON.stringify(answers), ...command, '-i', 'localhost,', 'p.yml', ...extra], { cwd: dir, env: ENV, encoding: 'utf8' });
  return JSON.parse(r.stdout) as PtyRun;
}

/** What a run shows after the prompts: banners and the debug result. */
function results(output: string): string {
  return output.slice(output.indexOf('PLAY ['));
}

(hasAnsible() ? describe : describe.skip)('vars_prompt, as ansible-playbook asks it', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-vars-prompt-'));
    writeFileSync(join(dir, 'p.yml'), PLAYBOOK);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('asks the same questions on a terminal and the play sees the same answers', () => {
    const ansible = onTerminal(['ansible-playbook'], dir);
    const tsible = onTerminal(['node', TSIBLE, '-c', 'local'], dir);
    expect(ansible.prompts).toContain('confirm Password: ');
    expect(tsible.prompts).toEqual(ansible.prompts);
    expect(tsible.output).toContain('***** VALUES ENTERED DO NOT MATCH ****');
    expect(results(tsible.output)).toEqual(results(ansible.output));
    expect([tsible.status, ansible.status]).toEqual([0, 0]);
  }, 60_000);

  it('takes the defaults without a terminal and does not ask for -e variables', () => {
    const args = ['-i', 'localhost,', 'p.yml', '-e', 'target=localhost', '-e', 'hashed=h'];
    const ansible = spawnSync('ansible-playbook', args, { cwd: dir, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const tsible = spawnSync('node', [TSIBLE, '-c', 'local', ...args], { cwd: dir, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(ansible.stderr).toContain('[WARNING]: Not prompting as we are not in interactive mode');
    expect(tsible.stderr).toContain('[WARNING]: Not prompting as we are not in interactive mode');
    expect(tsible.stdout).toEqual(ansible.stdout);
    expect(tsible.stdout).toContain('"None"');
  }, 60_000);

  it('asks nothing in listings, where the play sees the defaults', () => {
    writeFileSync(join(dir, 'list.yml'), '- hosts: "{{ target }}"\n  name: "to {{ target }}"\n  vars_prompt:\n    - {name: target, default: localhost}\n  tasks:\n    - debug: msg=x\n');
    const list = (command: string[]) => spawnSync(command[0], [...command.slice(1), '-i', 'localhost,', 'list.yml', '--list-hosts', '--list-tasks'], { cwd: dir, env: ENV, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    const ansible = list(['ansible-playbook']);
    const tsible = list(['node', TSIBLE]);
    expect(ansible.stdout).toContain('play #1 (localhost): to localhost');
    expect(tsible.stdout).toEqual(ansible.stdout);
  }, 60_000);
});
