import { debugMessages } from '../../test/debug-messages';

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
  // Each use of mid passes its own x down; leaf's dependency sub beats mid's vars, while mid's defaults beat sub's.
  expect(await debugMessages(files)).toEqual(['one sub mid', 'two sub mid']);
});
