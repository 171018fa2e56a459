import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadPlaybook, PlaybookError } from '../../../engine/playbook/load';
import { allTasks } from '../../../engine/playbook/notify';
import { FIXTURES } from './helpers';

function problemsOf(file: string): PlaybookError['problems'] {
  try {
    loadPlaybook(file);
  } catch (err) {
    if (err instanceof PlaybookError) return err.problems;
    throw err;
  }
  return [];
}

test('every problem is reported at once, in later plays, roles and imported files too', () => {
  const problems = problemsOf(join(FIXTURES, 'bad/many-problems.yml'));
  expect(problems.map((p) => [p.message.split(' ').slice(0, 4).join(' '), p.origin?.line])).toEqual([
    ["'wen' is not a", 5],
    ['no module/action detected in', 6],
    ["the role 'missing_role' was", 9],
    ['conflicting action statements: debug,', 5],
  ]);
  expect(problems[3].origin?.file).toBe(join(FIXTURES, 'bad/tasks/broken.yml'));
  expect(problems[1].context).toEqual(['play "localhost"', 'task "no action"']);
});

test("roles are found in the config's roles_path when not beside the playbook", () => {
  const file = join(FIXTURES, 'elsewhere/roles-path.yml');
  expect(problemsOf(file).map((p) => p.message)).toEqual(["the role 'far_role' was not found"]);
  const book = loadPlaybook(file, { rolesPath: [join(FIXTURES, 'elsewhere/roles_dir')] });
  expect(allTasks(book.plays[0].roles[0].tasks).map((t) => t.name)).toEqual(['far task']);
});

test('import_playbook vars win over the imported play own vars (ansible-playbook printed "import"), its tags and when are kept', () => {
  const book = loadPlaybook(join(FIXTURES, 'good/many-forms.yml'));
  const imported = book.plays[1];
  expect(imported.file).toBe(join(FIXTURES, 'good/simple.yml'));
  expect(imported.vars).toEqual({ from_import: 1 });
  expect(imported.tags).toEqual(['imp']);
  expect(imported.keywords.import_when).toEqual([true]);
  const overriding = loadPlaybook(join(FIXTURES, 'good/import-vars.yml')).plays[0];
  expect(overriding.vars).toEqual({ v: 'import' });
});

test("a play's user is its remote_user; giving both is refused at the user line", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-user-'));
  writeFileSync(join(dir, 'one.yml'), '- hosts: all\n  user: deploy\n  tasks: []\n');
  expect(loadPlaybook(join(dir, 'one.yml')).plays[0].keywords).toEqual({ remote_user: 'deploy' });
  writeFileSync(join(dir, 'both.yml'), '- hosts: all\n  remote_user: a\n  user: b\n  tasks: []\n');
  const problems = problemsOf(join(dir, 'both.yml'));
  expect(problems.map((p) => [p.message, p.origin?.line])).toEqual([["both 'user' and 'remote_user' are set for this play. The use of 'user' is deprecated, and should be removed", 3]]);
});

test("a play's task list that is not a list is reported in Ansible's words too", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-malformed-'));
  writeFileSync(join(dir, 'p.yml'), '- hosts: all\n  pre_tasks: 123\n');
  expect(problemsOf(join(dir, 'p.yml')).map((p) => p.message)).toContain('A malformed block was encountered while loading pre_tasks: 123 should be a list or None');
});

test("a play's roles that is not a list is a malformed role declaration, as Ansible says", () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-malformed-'));
  writeFileSync(join(dir, 'p.yml'), '- hosts: all\n  roles: 123\n');
  expect(problemsOf(join(dir, 'p.yml')).map((p) => p.message)).toContain('A malformed role declaration was encountered.');
});

test('a bare role name holding a comma is an old style requirement, as Ansible says; a role: key holding one is only not found', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-old-style-'));
  mkdirSync(join(dir, 'roles', 'r', 'meta'), { recursive: true });
  writeFileSync(join(dir, 'roles', 'r', 'meta', 'main.yml'), 'dependencies: ["x,y"]\n');
  writeFileSync(join(dir, 'p.yml'), '- hosts: all\n  roles:\n    - foo,bar\n    - role: a,b\n    - r\n  tasks:\n    - import_role: name=c,d\n');
  expect(problemsOf(join(dir, 'p.yml')).map((p) => p.message)).toEqual([
    'Invalid old style role requirement: foo,bar',
    "the role 'a,b' was not found",
    'Invalid old style role requirement: x,y',
    'Invalid old style role requirement: c,d',
  ]);
});
