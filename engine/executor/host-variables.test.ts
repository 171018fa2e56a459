import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { main } from '../cli/tsible-playbook';

test("a dependency's task sees the vars of the roles that brought it in, then its own dependencies' vars, as in Ansible", async () => {
  const files: Record<string, string> = {
    'roles/p1/meta/main.yml': 'dependencies:\n  - role: mid\n    vars: {x: one}\n',
    'roles/p2/meta/main.yml': 'dependencies:\n  - role: mid\n    vars: {x: two}\n',
    'roles/mid/meta/main.yml': 'dependencies:\n  - role: leaf\n    vars: {shown: "{{ x }}"}\n',
    'roles/mid/vars/main.yml': 'level: mid\n',
    'roles/mid/defaults/main.yml': 'd: mid\n',
    'roles/leaf/meta/main.yml': 'allow_duplicates: true\ndependencies: [sub]\n',
    'roles/leaf/tasks/main.yml': '- debug: msg="{{ shown }} {{ level }} {{ d }}"\n',
    'roles/sub/vars/main.yml': 'level: sub\n',
    'roles/sub/defaults/main.yml': 'd: sub\n',
    'p.yml': '- hosts: all\n  gather_facts: no\n  roles: [p1, p2]\n',
  };
  const dir = mkdtempSync(join(tmpdir(), 'tsible-role-vars-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  let out = '';
  const io = { cwd: dir, env: { HOME: dir, ANSIBLE_NOCOLOR: '1' }, stdout: (t: string) => void (out += t), stderr: () => undefined };
  expect(await main(['-i', 'h ansible_connection=local,', 'p.yml'], io)).toBe(0);
  // Each use of mid passes its own x down; leaf's dependency sub beats mid's vars, while mid's defaults beat sub's.
  expect([...out.matchAll(/"msg": "(.*)"/g)].map((m) => m[1])).toEqual(['one sub mid', 'two sub mid']);
});
