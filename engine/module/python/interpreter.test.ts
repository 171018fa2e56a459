import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../cli/tsible-playbook';
import { controllerAnsible } from './ansible-core';

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
