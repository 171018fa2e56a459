import { mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../cli/tsible-playbook';

/** Runs tsible-playbook in a fresh directory holding `files`; returns the exit code and stdout. */
async function run(files: Record<string, string>, args: string[]): Promise<{ code: number; out: string; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-meta-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  let out = '';
  const io = { cwd: dir, env: { HOME: dir, ANSIBLE_NOCOLOR: '1' }, stdout: (t: string) => void (out += t), stderr: () => undefined };
  return { code: await main(args, io), out, dir };
}

const TWO_HOSTS = 'a ansible_connection=local\nb ansible_connection=local\n';

test('end_host at -vv says, per host, whether the play ends or goes on, as ansible-playbook does', async () => {
  const playbook = "- hosts: all\n  gather_facts: no\n  tasks:\n    - meta: end_host\n      when: inventory_hostname == 'b'\n";
  const { code, out } = await run({ inventory: TWO_HOSTS, 'p.yml': playbook }, ['-i', 'inventory', 'p.yml', '-vv']);
  expect(code).toBe(0);
  expect(out).toContain('META: end_host conditional evaluated to False, continuing execution for a\n');
  expect(out).toContain('skipping: [a] => {"msg": "end_host conditional evaluated to false, continuing execution for a", "skip_reason": "end_host conditional evaluated to False, continuing execution for a"}');
  expect(out).toContain('META: ending play for b\n');
});

test('every meta says at -vv what it did; those run once decide on the first host', async () => {
  const playbook = `- hosts: all
  gather_facts: no
  tasks:
    - meta: noop
    - meta: clear_facts
    - meta: clear_host_errors
    - meta: refresh_inventory
    - meta: role_complete
      when: false
    - meta: end_play
      when: inventory_hostname == 'b'
    - meta: clear_facts
      when: inventory_hostname == 'b'
    - debug: msg=still
    - meta: end_batch
    - debug: msg=never
`;
  const { code, out } = await run({ inventory: TWO_HOSTS, 'p.yml': playbook }, ['-i', 'inventory', 'p.yml', '-vv']);
  expect(code).toBe(0);
  const metas = out.split('\n').filter((l) => l.startsWith('META: ') || l.startsWith('skipping: '));
  expect(metas).toEqual([
    'META: noop',
    'META: noop',
    'META: facts cleared',
    'META: cleared host errors',
    'META: inventory successfully refreshed',
    'META: role_complete',
    'META: role_complete',
    'META: end_play conditional evaluated to False, continuing play',
    'skipping: [a] => {"msg": "end_play", "skip_reason": "end_play conditional evaluated to False, continuing play"}',
    'META: clear_facts conditional evaluated to False, not clearing facts and fact cache for a',
    'skipping: [a] => {"msg": "clear_facts", "skip_reason": "clear_facts conditional evaluated to False, not clearing facts and fact cache for a"}',
    'META: ending batch',
  ]);
  expect(out).toContain('"msg": "still"');
  expect(out).not.toContain('never');
});

test('flush_handlers decides host by host and runs the handlers of the hosts it applies to', async () => {
  const playbook = `- hosts: all
  gather_facts: no
  tasks:
    - debug: msg=x
      changed_when: true
      notify: h
    - meta: flush_handlers
      when: inventory_hostname == 'b'
    - debug: msg=after
      when: false
  handlers:
    - name: h
      debug: msg="handled {{ inventory_hostname }}"
`;
  const { code, out } = await run({ inventory: TWO_HOSTS, 'p.yml': playbook }, ['-i', 'inventory', 'p.yml', '-vv']);
  expect(code).toBe(0);
  expect(out).toContain('META: flush_handlers conditional evaluated to False, not running handlers for a\n');
  expect(out).toContain('skipping: [a] => {"msg": "flush_handlers", "skip_reason": "flush_handlers conditional evaluated to False, not running handlers for a"}');
  expect(out).toContain('META: triggered running handlers for b\n');
  // b's handler runs at the flush, a's only at the end of the play.
  const order = out.split('\n').filter((l) => /"msg": "handled|TASK \[debug\]/.test(l)).map((l) => l.trim());
  expect(order.slice(1)).toEqual(['"msg": "handled b"', 'TASK [debug] *******************************************************************', '"msg": "handled a"']);
});

test('refresh_inventory drops from the play the hosts the sources no longer have, with their group_by groups', async () => {
  const playbook = `- hosts: all
  gather_facts: no
  tasks:
    - group_by: key=g_{{ inventory_hostname }}
    - file: src=new.ini dest={{ playbook_dir }}/inventory state=link force=yes
      delegate_to: localhost
      run_once: true
    - meta: refresh_inventory
    - debug: msg="{{ ansible_play_hosts }} {{ groups | dict2items | map(attribute='key') | sort }}"
`;
  const files = { 'old.ini': TWO_HOSTS, 'new.ini': 'b ansible_connection=local\n', 'p.yml': playbook };
  const dir = mkdtempSync(join(tmpdir(), 'tsible-meta-refresh-'));
  symlinkSync('old.ini', join(dir, 'inventory'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);
  let out = '';
  const io = { cwd: dir, env: { HOME: dir, ANSIBLE_NOCOLOR: '1' }, stdout: (t: string) => void (out += t), stderr: () => undefined };
  expect(await main(['-i', 'inventory', 'p.yml'], io)).toBe(0);
  expect(readFileSync(join(dir, 'inventory'), 'utf8')).toBe(files['new.ini']);
  expect(out).not.toContain('ok: [a]');
  expect(out).toContain(`ok: [b] => {\n    "msg": "['b'] ['all', 'g_b', 'ungrouped']"\n}`);
});
