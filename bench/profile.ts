/**
 * Where a tsible-playbook run's time goes: runs the built CLI in this process with counters around the
 * ssh connections (opening, and every call a module makes on a host), the templar and the output, on
 * light test hosts, and V8's sampling profiler. Prints a Markdown summary for bench/RESULTS.md. Needs
 * root and a build.
 *
 *   node bench/profile.js [--hosts 50] [--forks 5] [--rerun]
 */
import { cpSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { startBenchHosts, writeBenchInventory } from './lib/bench-hosts';
import { Counter, instrumentConnections, instrumentTemplar } from './lib/counters';
import { withCpuProfile } from './lib/cpu-profile';

const DIST = join(__dirname, '..', 'dist', 'engine');

async function runPlaybook(dir: string, inventory: string, forks: number, output: Counter): Promise<number> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const cli = require(join(DIST, 'cli', 'tsible-playbook.js')) as typeof import('../engine/cli/tsible-playbook');
  return cli.main(['-i', inventory, '-f', String(forks), 'ten-task.yml'], {
    cwd: dir,
    env: { ...process.env, ANSIBLE_NOCOLOR: '1' },
    stdout: (text) => output.time(() => undefined, text.length),
    stderr: (text) => process.stderr.write(text),
    isTTY: false,
    columns: 80,
  });
}

function argValue(name: string, fallback: number): number {
  const at = process.argv.indexOf(`--${name}`);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
}

async function main(): Promise<void> {
  const count = argValue('hosts', 50);
  const forks = argValue('forks', 5);
  const hosts = await startBenchHosts(count);
  const dir = mkdtempSync(join(tmpdir(), 'tsible-profile-'));
  try {
    cpSync(join(__dirname, 'workloads'), dir, { recursive: true });
    const inventory = writeBenchInventory(dir, hosts, count);
    rmSync('/tmp/tsible-bench', { recursive: true, force: true });
    const connections = instrumentConnections(join(DIST, 'connection', 'ssh.js'));
    const templar = instrumentTemplar(join(DIST, 'template', 'templar.js'));
    const output = new Counter('output');
    if (process.argv.includes('--rerun')) await runPlaybook(dir, inventory, forks, new Counter('warm-up'));
    connections.reset();
    templar.reset();
    const cpu = process.cpuUsage();
    const elu = performance.eventLoopUtilization();
    const start = performance.now();
    const { result: status, byCategory } = await withCpuProfile(() => runPlaybook(dir, inventory, forks, output));
    const wall = performance.now() - start;
    const used = process.cpuUsage(cpu);
    const busy = performance.eventLoopUtilization(elu);
    const remoteTasks = 8 * count; // set_fact and debug never reach a host
    console.log(`### Profile: ${count} hosts, forks ${forks}, ${process.argv.includes('--rerun') ? 'rerun' : 'first run'} (exit ${status})\n`);
    console.log(`- wall ${wall.toFixed(0)} ms; controller CPU ${((used.user + used.system) / 1000).toFixed(0)} ms; event loop busy ${(busy.utilization * 100).toFixed(0)}%`);
    console.log(`- ${connections.summary(remoteTasks)}`);
    console.log(`- ${templar.summary()}`);
    console.log(`- ${output.summary()}`);
    console.log('\n| controller time by where it went (V8 sampling profile) | ms |\n|---|---|');
    for (const [category, ms] of byCategory) console.log(`| ${category} | ${ms.toFixed(0)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
    rmSync('/tmp/tsible-bench', { recursive: true, force: true });
    await hosts.stop();
  }
}

void main().catch((err) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
