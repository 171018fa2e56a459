import { debugMessages as messages } from '../../test/debug-messages';

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
