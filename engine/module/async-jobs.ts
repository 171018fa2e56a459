import { randomInt } from 'crypto';
import { ASYNC_WRAPPER } from './async-wrapper';
import { hostPython, interpreterCommand } from './python/interpreter';
import { shellQuote } from './shell-quote';
import type { ModuleContext, ModuleResult, Probe } from './types';

/** An async task's job on one host: its id, its time limit (seconds) and the directory of job files. */
export interface AsyncJob {
  jid: string;
  limit: number;
  /** As configured (`~/.ansible_async`): expanded on the host, by the (become) user's shell. */
  dir: string;
}

/** What runs on the host as the job, and how its result is made (see async-wrapper.ts). */
export interface HostJobSpec {
  command: string;
  stdin?: string;
  shape: 'module' | 'command';
  /** Keys the result always has (`cmd`), for the command shape. */
  fixed?: Record<string, unknown>;
  /** strip_empty_ends, for the command shape. */
  strip?: boolean;
}

/**
 * When a job still running is killed: Ansible's wrapper looks at it every 5 s and kills it at the first
 * look past the limit after the one at 5 s, so a job outlives `async` by 5 to 10 s.
 */
export function killAfter(limit: number): number {
  return 5 * (1 + Math.ceil(limit / 5));
}

/** Ansible's job ids: `j`, a random number, a dot and a process id, e.g. j502025709116.21863. */
export function newJobId(): string {
  return `j${randomInt(1e11, 1e12)}.${process.pid}`;
}

/** The async dir a task uses: ansible_async_dir, else ANSIBLE_ASYNC_DIR, else Ansible's default. */
export function asyncDir(vars: Readonly<Record<string, unknown>>): string {
  const given = vars.ansible_async_dir ?? process.env.ANSIBLE_ASYNC_DIR;
  return typeof given === 'string' && given ? given : '~/.ansible_async';
}

/** A path for the host's shell: a leading `~/` stays unquoted so the shell expands it, the rest is one quoted word. */
function hostPath(path: string): string {
  if (path === '~') return '~';
  if (path.startsWith('~/')) return `~/${shellQuote(path.slice(2))}`;
  return shellQuote(path);
}

/** The job file's path as the host's shell spells it, for a script that sets `f` to it. */
function jobFile(dir: string, jid: string): string {
  return `f=${hostPath(dir)}/${shellQuote(jid)}`;
}

/**
 * Starts the job on the host, detached from this connection, in one round trip: the wrapper writes the
 * job file and answers with the started record (job id, results_file), which is the task's result.
 */
export async function launchOnHost(ctx: ModuleContext, job: AsyncJob, spec: HostJobSpec): Promise<ModuleResult> {
  const python = await hostPython(ctx, 'async_wrapper');
  const command = `${interpreterCommand(python)} -c ${shellQuote(ASYNC_WRAPPER)} ${shellQuote(job.jid)} ${killAfter(job.limit)} ${hostPath(job.dir)}`;
  const r = await ctx.apply.exec(command, { stdin: JSON.stringify({ ...spec, stdin: spec.stdin ?? null }) });
  const started = parseObject(r.stdout.trim());
  if (r.rc !== 0 || !started) return { failed: true, changed: false, msg: `could not start the async job on ${ctx.host}`, rc: r.rc, stdout: r.stdout, stderr: r.stderr };
  return started as ModuleResult;
}

/**
 * Writes a job's record on the host: how a job run from the controller (a native module acting in many
 * round trips) keeps its file as the wrapper would, so async_status, from either tool, reads it the same.
 * Answers the file's path as the host expanded it.
 */
export async function writeJobFile(probe: Probe, job: AsyncJob, data: Record<string, unknown>): Promise<string> {
  const script = `umask 77 && mkdir -p ${hostPath(job.dir)} && ${jobFile(job.dir, job.jid)} && cat > "$f.tmp" && mv -f "$f.tmp" "$f" && printf '%s' "$f"`;
  const r = await probe.exec(script, { stdin: JSON.stringify(data) });
  if (r.rc !== 0) throw new Error(`could not write the async job file ${job.dir}/${job.jid}: ${r.stderr.trim()}`);
  return r.stdout;
}

/**
 * async_status on the host, as Ansible's module answers: the job's record (with `finished` set from what
 * it holds), a job still running (`finished: 0`), or "could not find job"; `cleanup` removes the file.
 * `path` is the job file as the host expanded it.
 */
export async function readJob(probe: Probe, dir: string, jid: string, mode: 'status' | 'cleanup'): Promise<{ path: string; data: Record<string, unknown> }> {
  const act = mode === 'cleanup' ? 'rm -f -- "$f"' : 'cat -- "$f"';
  const r = await probe.exec(`${jobFile(dir, jid)}; printf '%s\\0' "$f"; [ -e "$f" ] || exit 3; ${act}`);
  const cut = r.stdout.indexOf('\0');
  const path = r.stdout.slice(0, cut);
  const text = r.stdout.slice(cut + 1);
  if (r.rc === 3) return { path, data: { failed: true, msg: 'could not find job', ansible_job_id: jid, started: 1, finished: 1 } };
  if (r.rc !== 0) return { path, data: { failed: true, msg: `could not read the async job file ${path}: ${r.stderr.trim()}`, ansible_job_id: jid } };
  if (mode === 'cleanup') return { path, data: { ansible_job_id: jid, erased: path } };
  const data = parseObject(text);
  // An empty or half-written file is a job that is still starting.
  if (!data) return { path, data: text.trim() ? { failed: true, msg: `Could not parse job output: ${text}`, ansible_job_id: jid, started: 1, finished: 1 } : { ansible_job_id: jid, started: 1, finished: 0 } };
  if (!('started' in data)) Object.assign(data, { finished: 1, ansible_job_id: jid });
  else if (!('finished' in data)) data.finished = 0;
  return { path, data };
}

/** async_status' result: Ansible's action's defaults under what the host's record says. */
export function asyncStatus(jid: string, mode: 'status' | 'cleanup', path: string, data: Record<string, unknown>): Record<string, unknown> {
  const where = mode === 'status' ? { results_file: path, started: 1 } : { erased: path, started: 0 };
  const base: Record<string, unknown> = { finished: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], ansible_job_id: jid, ...where };
  const own = { ...data };
  for (const key of ['stdout', 'stderr'] as const) {
    if (typeof own[key] === 'string' && !(`${key}_lines` in own)) own[`${key}_lines`] = (own[key] as string).split(/\r\n|\r|\n/).filter((l, i, all) => i < all.length - 1 || l !== '');
  }
  return { ...base, ...own };
}

function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}
