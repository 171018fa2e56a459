import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { loadPlaybook, PlaybookError } from '../../../engine/playbook/load';
import { allTasks } from '../../../engine/playbook/notify';
import { rolesToRun } from '../../../engine/playbook/roles';
import { searchPaths } from '../../../engine/playbook/search-paths';
import { Task } from '../../../engine/playbook/types';
import { FIXTURES } from './helpers';

const DIR = join(FIXTURES, 'good');
const book = loadPlaybook(join(DIR, 'site.yml'));
const play = book.plays[0];

test("a role's dependencies load first and inherit the tags of the role using them", () => {
  const web = play.roles[1];
  expect(web.name).toBe('web');
  expect(web.dependencies.map((d) => d.name)).toEqual(['common']);
  expect(allTasks(web.dependencies[0].tasks)[0].tags).toEqual(['base', 'webtag']);
});

test('role entries split into parameters, vars and keywords', () => {
  const web = play.roles[1];
  expect(web.useVars).toEqual({ port: 8080 });
  expect(web.tags).toEqual(['base', 'webtag']);
  expect(web.defaults).toEqual({});
  expect(play.roles[0].defaults).toEqual({ common_var: 1 });
});

test('imported tasks keep the origin of the file they come from', () => {
  const extra = allTasks(play.roles[1].tasks).find((t) => t.name === 'web extra') as Task;
  expect(extra.origin.file).toBe(join(DIR, 'roles/web/tasks/extra.yml'));
  expect(extra.origin.line).toBe(1);
});

test("a role task's files are looked for in the role, then beside its file, then in the play's directory", () => {
  const task = allTasks(play.roles[1].tasks)[0];
  const role = join(DIR, 'roles/web');
  expect(searchPaths(task, play, 'files')).toEqual([join(role, 'files'), role, join(role, 'tasks/files'), join(role, 'tasks'), join(DIR, 'files'), DIR]);
});

test('short and long action forms resolve to one module with its arguments', () => {
  const forms = loadPlaybook(join(DIR, 'many-forms.yml')).plays[0];
  const tasks = allTasks(forms.tasks);
  const local = tasks.filter((t) => t.keywords.delegate_to === 'localhost' && t.action === 'command');
  expect(local.map((t) => t.args)).toEqual([{ _raw_params: 'echo hi' }, { cmd: 'echo hi' }]);
  const shell = tasks.find((t) => t.actionAsWritten === 'ansible.builtin.shell') as Task;
  expect(shell.action).toBe('shell');
  const withArgs = tasks.find((t) => t.action === 'shell' && t.args.chdir) as Task;
  expect(withArgs.args).toEqual({ _raw_params: 'echo hi > /tmp/x', chdir: '/tmp', creates: '/tmp/x' });
  const setFact = tasks.find((t) => t.action === 'set_fact') as Task;
  expect(setFact.args).toEqual({ a: '1', b: 'two words' });
});

test('a role used again with the same parameters runs once, unless it allows duplicates (as ansible-playbook ran it)', () => {
  const dedupe = loadPlaybook(join(DIR, 'role-dedupe.yml')).plays[0];
  const ran = rolesToRun(dedupe.roles).map((r) => [r.name, JSON.stringify({ ...r.params, ...r.useVars, ...r.keywords })]);
  expect(ran).toEqual([
    ['common', '{}'],
    ['web', '{}'],
    ['common', '{"x":1}'],
    ['common', '{"p":1}'],
    ['common', '{"tags":"t"}'],
    ['dupable', '{}'],
    ['dupable', '{}'],
  ]);
});

/** Writes `files` into a fresh directory and loads its p.yml. */
function loadWith(files: Record<string, string>): ReturnType<typeof loadPlaybook> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-roles-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return loadPlaybook(join(dir, 'p.yml'));
}

test("a role's defaults/main (or vars/main) may be a directory: its files are read in sorted order, later ones winning", () => {
  const book = loadWith({
    'roles/r/defaults/main/01.yml': 'b: 2\n',
    'roles/r/defaults/main/00.yml': 'a: 1\nb: 1\n',
    'roles/r/defaults/main/02.yml': '',
    'roles/r/defaults/main/notes.txt': 'c: 3\n',
    'roles/r/defaults/main/sub/03.yaml': 'd: 4\n',
    'roles/r/vars/main/x.json': '{"v": true}',
    'p.yml': '- hosts: all\n  roles: [r]\n',
  });
  expect(book.plays[0].roles[0].defaults).toEqual({ a: 1, b: 2, d: 4 });
  expect(book.plays[0].roles[0].vars).toEqual({ v: true });
});

test('a *_from file outside the role is refused with the path it should be in', () => {
  const problems = (): string[] => {
    try {
      loadWith({ 'roles/r/tasks/main.yml': '- ping:\n', 'elsewhere.yml': '- ping:\n', 'p.yml': "- hosts: all\n  tasks:\n    - import_role: {name: r, tasks_from: '../../../elsewhere.yml'}\n" });
    } catch (err) {
      return (err as PlaybookError).problems.map((p) => p.message);
    }
    return [];
  };
  expect(problems()).toEqual([expect.stringMatching(/^Failed loading '.*\/elsewhere\.yml' for role \(r\) as it is not inside the expected role path: '.*\/roles\/r\/tasks'$/)]);
});
