import { spawnSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { hasAnsible, ROOT } from './harness';

/**
 * What ansible-playbook reads of a play before its first host — vars_files it can name, the play's and
 * roles' variables, extra vars — compared with tsible-playbook: warnings about reserved variable names,
 * and a broken vars file stopping the run before the play's banner.
 */

const TSIBLE = join(ROOT, 'dist', 'engine', 'cli', 'tsible-playbook.js');
const ENV = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0', ANSIBLE_RETRY_FILES_ENABLED: '0' };

interface Run {
  code: number;
  output: string;
}

function runBoth(files: Record<string, string>, args: string[]): { ansible: Run; tsible: Run } {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-playstart-'));
  try {
    for (const [name, text] of Object.entries(files)) {
      mkdirSync(join(dir, name, '..'), { recursive: true });
      writeFileSync(join(dir, name), text);
    }
    const run = (cmd: string, argv: string[]): Run => {
      const r = spawnSync(cmd, [...argv, ...args], { cwd: dir, env: ENV, encoding: 'utf8' });
      return { code: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
    };
    return { ansible: run('ansible-playbook', []), tsible: run('node', [TSIBLE]) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const reservedWarnings = (r: Run) => [...r.output.matchAll(/Found variable using reserved name: (\S+)/g)].map((m) => m[1]).sort();

(hasAnsible() ? describe : describe.skip)('variables read as a play starts, as ansible-playbook reads them', () => {
  test('variables named like keywords or Jinja globals are warned about, from play vars, vars_files, roles and -e', () => {
    const { ansible, tsible } = runBoth(
      {
        'p.yml': '- hosts: localhost\n  gather_facts: false\n  vars: {lipsum: 1, fine: 2}\n  vars_files: [v.yml]\n  roles: [r]\n  tasks:\n    - debug: var=fine\n',
        'v.yml': 'when: 1\n',
        'roles/r/defaults/main.yml': 'range: 1\n',
        'roles/r/vars/main.yml': 'tags: 1\n',
      },
      ['p.yml', '-e', 'notify=1'],
    );
    expect(tsible.code).toBe(ansible.code);
    expect(reservedWarnings(ansible)).toEqual(['lipsum', 'notify', 'range', 'tags', 'when']);
    expect(reservedWarnings(tsible)).toEqual(reservedWarnings(ansible));
  });

  test('a vars file that is neither JSON nor YAML stops the run before the play, naming both errors', () => {
    const { ansible, tsible } = runBoth(
      { 'p.yml': '- hosts: localhost\n  gather_facts: false\n  vars_files: [vars/invalid.json]\n', 'vars/invalid.json': '{ }}\n' },
      ['p.yml'],
    );
    expect(tsible.code).toBe(ansible.code);
    for (const r of [ansible, tsible]) {
      expect(r.output).toContain('JSON: Extra data: line 1 column 4 (char 3)');
      expect(r.output).not.toContain('PLAY [');
    }
  });
});
