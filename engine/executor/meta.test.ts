import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../cli/tsible-playbook';

test('end_host at -vv says, per host, whether the play ends or goes on, as ansible-playbook does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-meta-'));
  writeFileSync(join(dir, 'inventory'), 'a ansible_connection=local\nb ansible_connection=local\n');
  writeFileSync(join(dir, 'p.yml'), "- hosts: all\n  gather_facts: no\n  tasks:\n    - meta: end_host\n      when: inventory_hostname == 'b'\n");
  let out = '';
  const io = { cwd: dir, env: { HOME: dir, ANSIBLE_NOCOLOR: '1' }, stdout: (t: string) => void (out += t), stderr: () => undefined };
  expect(await main(['-i', 'inventory', 'p.yml', '-vv'], io)).toBe(0);
  expect(out).toContain('META: end_host conditional evaluated to False, continuing execution for a\n');
  expect(out).toContain('skipping: [a] => {"msg": "end_host conditional evaluated to false, continuing execution for a", "skip_reason": "end_host conditional evaluated to False, continuing execution for a"}');
  expect(out).toContain('META: ending play for b\n');
});
