/**
 * What vault costs a run: N hosts (default 200, all with the local connection, so only the controller's
 * work is measured) whose `group_vars/all` is a vaulted file, and one task per host that uses a vaulted
 * value: `node bench/vault.js [--hosts N] [--runs R] [--tools ansible,tsible]`. The same playbook runs
 * without vault as the baseline; the difference is what decryption costs each tool. Needs `npm run
 * build` and ansible-vault (which encrypts the file, so both tools read what Ansible writes).
 */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { join } from 'path';
import { measure } from './lib/measure';
import { ratio, seconds, spread } from './lib/stats';
import { pickTools } from './lib/tools';

function arg(name: string, fallback: string): string {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? process.argv[at + 1] : fallback;
}

const hosts = Number(arg('hosts', '200'));
const runs = Number(arg('runs', '3'));
const tools = pickTools(arg('tools', 'ansible,tsible').split(','));

/** A directory with the inventory, the playbook and group_vars/all, vaulted or not. */
function project(vaulted: boolean): string {
  const dir = mkdtempSync(`/tmp/tsible-bench-vault-${vaulted ? 'on' : 'off'}-`);
  const names = Array.from({ length: hosts }, (_, i) => `h${i + 1} ansible_connection=local ansible_python_interpreter=/usr/bin/python3`);
  writeFileSync(join(dir, 'hosts'), `${names.join('\n')}\n`);
  mkdirSync(join(dir, 'group_vars', 'all'), { recursive: true });
  const secrets = Array.from({ length: 20 }, (_, i) => `secret_${i}: "value-${i}-${'x'.repeat(40)}"`).join('\n');
  const file = join(dir, 'group_vars', 'all', 'secrets.yml');
  writeFileSync(file, `${secrets}\n`);
  writeFileSync(join(dir, 'pass'), 'bench-password\n');
  if (vaulted) execFileSync('ansible-vault', ['encrypt', '--vault-password-file', join(dir, 'pass'), file], { stdio: 'ignore' });
  const task = { name: 'use a vaulted value', debug: { msg: '{{ secret_0 | length + secret_19 | length }}' } };
  writeFileSync(join(dir, 'play.yml'), JSON.stringify([{ hosts: 'all', gather_facts: false, tasks: [task] }]));
  return dir;
}

async function main(): Promise<void> {
  const dirs = { plain: project(false), vaulted: project(true) };
  const ms: Record<string, number[]> = {};
  // Tools and variants alternate within each round, so a busy moment of the machine hits them alike.
  for (let round = 0; round < runs; round++) {
    for (const tool of tools) {
      for (const [variant, dir] of Object.entries(dirs)) {
        const m = await measure([...tool.argv, '-i', 'hosts', '--vault-password-file', 'pass', '-f', '20', 'play.yml'], { cwd: dir, env: tool.env });
        if (m.status !== 0) throw new Error(`${tool.name} (${variant}) failed:\n${m.stdout}\n${m.stderr}`);
        (ms[`${tool.key} ${variant}`] ??= []).push(m.ms);
      }
    }
  }
  console.log(`${hosts} hosts (local connection, forks 20), one debug task using vaulted group_vars/all; ${runs} runs each (min / median / max)\n`);
  console.log('| tool | plain group_vars | vaulted group_vars | vault adds |');
  console.log('|---|---|---|---|');
  const med: Record<string, number> = {};
  for (const tool of tools) {
    const plain = spread(ms[`${tool.key} plain`]);
    const vaulted = spread(ms[`${tool.key} vaulted`]);
    med[tool.key] = vaulted.median;
    const show = (s: typeof plain) => `${seconds(s.min)} / **${seconds(s.median)}** / ${seconds(s.max)}`;
    console.log(`| ${tool.name} | ${show(plain)} | ${show(vaulted)} | ${seconds(vaulted.median - plain.median)} |`);
  }
  if (med.ansible && med.tsible) console.log(`\nvaulted run, ansible-playbook / tsible-playbook: ${ratio(med.ansible, med.tsible)}`);
}

main().catch((e) => {
  console.error(e instanceof Error ? e.message : e);
  process.exit(1);
});
