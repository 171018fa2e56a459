import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../cli/tsible-playbook';
import { controllerAnsible } from './ansible-core';

/**
 * remote_tmp and keep_remote_files from ansible.cfg decide where a Python module's package goes on the
 * host and whether it stays there after the run, as Ansible's module files do; the variable wins.
 */

const MODULE = `#!/usr/bin/python3
from ansible.module_utils.basic import AnsibleModule
AnsibleModule(argument_spec={}).exit_json(changed=False, msg='hi')
`;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-remote-files-'));
  mkdirSync(join(dir, 'library'));
  writeFileSync(join(dir, 'library', 'hello.py'), MODULE);
  writeFileSync(join(dir, 'inventory'), 'h ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
  writeFileSync(join(dir, 'p.yml'), '- hosts: h\n  gather_facts: no\n  tasks:\n    - hello:\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function run(cfg: string, extra: string[] = []): Promise<{ code: number; out: string }> {
  writeFileSync(join(dir, 'ansible.cfg'), cfg);
  let out = '';
  const { ANSIBLE_REMOTE_TMP: _tmp, ANSIBLE_KEEP_REMOTE_FILES: _keep, ...outer } = process.env;
  const io = {
    cwd: dir,
    env: { ...outer, ANSIBLE_CONFIG: join(dir, 'ansible.cfg') },
    stdout: (t: string) => (out += t),
    stderr: (t: string) => (out += t),
  };
  const code = await main(['-i', 'inventory', 'p.yml', ...extra], io);
  return { code, out };
}

/** The package files left under a remote tmp dir after the run. */
function leftIn(tmp: string): string[] {
  if (!existsSync(tmp)) return [];
  return readdirSync(tmp).flatMap((run) => readdirSync(join(tmp, run)));
}

const haveCore = controllerAnsible() !== null;
(haveCore ? describe : describe.skip)('remote_tmp and keep_remote_files', () => {
  it('sends the package under remote_tmp and keeps it with keep_remote_files', async () => {
    const { code, out } = await run(`[defaults]\nremote_tmp = ${dir}/rt\nkeep_remote_files = yes\n`);
    expect(out).toContain('ok: [h]');
    expect(code).toBe(0);
    expect(leftIn(join(dir, 'rt')).filter((f) => f.endsWith('.zip'))).toHaveLength(1);
  });

  it('removes the package at the end of the run without keep_remote_files', async () => {
    const { code } = await run(`[defaults]\nremote_tmp = ${dir}/rt\n`);
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'rt'))).toBe(true);
    expect(leftIn(join(dir, 'rt'))).toEqual([]);
  });

  it('ansible_remote_tmp beats the setting', async () => {
    const { code } = await run(`[defaults]\nremote_tmp = ${dir}/rt\nkeep_remote_files = yes\n`, ['-e', `ansible_remote_tmp=${dir}/var-rt`]);
    expect(code).toBe(0);
    expect(existsSync(join(dir, 'rt'))).toBe(false);
    expect(leftIn(join(dir, 'var-rt'))).toHaveLength(1);
  });
});
