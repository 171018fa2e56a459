/**
 * Workload 3 (bench/workloads/python-modules.yml): Python modules tsible has no native version of
 * (community.general.ini_file, ansible.builtin.known_hosts) on 10 light test hosts, run by ansible-playbook
 * (default settings, and with pipelining) and by tsible-playbook in alternation: each round runs every tool
 * once on clean hosts (first run) and once more (rerun, nothing to change). Both tools send Ansible's own
 * module code to the host and run it with the host's Python. Prints a Markdown table of medians and ratios.
 * Needs root (test hosts) and a build (npm run build). Asserts nothing; see bench/RESULTS.md.
 *
 *   node bench/python-modules.js [--hosts 10] [--runs 3] [--forks 5] [--tools ansible,pipelining,tsible]
 */
import { cpSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startBenchHosts, writeBenchInventory } from './lib/bench-hosts';
import { measure, Measured } from './lib/measure';
import { emptySamples, reportTable } from './lib/report';
import { megabytes, seconds } from './lib/stats';
import { pickTools, Tool } from './lib/tools';

type Phase = 'first run' | 'rerun';

const HOST_DIRS = '/tmp/tsible-bench-py';
const PLAYBOOK = 'python-modules.yml';

function parseArgs(argv: string[]): { hosts: number; runs: number; forks: number; tools: Tool[] } {
  const value = (name: string, fallback: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : fallback;
  };
  const [hosts, runs, forks] = [value('hosts', '10'), value('runs', '3'), value('forks', '5')].map(Number);
  if (![hosts, runs, forks].every((n) => Number.isInteger(n) && n >= 1)) throw new Error('--hosts, --runs and --forks take a whole number of 1 or more');
  return { hosts, runs, forks, tools: pickTools(value('tools', 'ansible,pipelining,tsible').split(',')) };
}

async function runOnce(tool: Tool, dir: string, inventory: string, forks: number, phase: Phase): Promise<Measured> {
  if (phase === 'first run') rmSync(HOST_DIRS, { recursive: true, force: true });
  const m = await measure([...tool.argv, '-i', inventory, '-f', String(forks), PLAYBOOK], { cwd: dir, env: tool.env });
  if (m.status !== 0) throw new Error(`${tool.name} exited ${m.status}:\n${m.stdout.slice(-2000)}\n${m.stderr.slice(-2000)}`);
  // A first run that changes nothing, or a rerun that changes something, is not measuring what it says.
  const changed = /changed=[1-9]/.test(m.stdout);
  if (changed !== (phase === 'first run')) throw new Error(`${tool.name} ${phase}: ${changed ? 'changed something' : 'changed nothing'}:\n${m.stdout.slice(-2000)}`);
  return m;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const hosts = await startBenchHosts(args.hosts);
  const dir = mkdtempSync(join(tmpdir(), 'tsible-bench-py-'));
  try {
    cpSync(join(__dirname, 'workloads', PLAYBOOK), join(dir, PLAYBOOK));
    const inventory = writeBenchInventory(dir, hosts, args.hosts);
    const samples = emptySamples(args.tools, ['first run', 'rerun']);
    for (let round = 0; round < args.runs; round++) {
      for (const tool of args.tools) {
        for (const phase of ['first run', 'rerun'] as const) {
          const m = await runOnce(tool, dir, inventory, args.forks, phase);
          samples.get(tool.key)?.get(phase)?.push(m);
          console.error(`[bench] round ${round + 1}, ${tool.name}, ${phase}: ${seconds(m.ms)}, ${megabytes(m.treePssKb)} PSS`);
        }
      }
    }
    const title = `${args.hosts} host${args.hosts > 1 ? 's' : ''}, 5 Python-module tasks, forks ${args.forks}, ${args.runs} alternating rounds`;
    console.log(reportTable(title, args.tools, samples));
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync(HOST_DIRS, { recursive: true, force: true });
    await hosts.stop();
  }
}

void main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
