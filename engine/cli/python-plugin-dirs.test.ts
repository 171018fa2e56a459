import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '../config/ansible-cfg';
import { Play } from '../playbook/types';
import { createTemplar } from '../template';
import { playbookPythonPlugins } from './python-plugin-dirs';

const dir = mkdtempSync(join(tmpdir(), 'tsible-pyplugins-'));
const write = (path: string, text: string) => {
  mkdirSync(join(dir, path, '..'), { recursive: true });
  writeFileSync(join(dir, path), text);
};
write('book/filter_plugins/f.py', "class FilterModule:\n    def filters(self):\n        return {'where': lambda v: 'playbook'}\n");
write('shared/filter/f.py', "class FilterModule:\n    def filters(self):\n        return {'where': lambda v: 'configured', 'only_configured': lambda v: v * 3}\n");
write('shared/test/t.py', "class TestModule:\n    def tests(self):\n        return {'short': lambda v: len(v) < 3}\n");
write('shared/lookup/mapping.py', "from ansible.plugins.lookup import LookupBase\nclass LookupModule(LookupBase):\n    def run(self, terms, variables=None, **kwargs):\n        return {'one': 1, 'two': 2}\n");
write('shared/lookup/sub/deeper/deep.py', "from ansible.plugins.lookup import LookupBase\nclass LookupModule(LookupBase):\n    def run(self, terms, variables=None, **kwargs):\n        return ['deep']\n");
write('shared/lookup/pairs.py', [
  'from ansible.plugins.lookup import LookupBase',
  'class LookupModule(LookupBase):',
  '    def run(self, terms, variables=None, **kwargs):',
  "        return [(t, variables['playbook_dir'] is not None) for t in terms]",
  '',
].join('\n'));
write('book/roles/r/test_plugins/t.py', "class TestModule:\n    def tests(self):\n        return {'from_role': lambda v: True}\n");

function templarWith(env: NodeJS.ProcessEnv) {
  const config = loadConfig({ cwd: dir, env: { HOME: dir, ...env }, home: dir, systemFile: '/nonexistent/ansible.cfg' });
  const plugins = playbookPythonPlugins([{ baseDir: join(dir, 'book'), plays: [] }], config);
  afterAll(() => plugins.close());
  return createTemplar(plugins);
}

describe('Python plug-ins a run finds', () => {
  const templar = templarWith({
    ANSIBLE_FILTER_PLUGINS: join(dir, 'shared/filter'),
    ANSIBLE_TEST_PLUGINS: join(dir, 'shared/test'),
    ANSIBLE_LOOKUP_PLUGINS: join(dir, 'shared/lookup'),
  });

  it("prefers the playbook's filter_plugins over ansible.cfg's, and still finds names only configured", () => {
    expect(templar.template('{{ 1 | where }} {{ 2 | only_configured }}', {})).toBe('playbook 6');
  });

  it('runs test plug-ins from ANSIBLE_TEST_PLUGINS and from roles, also named by select', () => {
    expect(templar.template("{{ ['a', 'abcd'] | select('short') | list }} {{ 1 is from_role }}", {})).toBe("['a'] True");
  });

  it('runs lookup plug-ins from ANSIBLE_LOOKUP_PLUGINS with the variables they read, tuples kept', () => {
    expect(String(templar.template("q {{ query('pairs', 'x') }}", { playbook_dir: dir }))).toBe("q [('x', True)]");
  });

  it('gives a lookup that returns a dict as the dict with wantlist, and its keys joined without, as Ansible does', () => {
    expect(templar.template("{{ query('mapping') }}", {})).toEqual({ one: 1, two: 2 });
    expect(String(templar.template("{{ lookup('mapping') }}", {}))).toBe('one,two');
  });

  it('looks for plug-ins two directory levels below a configured path, as Ansible does', () => {
    expect(String(templar.template("{{ lookup('deep') }}", {}))).toBe('deep');
  });

  it('still reports a name no plug-in provides as Ansible does', () => {
    expect(() => templar.template('{{ 1 | nowhere }}', {})).toThrow("No filter named 'nowhere'");
  });
});

describe('a role a play uses from outside the role search path', () => {
  write('book2/nested/r2/lookup_plugins/from_role.py', [
    'from ansible.plugins.lookup import LookupBase',
    'class LookupModule(LookupBase):',
    '    def run(self, terms, variables=None, **kwargs):',
    "        return ['role lookup']",
    '',
  ].join('\n'));
  const config = loadConfig({ cwd: dir, env: { HOME: dir }, home: dir, systemFile: '/nonexistent/ansible.cfg' });
  const role = { path: join(dir, 'book2/nested/r2'), dependencies: [], tasks: [], handlers: [] };
  const play = { roles: [], preTasks: [], tasks: [{ kind: 'task', role }], postTasks: [], handlers: [] };
  const plugins = playbookPythonPlugins([{ baseDir: join(dir, 'book2'), plays: [play as unknown as Play] }], config);
  afterAll(() => plugins.close());

  it('brings its lookup plug-ins, as when Ansible loads the role', () => {
    expect(String(createTemplar(plugins).template("{{ lookup('from_role') }}", {}))).toBe('role lookup');
  });
});

describe('Python plug-in files that do not load', () => {
  write('broken/filter_plugins/a.py', 'import no_such_module\n');
  write('broken/filter_plugins/b.py', "class FilterModule:\n    def filters(self):\n        raise TypeError('no table')\n");
  write('broken/filter_plugins/c.py', "class FilterModule:\n    def filters(self):\n        return {'fine': lambda v: __name__}\n");
  const config = loadConfig({ cwd: dir, env: { HOME: dir }, home: dir, systemFile: '/nonexistent/ansible.cfg' });
  const warnings: string[] = [];
  const plugins = playbookPythonPlugins([{ baseDir: join(dir, 'broken'), plays: [] }], config, (m) => warnings.push(m));
  afterAll(() => plugins.close());

  it('are skipped, with a warning naming what Python said when the file does not import, as Ansible does', () => {
    expect(createTemplar(plugins).template('{{ 1 | fine }}', {})).toMatch(/^ansible\.plugins\.filter\.\d+_c$/);
    expect(warnings).toEqual([expect.stringMatching(/^Skipping plugin \(.*a\.py\) as it seems to be invalid: No module named 'no_such_module'$/)]);
  });
});
