import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { main } from '../cli/tsible-playbook';

/** Runs tsible-playbook in a directory holding `files`; returns each debug msg shown, in order. */
async function messages(files: Record<string, string>): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-role-runs-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  let out = '';
  const io = { cwd: dir, env: { HOME: dir, ANSIBLE_NOCOLOR: '1' }, stdout: (t: string) => void (out += t), stderr: () => undefined };
  expect(await main(['-i', 'h ansible_connection=local,', 'p.yml'], io)).toBe(0);
  return [...out.matchAll(/"msg": "(\w+)"/g)].map((m) => m[1]!);
}

const ROLES = {
  'roles/a/tasks/main.yml': '- debug: msg=A\n',
  'roles/b/tasks/main.yml': '- debug: msg=B\n',
  'roles/b/meta/main.yml': 'dependencies: [a]\n',
  'roles/c/tasks/main.yml': '- debug: msg=C\n',
  'roles/c/meta/main.yml': 'dependencies: [a]\n',
};

test('a dependency already run in the play, from the roles or an include, is not run again', async () => {
  const roles = '- hosts: all\n  gather_facts: no\n  roles: [a, b]\n  tasks:\n    - import_role: name=c\n';
  expect(await messages({ ...ROLES, 'p.yml': roles })).toEqual(['A', 'B', 'C']);
  const includes = '- hosts: all\n  gather_facts: no\n  tasks:\n    - include_role: name=b\n    - include_role: name=c\n';
  expect(await messages({ ...ROLES, 'p.yml': includes })).toEqual(['A', 'B', 'C']);
});

test('a role named by import_role or include_role runs again; allow_duplicates lets a dependency run again', async () => {
  const direct = '- hosts: all\n  gather_facts: no\n  roles: [a]\n  tasks:\n    - import_role: name=a\n    - include_role: name=a\n';
  expect(await messages({ ...ROLES, 'p.yml': direct })).toEqual(['A', 'A', 'A']);
  const dupes = '- hosts: all\n  gather_facts: no\n  roles: [b, c]\n';
  expect(await messages({ ...ROLES, 'roles/a/meta/main.yml': 'allow_duplicates: true\n', 'p.yml': dupes })).toEqual(['A', 'B', 'A', 'C']);
});
