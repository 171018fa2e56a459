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

test('hostvars shows a host without the play: play vars and play magic are missing, a value needing them stays as written', async () => {
  const files: Record<string, string> = {
    'group_vars/all.yml': 'from_inv: "{{ pv }}-x"\nplain: "{{ inventory_hostname }}"\n',
    'p.yml': [
      '- hosts: all',
      '  gather_facts: no',
      '  vars: {pv: 1, hv: "{{ hostvars[inventory_hostname] }}"}',
      '  tasks:',
      '    - debug: msg="{{ hv.pv | default(\'none\') }} {{ hv.from_inv }} {{ hv.plain == inventory_hostname }} {{ from_inv }}"',
      '    - debug: msg="{{ \'ansible_play_hosts\' in hv }} {{ \'groups\' in hv }}"',
      '',
    ].join('\n'),
  };
  // As ansible-playbook 2.14 prints it: hostvars templates a host's values leniently, and without the play.
  expect(await debugMessages(files)).toEqual(['none {{ pv }}-x True 1-x', 'False True']);
});
