import { spawn } from 'child_process';
import { readdirSync, readFileSync } from 'fs';

/**
 * Runs one command under `/usr/bin/time -v` and samples its whole process tree meanwhile.
 *
 * time -v reports the largest single process's peak RSS (the kernel's RUSAGE_CHILDREN), which hides a
 * multi-process tool's footprint: ansible-playbook is a main process, a worker per fork and an ssh
 * per host. The tree sampler adds up the proportional set size (PSS: shared pages split between their
 * users) of every process under the command, every 50 ms, and keeps the highest sum.
 */

export interface Measured {
  ms: number;
  status: number;
  stdout: string;
  stderr: string;
  /** Peak RSS of the largest process, from /usr/bin/time -v. */
  maxRssKb: number;
  /** Peak of the summed PSS over the process tree. */
  treePssKb: number;
}

const SAMPLE_MS = 50;

export async function measure(argv: string[], opts: { cwd: string; env?: NodeJS.ProcessEnv }): Promise<Measured> {
  const start = performance.now();
  const child = spawn('/usr/bin/time', ['-v', ...argv], { cwd: opts.cwd, env: opts.env ?? process.env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  let treePssKb = 0;
  const timer = setInterval(() => {
    if (child.pid) treePssKb = Math.max(treePssKb, treePss(child.pid));
  }, SAMPLE_MS);
  const status = await new Promise<number>((resolve) => child.on('close', (code) => resolve(code ?? -1)));
  clearInterval(timer);
  const ms = performance.now() - start;
  const maxRssKb = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(stderr)?.[1] ?? NaN);
  return { ms, status, stdout, stderr, maxRssKb, treePssKb };
}

/** Summed PSS (kB) of `root`'s descendants, /usr/bin/time itself excluded. */
function treePss(root: number): number {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const ppid = parentOf(Number(entry));
    if (ppid === undefined) continue;
    children.set(ppid, [...(children.get(ppid) ?? []), Number(entry)]);
  }
  let total = 0;
  const stack = [...(children.get(root) ?? [])];
  while (stack.length) {
    const pid = stack.pop() as number;
    total += pssOf(pid);
    stack.push(...(children.get(pid) ?? []));
  }
  return total;
}

function parentOf(pid: number): number | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name may hold spaces and parentheses; the fields after its last ')' are fixed.
    return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
  } catch {
    return undefined;
  }
}

function pssOf(pid: number): number {
  try {
    return Number(/^Pss:\s+(\d+)/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0;
  }
}
