import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../cli/tsible-playbook';
import { controllerAnsible } from './ansible-core';
import { forgetInterpreters, interpreterSetting, pythonToReport } from './interpreter';
import type { ModuleContext } from '../types';

/** A discovered interpreter is host data: it reaches the host's shell as one quoted word, never as shell text. */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-interp-'));
  mkdirSync(join(dir, 'library'));
  writeFileSync(join(dir, 'library', 'hello.py'), 'from ansible.module_utils.basic import AnsibleModule\nAnsibleModule(argument_spec={}).exit_json(changed=False)\n');
  writeFileSync(join(dir, 'inventory'), 'h ansible_connection=local\n');
  writeFileSync(join(dir, 'p.yml'), '- hosts: h\n  gather_facts: no\n  tasks:\n    - hello:\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

(controllerAnsible() ? it : it.skip)('a discovered_interpreter_python holding shell text is not run as shell', async () => {
  const marker = join(dir, 'injected');
  let out = '';
  const io = { cwd: dir, env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent' }, stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
  const code = await main(['-i', 'inventory', 'p.yml', '-e', `{"discovered_interpreter_python": "/usr/bin/python3; touch ${marker}"}`], io);
  expect(existsSync(marker)).toBe(false);
  expect(code).toBe(2);
  expect(out).toContain('not found');
});

describe('discovery reported as the discovered_interpreter_python fact', () => {
  const context = (vars: Record<string, unknown>, found: string, seen: string[] = []): ModuleContext =>
    ({
      host: 'web1',
      vars,
      probe: {
        exec: async (command: string) => {
          seen.push(command);
          return { rc: 0, stdout: found, stderr: '' };
        },
      },
    }) as unknown as ModuleContext;
  afterEach(() => forgetInterpreters());

  it('reports what the task discovered once, and again after the host forgot it (clear_facts)', async () => {
    const seen: string[] = [];
    const ctx = context({}, '/usr/bin/python3.11\n/usr/bin/python3\n', seen);
    expect(await pythonToReport(ctx)).toMatchObject({ path: '/usr/bin/python3', discovered: true, warnings: [] });
    expect(await pythonToReport(ctx)).toBeUndefined();
    expect(seen).toHaveLength(1);
    forgetInterpreters('web1');
    expect(await pythonToReport(ctx)).toMatchObject({ path: '/usr/bin/python3', discovered: true });
    expect(seen).toHaveLength(2);
  });

  it('reports nothing when the interpreter is given or already a fact, or when the host has none', async () => {
    expect(await pythonToReport(context({ ansible_python_interpreter: '/opt/py' }, '/usr/bin/python3\n'))).toBeUndefined();
    expect(await pythonToReport(context({ ansible_facts: { discovered_interpreter_python: '/usr/bin/python3' } }, ''))).toBeUndefined();
    expect(await pythonToReport(context({}, 'python: not found\n'))).toBeUndefined();
  });

  it('interpreter_python (ANSIBLE_PYTHON_INTERPRETER) is used where ansible_python_interpreter is not set, and its modes discover', async () => {
    const configured = (vars: Record<string, unknown>, interpreter: string) => ({ ...context(vars, '/usr/bin/python3.11\n'), remoteFiles: { tmp: '~/.ansible/tmp', keep: false, interpreter } });
    expect(interpreterSetting(configured({}, '/opt/py'))).toBe('/opt/py');
    expect(interpreterSetting(configured({ ansible_python_interpreter: '/usr/bin/python3' }, '/opt/py'))).toBe('/usr/bin/python3');
    expect(interpreterSetting(context({}, ''))).toBe('auto');
    expect(await pythonToReport(configured({}, '/opt/py'))).toBeUndefined();
    expect(await pythonToReport(configured({}, 'auto_silent'))).toMatchObject({ path: '/usr/bin/python3.11', discovered: true, warnings: [] });
  });

  it('auto_legacy keeps /usr/bin/python where present, warning unless silent', async () => {
    const both = '/usr/bin/python3\n/usr/bin/python\n';
    const legacy = await pythonToReport(context({ ansible_python_interpreter: 'auto_legacy' }, both));
    expect(legacy?.path).toBe('/usr/bin/python');
    expect(legacy?.warnings.join()).toContain('should use /usr/bin/python3, but is using /usr/bin/python');
    forgetInterpreters();
    expect(await pythonToReport(context({ ansible_python_interpreter: 'auto_legacy_silent' }, both))).toMatchObject({ path: '/usr/bin/python', warnings: [] });
    forgetInterpreters();
    expect(await pythonToReport(context({ ansible_python_interpreter: 'auto' }, both))).toMatchObject({ path: '/usr/bin/python3', warnings: [] });
  });

  it('warns when the platform Python is missing and another is used', async () => {
    const found = await pythonToReport(context({}, '/usr/bin/python3.9\n'));
    expect(found?.path).toBe('/usr/bin/python3.9');
    expect(found?.warnings.join()).toContain('is using the discovered Python interpreter at /usr/bin/python3.9');
  });
});
