import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../connection/local';
import { controllerAnsible } from '../module/python/ansible-core';
import { UnsafeText } from '../playbook/yaml';
import { ActionRequest, localUser, PythonActionProcess, shimCalls, toPython } from './python-action';

const PLUGINS: Record<string, string> = {
  // Runs a command on the host through the shim, and shows what reached it.
  probe: `
from ansible.plugins.action import ActionBase
from ansible.utils.unsafe_proxy import AnsibleUnsafe
from ansible.utils.display import Display
class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        result = super(ActionModule, self).run(tmp, task_vars)
        Display().warning('careful')
        out = self._low_level_execute_command('echo "$0" from $(printf %s "$X")', sudoable=False)
        result.update(out=out['stdout'].strip(), rc=out['rc'], arg=self._task.args['a'], unsafe=isinstance(task_vars['v'], AnsibleUnsafe), check=self._task.check_mode)
        return result
`,
  // Slow to import: a second run asking for it meanwhile must wait for the whole module, not see half of it.
  slow_import: `
import time
time.sleep(0.5)
from ansible.plugins.action import ActionBase
class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        return dict(changed=False, arg=self._task.args['a'])
`,
  boom: `
from ansible.plugins.action import ActionBase
class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        raise ValueError('boom')
`,
  fails: `
from ansible.errors import AnsibleError
from ansible.plugins.action import ActionBase
class ActionModule(ActionBase):
    def run(self, tmp=None, task_vars=None):
        raise AnsibleError('refused: %s' % self._task.args['why'])
`,
};

function request(dir: string, action: string, args: Record<string, unknown>): ActionRequest {
  return {
    action, resolved: action, args, vars: { v: new UnsafeText('{{ no }}') }, check: true, diff: false, noLog: false, async: 0, poll: 15, verbosity: 0, become: null,
    environment: null, delegateTo: null, collections: [], searchPaths: [dir], basedir: dir, dirs: [dir], libraries: [], transport: 'local',
    connectionPlugin: null, remoteAddr: 'localhost', remoteUser: localUser(), pipelining: false, executable: '/bin/sh', shellType: null,
  };
}

(controllerAnsible() ? describe : describe.skip)('Python action plug-ins in ansible-core', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-pyaction-'));
  mkdirSync(join(dir, 'action_plugins'));
  for (const [name, code] of Object.entries(PLUGINS)) writeFileSync(join(dir, 'action_plugins', `${name}.py`), code);
  const python = new PythonActionProcess(controllerAnsible()!.python);
  afterAll(() => python.close());
  const conn = new LocalConnection('web1');
  const run = (action: string, args: Record<string, unknown>, shown: unknown[] = [], more: Partial<ActionRequest> = {}) =>
    python.run(JSON.parse(JSON.stringify({ ...request(dir, action, args), ...more }, toPython)) as ActionRequest, { call: shimCalls(async () => conn, null), display: (e) => shown.push(e) });

  it("runs a plug-in with the task's arguments and variables, its commands through tsible's connection", async () => {
    const shown: unknown[] = [];
    // Two at once: each run's calls are answered by id.
    const [a, b] = await Promise.all([run('probe', { a: 1 }, shown), run('probe', { a: 2 })]);
    expect(a).toMatchObject({ out: '/bin/sh from', rc: 0, arg: 1, unsafe: true, check: true });
    expect(b).toMatchObject({ arg: 2 });
    expect(shown).toContainEqual({ kind: 'warning', message: 'careful' });
  });

  it('runs a plug-in asked for by several hosts at once while it is still being imported', async () => {
    const results = await Promise.all([1, 2, 3].map((a) => run('slow_import', { a })));
    expect(results).toEqual([1, 2, 3].map((a) => expect.objectContaining({ arg: a })));
  });

  it("gives what escapes run() as Ansible's executor words it", async () => {
    expect(await run('boom', {})).toMatchObject({ failed: true, msg: 'Unexpected failure during module execution: boom', stdout: '' });
    expect((await run('boom', {})).exception).toContain('ValueError: boom');
    expect(await run('fails', { why: 'no' })).toMatchObject({ failed: true, msg: 'refused: no' });
    // ActionBase refuses async itself for a plug-in without async support.
    expect(await run('probe', { a: 1 }, [], { async: 10 })).toMatchObject({ failed: true, msg: 'async is not supported for this task.' });
    expect(await run('no_such_action', {})).toMatchObject({ failed: true, msg: "the action plugin 'no_such_action' was not found" });
  });
});
