import { spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { hasAnsible, ROOT } from './harness';

const TSIBLE = join(ROOT, 'dist', 'engine', 'cli', 'tsible-playbook.js');

/** Two hosts aggregate run-wide stats (numbers, strings, lists, dicts) and keep per-host ones apart. */
const PLAYBOOK = `- hosts: all
  gather_facts: no
  tasks:
    - set_stats:
        data: {my_int: 10, d: {a: 1}, s: "x", l: [1]}
    - set_stats:
        data: {my_int: 15, d: {b: 2}, s: "y", l: [2]}
    - set_stats:
        data: {ph: 1}
        per_host: yes
    - set_stats:
        data: {ph: 2, text: "é"}
        per_host: yes
        aggregate: no
    - set_stats:
        data: {looped: "{{ item }}"}
      loop: [1, 2]
`;

function run(command: string[], dir: string, show: string | undefined): string {
  const env: NodeJS.ProcessEnv = { ...process.env, HOME: dir };
  for (const name of Object.keys(env)) if (name.startsWith('ANSIBLE_')) delete env[name];
  if (show) env.ANSIBLE_SHOW_CUSTOM_STATS = show;
  const r = spawnSync(command[0], [...command.slice(1), '-i', 'inventory', 'playbook.yml'], { cwd: dir, env, encoding: 'utf8' });
  return r.stdout.slice(r.stdout.indexOf('PLAY RECAP'));
}

(hasAnsible() ? describe : describe.skip)('set_stats in the recap (show_custom_stats)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-custom-stats-'));
  writeFileSync(join(dir, 'inventory'), 'h1 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\nh2 ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK);

  test.each([['yes'], [undefined]])('ANSIBLE_SHOW_CUSTOM_STATS=%s: the recap and what follows it are ansible-playbook 2.14\'s', (show) => {
    const theirs = run(['ansible-playbook'], dir, show);
    expect(theirs).toContain(show ? 'CUSTOM STATS' : 'PLAY RECAP');
    expect(run(['node', TSIBLE], dir, show)).toBe(theirs);
  });
});
