import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

const TSIBLE = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-playbook.js');
const hasAnsible = spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
const hasIniFile = existsSync('/usr/lib/python3/dist-packages/ansible_collections/community/general/plugins/modules/ini_file.py');

// A library module without DOCUMENTATION: its literal argument_spec is what can be read.
const LIBRARY_MODULE = `#!/usr/bin/python
from ansible.module_utils.basic import AnsibleModule

def main():
    module = AnsibleModule(argument_spec=dict(name=dict(type='str', required=True), state=dict(choices=['on', 'off'], default='on')))
    module.exit_json(changed=False, name=module.params['name'])

main()
`;

function play(bad: string): string {
  return `- hosts: localhost
  gather_facts: false
  tasks:
    - name: touches the host first
      copy: {dest: "{{ workdir }}/first", content: "x"}
    - name: the bad one
${bad}
`;
}

function run(command: string[], dir: string, playbook: string) {
  writeFileSync(join(dir, 'playbook.yml'), playbook);
  const workdir = join(dir, 'work');
  rmSync(workdir, { recursive: true, force: true });
  mkdirSync(workdir);
  const r = spawnSync(command[0], [...command.slice(1), '-i', 'localhost,', '-c', 'local', '-e', `workdir=${workdir}`, '-e', 'ansible_python_interpreter=/usr/bin/python3', 'playbook.yml'], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
  });
  return { code: r.status, out: `${r.stdout}${r.stderr}`, touched: existsSync(join(workdir, 'first')) };
}

const cases: Array<[string, string, boolean]> = [
  ['a collection module given an unknown argument', '      community.general.ini_file: {path: "{{ workdir }}/x.ini", section: a, option: b, value: c, bogus: 1}', hasIniFile],
  ['a library module without docs given a value outside its choices', '      checked: {name: x, state: maybe}', true],
  ['a library module without docs missing a required argument', '      checked: {state: "off"}', true],
];

describe('Python modules: arguments checked before any host is touched', () => {
  let dir: string;
  beforeAll(() => {
    if (!existsSync(TSIBLE)) throw new Error(`build tsible first (npm run build): ${TSIBLE} is missing`);
    dir = mkdtempSync(join(tmpdir(), 'python-argspec-'));
    mkdirSync(join(dir, 'library'));
    writeFileSync(join(dir, 'library', 'checked.py'), LIBRARY_MODULE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each(cases)('%s: Ansible\'s message, the task and where it is, nothing run', (_title, bad, available) => {
    if (!available) return;
    const ours = run(['node', TSIBLE], dir, play(bad));
    expect(ours.code).toBe(2);
    expect(ours.touched).toBe(false);
    expect(ours.out).toContain('playbook.yml:6:7 (task "the bad one")');
    if (!hasAnsible) return;
    const theirs = run(['ansible-playbook'], dir, play(bad));
    expect(theirs.code).toBe(2);
    expect(theirs.touched).toBe(true);
    const msg = /"msg": "([^"]*)"/.exec(theirs.out)?.[1];
    expect(msg).toBeDefined();
    expect(ours.out).toContain(`ERROR! ${msg}`);
  });

  it('lets through what Ansible accepts: aliases, yes/no, numbers as strings, templated values', () => {
    const ok = '      community.general.ini_file: {dest: "{{ workdir }}/x.ini", section: a, option: b, value: 1, backup: "yes", state: "{{ \'present\' }}", mode: "0644"}';
    if (!hasIniFile) return;
    const ours = run(['node', TSIBLE], dir, play(ok));
    expect(ours.out).toMatch(/ok=2 +changed=2 /);
    expect(ours.code).toBe(0);
  });
});
