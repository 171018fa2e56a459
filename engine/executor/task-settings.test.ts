import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../cli/tsible-playbook';
import { strictBool } from './task-settings';

describe('strictBool', () => {
  it("reads Ansible's spellings of true and false, in any case", () => {
    expect(['yes', 'On', ' TRUE ', 't', 'y', '1', 1, true].map((v) => strictBool('diff', v))).toEqual(Array(8).fill(true));
    expect(['no', 'Off', 'false', 'f', 'n', '0', 0, false].map((v) => strictBool('diff', v))).toEqual(Array(8).fill(false));
  });

  it("refuses anything else with Ansible's message", () => {
    expect(() => strictBool('diff', 'yes.')).toThrow("the field 'diff' has an invalid value (yes.), and could not be converted to an bool.The error was: The value 'yes.' is not a valid boolean.");
    expect(() => strictBool('check_mode', 2)).toThrow('is not a valid boolean');
  });
});

test('a task whose diff is not a boolean fails, and ignore_errors lets the play go on', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-bool-'));
  writeFileSync(join(dir, 'inventory'), 'h ansible_connection=local\n');
  const tasks = '    - debug: msg=x\n      diff: yes.\n      ignore_errors: true\n      register: r\n    - debug: msg="{{ r.failed }}"\n';
  writeFileSync(join(dir, 'p.yml'), `- hosts: all\n  gather_facts: no\n  tasks:\n${tasks}`);
  let out = '';
  const code = await main(['-i', 'inventory', 'p.yml'], { cwd: dir, env: { HOME: dir, ANSIBLE_NOCOLOR: '1' }, stdout: (t: string) => void (out += t), stderr: () => undefined });
  expect(code).toBe(0);
  expect(out).toContain("fatal: [h]: FAILED! => {\"msg\": \"the field 'diff' has an invalid value (yes.)");
  expect(out).toContain('"msg": true');
});
