import { spawnSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { main } from '../../engine/cli/tsible-playbook';

/**
 * Host data is never a template. A host prints text that, templated on the controller, would read a
 * controller file (lookup file, lookup template) and create one (lookup password). Whatever a playbook
 * does with that text (register, copy, set_fact chains, filters, loops, facts.d, add_host, from_json),
 * nothing is read, nothing is created, and the text arrives literally, as with ansible-playbook.
 */

const SECRET = 'CONTROLLER-SECRET-51c2';

let dir: string;
let payload: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-unsafe-'));
  writeFileSync(join(dir, 'secret'), `${SECRET}\n`);
  writeFileSync(join(dir, 'secret.j2'), `${SECRET} {{ 1 + 1 }}\n`);
  payload = `{{ lookup('file', '${dir}/secret') }}+{{ lookup('password', '${dir}/created length=8') }}+{{ lookup('template', '${dir}/secret.j2') }}`;
  // What the host prints: the payload as text, as JSON, and as a local fact.
  writeFileSync(join(dir, 'payload.txt'), `${payload}\n`);
  writeFileSync(join(dir, 'payload.json'), JSON.stringify({ t: payload, l: [payload] }));
  mkdirSync(join(dir, 'facts.d'));
  writeFileSync(join(dir, 'facts.d', 'evil.fact'), JSON.stringify({ t: payload }));
  writeFileSync(join(dir, 'inventory'), 'h ansible_connection=local ansible_python_interpreter=/usr/bin/python3\n');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function tsible(play: string): Promise<{ code: number; out: string }> {
  writeFileSync(join(dir, 'p.yml'), play);
  let out = '';
  const io = { cwd: dir, env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent' }, stdout: (t: string) => (out += t), stderr: (t: string) => (out += t) };
  const code = await main(['-i', 'inventory', 'p.yml', '-e', `dir=${dir}`], io);
  return { code, out };
}

function ansible(play: string): { code: number; out: string } | undefined {
  if (spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status !== 0) return undefined;
  writeFileSync(join(dir, 'p.yml'), play);
  const r = spawnSync('ansible-playbook', ['-i', 'inventory', 'p.yml', '-e', `dir=${dir}`], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, ANSIBLE_CONFIG: '/nonexistent', ANSIBLE_NOCOLOR: '1', ANSIBLE_FORCE_COLOR: '0', ANSIBLE_LOCALHOST_WARNING: '0' },
  });
  return { code: r.status ?? -1, out: r.stdout + r.stderr };
}

/** The `"msg": …` lines of debug tasks, which both tools print the same way. */
function messages(out: string): string[] {
  return out.split('\n').filter((l) => /^\s+"msg": /.test(l)).map((l) => l.trim());
}

function assertNothingLeaked(out: string): void {
  expect(out).not.toContain(SECRET);
  expect(existsSync(join(dir, 'created'))).toBe(false);
}

const PLAY = `
- hosts: h
  gather_facts: no
  tasks:
    - command: cat {{ dir }}/payload.txt
      register: r
    - command: cat {{ dir }}/payload.json
      register: j
    - debug: msg="{{ r.stdout }}"
    - copy: content="{{ r.stdout }}" dest={{ dir }}/copied.txt
    - set_fact:
        up: "{{ r.stdout | upper }}"
        joined: "{{ 'x' ~ r.stdout ~ 'y' }}"
        listed: "{{ [r.stdout] }}"
        dicted: "{{ {'k': r.stdout} }}"
        parsed: "{{ j.stdout | from_json }}"
        piped: "{{ lookup('pipe', 'cat ' ~ dir ~ '/payload.txt') }}"
    - set_fact:
        chained: "{{ joined }}"
        first: "{{ listed[0] }}"
        key: "{{ dicted.k }}"
        from_json: "{{ parsed.t }}"
        from_json_list: "{{ parsed.l | first }}"
    - debug: msg="{{ up }}"
    - debug: msg="{{ chained }}"
    - debug: msg="{{ first }}"
    - debug: msg="{{ key }}"
    - debug: msg="{{ from_json }}"
    - debug: msg="{{ from_json_list }}"
    - debug: msg="{{ piped }}"
    - copy: content="{{ first }}" dest={{ dir }}/copied-fact.txt
    - debug: msg="{{ item }}"
      loop: "{{ r.stdout_lines }}"
    - command: cat {{ dir }}/payload.txt
      loop: [1, 2]
      register: rl
    - debug: msg="{{ rl.results | map(attribute='stdout') | join(',') }}"
    - debug: msg="{{ hostvars[inventory_hostname].r.stdout | lower }}"
    - setup:
        fact_path: "{{ dir }}/facts.d"
        gather_subset: ['!all']
        filter: ['ansible_local']
    - debug: msg="{{ ansible_local.evil.t }}"
    - copy: content="{{ ansible_local.evil.t }}" dest={{ dir }}/copied-local-fact.txt
    - add_host:
        name: h2
        ansible_connection: local
        ansible_python_interpreter: /usr/bin/python3
        from_host: "{{ r.stdout }}"
- hosts: h2
  gather_facts: no
  tasks:
    - debug: msg="{{ from_host }}"
    - set_fact: again="{{ from_host }}"
    - debug: msg="{{ again }}"
`;

describe('text a host prints is never templated on the controller', () => {
  it('reads nothing, creates nothing, and shows and writes the text literally', async () => {
    const { code, out } = await tsible(PLAY);
    assertNothingLeaked(out);
    expect(code).toBe(0);
    const q = (s: string) => JSON.stringify(s);
    const both = `${payload},${payload}`;
    expect(messages(out)).toEqual(
      [payload, payload.toUpperCase(), `x${payload}y`, payload, payload, payload, payload, payload, payload, both, payload.toLowerCase(), payload, payload, payload].map(
        (m) => `"msg": ${q(m)}`,
      ),
    );
    for (const f of ['copied.txt', 'copied-fact.txt', 'copied-local-fact.txt']) expect(readFileSync(join(dir, f), 'utf8')).toBe(payload);
  });

  it('shows what ansible-playbook shows', async () => {
    const theirs = ansible(PLAY);
    if (!theirs) return;
    expect(existsSync(join(dir, 'created'))).toBe(false);
    rmSync(join(dir, 'h2'), { force: true });
    const ours = await tsible(PLAY);
    expect(messages(ours.out)).toEqual(messages(theirs.out));
    expect(ours.code).toBe(theirs.code);
  }, 300_000);

  it('a condition made of host text is refused, not evaluated', async () => {
    const { code, out } = await tsible(`
- hosts: h
  gather_facts: no
  tasks:
    - command: cat {{ dir }}/payload.txt
      register: r
    - debug: msg=reached
      when: "{{ r.stdout }}"
`);
    assertNothingLeaked(out);
    expect(code).toBe(2);
    expect(out).toContain('Conditional is marked as unsafe, and cannot be evaluated.');
  });

  it('host text in changed_when / failed_when is refused, not run as an expression', async () => {
    writeFileSync(join(dir, 'expr.txt'), `lookup('pipe', 'touch ${dir}/created')\n`);
    const { out } = await tsible(`
- hosts: h
  gather_facts: no
  tasks:
    - command: cat {{ dir }}/expr.txt
      register: r
      changed_when: "{{ r.stdout }}"
      ignore_errors: yes
    - command: cat {{ dir }}/expr.txt
      register: r
      failed_when: "{{ r.stdout }}"
`);
    assertNothingLeaked(out);
    expect(out.match(/Conditional is marked as unsafe/g)).toHaveLength(2);
  });

  it('!unsafe text stays unsafe through set_fact chains', async () => {
    const { code, out } = await tsible(`
- hosts: h
  gather_facts: no
  tasks:
    - set_fact:
        a: !unsafe "{{ lookup('password', '{{ dir }}/created') }}"
    - set_fact:
        b: "{{ a }}"
        c: "{{ [a | trim] }}"
    - debug: msg="{{ b }}|{{ c[0] }}"
`);
    assertNothingLeaked(out);
    expect(code).toBe(0);
    const text = "{{ lookup('password', '{{ dir }}/created') }}";
    expect(messages(out)).toEqual([`"msg": ${JSON.stringify(`${text}|${text}`)}`]);
  });

  // What ansible-playbook 2.14 prints too: a template that read host data gives text, even for numbers.
  it('a registered value still works as text: comparisons, in, length, int, regex, JSON', async () => {
    writeFileSync(join(dir, 'values.txt'), '42\n{"n": 7}\nabc {{ x }}\n');
    const { code, out } = await tsible(`
- hosts: h
  gather_facts: no
  tasks:
    - command: cat {{ dir }}/values.txt
      register: r
    - debug:
        msg:
          - "{{ r.stdout_lines[0] == '42' }}"
          - "{{ r.stdout_lines[0] | int + 1 }}"
          - "{{ 'abc' in r.stdout }}"
          - "{{ r.stdout_lines | length }}"
          - "{{ r.stdout_lines[2] | length }}"
          - "{{ (r.stdout_lines[1] | from_json).n * 2 }}"
          - "{{ r.stdout | regex_search('abc .*') }}"
          - "{{ r.stdout_lines[2] | to_json }}"
      when: r.stdout_lines[0] == '42' and r.stdout is search('abc')
`);
    expect(code).toBe(0);
    expect(out).toContain(
      JSON.stringify([true, '43', true, '3', '11', '14', 'abc {{ x }}', '"abc {{ x }}"'], null, 4)
        .split('\n')
        .map((l, i) => (i === 0 ? l : `    ${l}`))
        .join('\n'),
    );
  });
});
