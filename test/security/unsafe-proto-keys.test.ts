import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../engine/cli/tsible-playbook';

/**
 * JSON and YAML a host hands back (command output read with from_json, facts.d files, a fetched vars
 * file) may hold `__proto__` and `constructor` keys. They are kept as ordinary keys, as ansible-playbook
 * keeps them, and never change what other variables or objects inherit.
 */

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-proto-'));
  const json = '{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, "a": 1}';
  writeFileSync(join(dir, 'host.json'), json);
  mkdirSync(join(dir, 'facts.d'));
  writeFileSync(join(dir, 'facts.d', 'p.fact'), json);
  writeFileSync(join(dir, 'vars.yml'), '__proto__:\n  polluted: "yes"\nx: 1\n');
  writeFileSync(join(dir, 'inventory'), 'h ansible_connection=local\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

it('host JSON and YAML keep __proto__ as a key and pollute nothing', async () => {
  writeFileSync(
    join(dir, 'p.yml'),
    `- hosts: h
  gather_facts: no
  tasks:
    - command: cat {{ dir }}/host.json
      register: r
    - debug: msg="{{ r.stdout | from_json }}"
    - debug: msg="{{ (r.stdout | from_json)['__proto__'].polluted }}"
    - setup: { fact_path: "{{ dir }}/facts.d", gather_subset: ['!all'], filter: ['ansible_local'] }
    - debug:
        msg: "{{ ansible_local.p | combine({'b': 2}) }}"
    - include_vars: "{{ dir }}/vars.yml"
    - debug: msg="{{ x }} {{ polluted | default('not inherited') }} {{ {}.polluted | default('not inherited') }}"
`,
  );
  let out = '';
  const io = { cwd: dir, env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent' }, stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
  const code = await main(['-i', 'inventory', 'p.yml', '-e', `dir=${dir}`], io);
  expect(code).toBe(0);
  const msgs = out.split('\n').filter((l) => /^\s+"msg": /.test(l)).map((l) => l.trim());
  expect(msgs).toEqual(['"msg": {', '"msg": "yes"', '"msg": {', '"msg": "1 not inherited not inherited"']);
  expect(out.match(/"__proto__": \{\n\s+"polluted": "yes"\n\s+\},\n\s+"a": 1,\n\s+"constructor"/g)).toHaveLength(1);
  expect(out.match(/"__proto__": \{\n\s+"polluted": "yes"\n\s+\},\n\s+"a": 1,\n\s+"b": 2,\n\s+"constructor"/g)).toHaveLength(1);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});
