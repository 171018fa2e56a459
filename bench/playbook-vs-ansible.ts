/**
 * The same 10-task playbook against a throwaway loopback sshd, run by ansible-playbook and by
 * tsible-playbook in alternation; prints each one's times (min / median / max) and the ratio of medians.
 * Needs root (the sshd harness creates its test user) and a build (npm run build). Asserts nothing.
 *
 *   node bench/playbook-vs-ansible.js [runs=5]
 */
import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startSshd, TEST_USER } from '../test/ssh/sshd';

const PLAYBOOK = `- hosts: all
  gather_facts: no
  vars: {dir: "/tmp/tsible-bench-{{ inventory_hostname }}"}
  tasks:
    - file: {path: "{{ dir }}", state: directory, mode: "0755"}
    - copy: {content: "hello\\n", dest: "{{ dir }}/copied"}
    - lineinfile: {path: "{{ dir }}/lines", line: "key=value", create: yes}
    - template: {src: t.j2, dest: "{{ dir }}/templated"}
    - command: touch {{ dir }}/created
      args: {creates: "{{ dir }}/created"}
    - stat: {path: "{{ dir }}/copied"}
      register: st
    - set_fact: {size: "{{ st.stat.size }}"}
    - debug: {msg: "size {{ size }}"}
    - shell: echo {{ size }} > {{ dir }}/size
      changed_when: false
    - file: {path: "{{ dir }}/absent", state: absent}
`;

function stats(ms: number[]): { min: number; median: number; max: number } {
  const s = [...ms].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
}

async function main(): Promise<void> {
  const runs = Number(process.argv[2] ?? 5);
  const sshd = await startSshd();
  const dir = mkdtempSync(join(tmpdir(), 'tsible-bench-'));
  try {
    writeFileSync(join(dir, 'playbook.yml'), PLAYBOOK);
    writeFileSync(join(dir, 't.j2'), 'host={{ inventory_hostname }}\n');
    writeFileSync(
      join(dir, 'inventory'),
      `bench ansible_host=127.0.0.1 ansible_port=${sshd.port} ansible_user=${TEST_USER} ansible_ssh_private_key_file=${sshd.clientKey} ` +
        `ansible_ssh_common_args='-o UserKnownHostsFile=${sshd.knownHosts}' ansible_python_interpreter=/usr/bin/python3\n`,
    );
    const commands: Record<string, string[]> = {
      'ansible-playbook': ['ansible-playbook'],
      'ansible-playbook (pipelining)': ['env', 'ANSIBLE_PIPELINING=1', 'ansible-playbook'],
      'tsible-playbook': ['node', join(__dirname, '..', 'dist', 'engine', 'cli', 'tsible-playbook.js')],
    };
    const times: Record<string, number[]> = Object.fromEntries(Object.keys(commands).map((k) => [k, []]));
    for (let i = 0; i < runs; i++) {
      for (const [name, cmd] of Object.entries(commands)) {
        const start = performance.now();
        const r = spawnSync(cmd[0], [...cmd.slice(1), '-i', 'inventory', 'playbook.yml'], { cwd: dir, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
        if (r.status !== 0) throw new Error(`${name} failed (${r.status}):\n${r.stdout}\n${r.stderr}`);
        times[name].push(performance.now() - start);
      }
    }
    console.log(`10-task playbook, 1 host over ssh (loopback sshd), ${runs} alternating runs (first run then reruns)`);
    for (const [name, ms] of Object.entries(times)) {
      const s = stats(ms);
      console.log(`  ${name.padEnd(30)} min ${s.min.toFixed(0)} ms  median ${s.median.toFixed(0)} ms  max ${s.max.toFixed(0)} ms`);
    }
    const ours = stats(times['tsible-playbook']).median;
    console.log(`  ratio (ansible-playbook / tsible-playbook, medians): ${(stats(times['ansible-playbook']).median / ours).toFixed(1)}x`);
    console.log(`  ratio (ansible-playbook with pipelining / tsible-playbook): ${(stats(times['ansible-playbook (pipelining)']).median / ours).toFixed(1)}x`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await sshd.stop();
  }
}

void main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
