import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../engine/cli/tsible-playbook';

/**
 * A template that explodes (a huge string, a huge list, lists nested by repetition through set_fact)
 * fails its task with an error saying so; the run goes on to its recap instead of dying of a V8
 * out-of-memory abort (which `[1] * 10**9` caused before: 1.6 GB, then the process was killed).
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-size-'));
  writeFileSync(join(dir, 'inventory'), 'h ansible_connection=local\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('each exploding template fails its own task, named, and the run ends with a recap', async () => {
  writeFileSync(
    join(dir, 'p.yml'),
    `- hosts: h
  gather_facts: no
  tasks:
    - name: huge string
      debug: msg="{{ 'x' * 10**10 }}"
      ignore_errors: yes
    - name: huge list
      debug: msg="{{ ([1] * 10**9) | length }}"
      ignore_errors: yes
    - name: huge range
      debug: msg="{{ range(10**9) | list }}"
      ignore_errors: yes
    - set_fact: { l0: "{{ ['lol'] * 1000 }}" }
    - set_fact: { l1: "{{ [l0] * 100 }}" }
    - name: laughs
      set_fact: { l2: "{{ [l1] * 100 }}" }
`,
  );
  let out = '';
  const io = { cwd: dir, env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent' }, stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
  const code = await main(['-i', 'inventory', 'p.yml'], io);
  expect(code).toBe(2);
  const failures = out.split('\n').filter((l) => l.startsWith('TASK [') || l.startsWith('fatal:')).map((l) => l.replace(/\s*\*+$/, ''));
  expect(failures.filter((l) => l.startsWith('TASK [') && !l.startsWith('TASK [set_fact'))).toEqual(['TASK [huge string]', 'TASK [huge list]', 'TASK [huge range]', 'TASK [laughs]']);
  expect(out).toContain('the repeated string would be 10,000,000,000 characters long, more than a template may build (100,000,000)');
  expect(out).toContain('the repeated list would hold 1,000,000,000 values, more than a template may build (10,000,000)');
  expect(out).toContain('Range too big');
  expect(out).toContain('the repeated list would hold 10,010,100 values');
  expect(out).toMatch(/PLAY RECAP[\s\S]*h\s+: ok=5 .*failed=1 .*ignored=3/);
}, 120_000);
