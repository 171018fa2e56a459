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
import { megabytes, ratio, seconds, spread } from './lib/stats';
import { pickTools, Tool } from './lib/tools';

interface Args {
  hosts: number[];
  runs: number;
  forks: number;
  tools: Tool[];
}

type Phase = 'first' | 'rerun';
type Samples = Map<string, Record<Phase, Measured[]>>;

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
  if (phase === 'first') rmSync(HOST_DIRS, { recursive: true, force: true });
  const m = await measure([...tool.argv, '-i', inventory, '-f', String(forks), 'ten-task.yml'], { cwd: dir, env: tool.env });
  if (m.status !== 0) throw new Error(`${tool.name} exited ${m.status}:\n${m.stdout.slice(-2000)}\n${m.stderr.slice(-2000)}`);
  // A rerun that changes something is not measuring a rerun.
  if (phase === 'rerun' && /changed=[1-9]/.test(m.stdout)) throw new Error(`${tool.name} changed something on rerun:\n${m.stdout.slice(-2000)}`);
  return m;
}

function report(count: number, args: Args, samples: Samples): string {
  const rows = [
    `### ${count} host${count > 1 ? 's' : ''}, forks ${args.forks}, ${args.runs} alternating rounds`,
    '',
    '| tool | first run (median, min–max) | rerun (median, min–max) | peak RSS, largest process | peak PSS, whole tree |',
    '|---|---|---|---|---|',
  ];
  for (const tool of args.tools) {
    const s = samples.get(tool.key) as Record<Phase, Measured[]>;
    const cell = (ms: Measured[]) => {
      const t = spread(ms.map((m) => m.ms));
      return `${seconds(t.median)} (${seconds(t.min)}–${seconds(t.max)})`;
    };
    const all = [...s.first, ...s.rerun];
    rows.push(`| ${tool.name} | ${cell(s.first)} | ${cell(s.rerun)} | ${megabytes(Math.max(...all.map((m) => m.maxRssKb)))} | ${megabytes(Math.max(...all.map((m) => m.treePssKb)))} |`);
  }
  const ours = samples.get('tsible');
  if (ours) {
    rows.push('');
    for (const tool of args.tools.filter((t) => t.key !== 'tsible')) {
      const theirs = samples.get(tool.key) as Record<Phase, Measured[]>;
      const med = (ms: Measured[]) => spread(ms.map((m) => m.ms)).median;
      rows.push(`tsible-playbook vs ${tool.name}: first run ${ratio(med(theirs.first), med(ours.first))} faster, rerun ${ratio(med(theirs.rerun), med(ours.rerun))} faster.  `);
    }
  }
  return rows.join('\n');
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const hosts = await startBenchHosts(Math.max(...args.hosts));
  const dir = mkdtempSync(join(tmpdir(), 'tsible-bench-'));
  try {
    cpSync(join(__dirname, 'workloads'), dir, { recursive: true });
    for (const count of args.hosts) {
      const inventory = writeBenchInventory(dir, hosts, count);
      const samples: Samples = new Map(args.tools.map((t) => [t.key, { first: [], rerun: [] }]));
      for (let round = 0; round < args.runs; round++) {
        for (const tool of args.tools) {
          for (const phase of ['first', 'rerun'] as const) {
            const m = await runOnce(tool, dir, inventory, args.forks, phase);
            samples.get(tool.key)?.[phase].push(m);
            console.error(`[bench] ${count} hosts, round ${round + 1}, ${tool.name}, ${phase}: ${seconds(m.ms)}, ${megabytes(m.treePssKb)} PSS`);
          }
        }
      }
      console.log(`${report(count, args, samples)}\n`);
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
