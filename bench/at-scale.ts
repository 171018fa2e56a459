/**
 * Workload 1 (bench/workloads/ten-task.yml) on 1, 10, 50… light test hosts, run by ansible-playbook
 * (default settings, and with pipelining) and by tsible-playbook in alternation: each round runs every
 * tool once on clean hosts (first run) and once more (rerun, nothing to change). Prints a Markdown table of
 * medians and ratios, with each tool's peak memory. Needs root (test hosts) and a build (npm run build).
 * Asserts nothing; see bench/RESULTS.md.
 *
 *   node bench/at-scale.js [--hosts 1,10,50] [--runs 3] [--forks 5] [--tools ansible,pipelining,tsible]
 */
import { mkdtempSync, cpSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startBenchHosts, writeBenchInventory } from './lib/bench-hosts';
import { measure, Measured } from './lib/measure';
import { emptySamples, reportTable } from './lib/report';
import { megabytes, seconds } from './lib/stats';
import { pickTools, Tool } from './lib/tools';

interface Args {
  hosts: number[];
  runs: number;
  forks: number;
  tools: Tool[];
}

type Phase = 'first run' | 'rerun';

const HOST_DIRS = '/tmp/tsible-bench';

function parseArgs(argv: string[]): Args {
  const value = (name: string, fallback: string) => {
    const at = argv.indexOf(`--${name}`);
    return at >= 0 ? argv[at + 1] : fallback;
  };
  const hosts = value('hosts', '1,10,50').split(',').map(Number);
  const runs = Number(value('runs', '3'));
  const forks = Number(value('forks', '5'));
  if (hosts.some((n) => !Number.isInteger(n) || n < 1) || !(runs >= 1) || !(forks >= 1)) throw new Error('bad --hosts, --runs or --forks');
  return { hosts, runs, forks, tools: pickTools(value('tools', 'ansible,pipelining,tsible').split(',')) };
}

async function runOnce(tool: Tool, dir: string, inventory: string, forks: number, phase: Phase): Promise<Measured> {
  if (phase === 'first run') rmSync(HOST_DIRS, { recursive: true, force: true });
  const m = await measure([...tool.argv, '-i', inventory, '-f', String(forks), 'ten-task.yml'], { cwd: dir, env: tool.env });
  if (m.status !== 0) throw new Error(`${tool.name} exited ${m.status}:\n${m.stdout.slice(-2000)}\n${m.stderr.slice(-2000)}`);
  // A rerun that changes something is not measuring a rerun.
  if (phase === 'rerun' && /changed=[1-9]/.test(m.stdout)) throw new Error(`${tool.name} changed something on rerun:\n${m.stdout.slice(-2000)}`);
  return m;
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const hosts = await startBenchHosts(Math.max(...args.hosts));
  const dir = mkdtempSync(join(tmpdir(), 'tsible-bench-'));
  try {
    cpSync(join(__dirname, 'workloads'), dir, { recursive: true });
    for (const count of args.hosts) {
      const inventory = writeBenchInventory(dir, hosts, count);
      const samples = emptySamples(args.tools, ['first run', 'rerun']);
      for (let round = 0; round < args.runs; round++) {
        for (const tool of args.tools) {
          for (const phase of ['first run', 'rerun'] as const) {
            const m = await runOnce(tool, dir, inventory, args.forks, phase);
            samples.get(tool.key)?.get(phase)?.push(m);
            console.error(`[bench] ${count} hosts, round ${round + 1}, ${tool.name}, ${phase}: ${seconds(m.ms)}, ${megabytes(m.treePssKb)} PSS`);
          }
        }
      }
      const title = `${count} host${count > 1 ? 's' : ''}, forks ${args.forks}, ${args.runs} alternating rounds`;
      console.log(`${reportTable(title, args.tools, samples)}\n`);
    }
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
