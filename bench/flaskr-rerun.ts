/**
 * Workload 2: the flaskr deployment (playbooks/app.yml, unchanged) rerun on one full Debian test host
 * with the pip wheelhouse and git server of test/hosts/services. tsible-playbook deploys once, then
 * ansible-playbook (default, pipelining) and tsible-playbook rerun it in alternation. Prints a Markdown
 * table. Needs root and a build. Asserts nothing; see bench/RESULTS.md.
 *
 *   node bench/flaskr-rerun.js [--runs 3]
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startHosts } from '../test/hosts';
import { gitUrl } from '../test/hosts/services';
import { measure, Measured } from './lib/measure';
import { emptySamples, reportTable } from './lib/report';
import { seconds } from './lib/stats';
import { pickTools, Tool, TOOLS } from './lib/tools';

const ROOT = join(__dirname, '..');

async function deploy(tool: Tool, inventory: string): Promise<Measured> {
  const m = await measure([...tool.argv, '-i', inventory, 'playbooks/app.yml', '-e', `app_repo=${gitUrl('flaskr')}`], { cwd: ROOT, env: tool.env });
  if (m.status !== 0) throw new Error(`${tool.name} exited ${m.status}:\n${m.stdout.slice(-3000)}\n${m.stderr.slice(-2000)}`);
  return m;
}

async function main(): Promise<void> {
  const at = process.argv.indexOf('--runs');
  const runs = at >= 0 ? Number(process.argv[at + 1]) : 3;
  const hosts = await startHosts({ count: 1, prefix: 'benchflaskr-', services: true });
  const dir = mkdtempSync(join(tmpdir(), 'tsible-bench-flaskr-'));
  try {
    const h = hosts.hosts[0];
    const inventory = join(dir, 'hosts');
    writeFileSync(
      inventory,
      `[webservers]\n${h.name} ansible_host=${h.address} ansible_user=${h.user} ansible_ssh_private_key_file=${hosts.privateKeyPath} ` +
        `ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'\n`,
    );
    const [tsible] = pickTools(['tsible']);
    const first = await deploy(tsible, inventory);
    console.error(`[bench] first deployment by tsible-playbook: ${seconds(first.ms)}`);
    const samples = emptySamples(TOOLS, ['rerun']);
    for (let round = 0; round < runs; round++) {
      for (const tool of TOOLS) {
        const m = await deploy(tool, inventory);
        samples.get(tool.key)?.get('rerun')?.push(m);
        console.error(`[bench] flaskr rerun, round ${round + 1}, ${tool.name}: ${seconds(m.ms)}`);
      }
    }
    console.log(reportTable(`flaskr deployment (playbooks/app.yml) rerun on one full Debian host, ${runs} alternating rounds`, TOOLS, samples));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    await hosts.stop();
  }
}

void main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
