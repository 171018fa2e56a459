import { createModuleContext, ContextOptions } from '../module/context';
import { AsyncJob, asyncDir, asyncStatus, killAfter, newJobId, readJob, writeJobFile } from '../module/async-jobs';
import { runModule } from '../module/run';
import type { AnyModule, Probe } from '../module/types';
import { EventSink, TaskInfo, TaskResult } from '../output/events';

/** An async task on one host: its time limit and poll interval (seconds), and where it reports. */
export interface AsyncTask {
  limit: number;
  poll: number;
  task: TaskInfo;
  host: string;
  emit: EventSink;
}

/**
 * A refusal as Ansible's action raises it (AnsibleActionFail): a failure whose `exception` is the empty
 * traceback Ansible shows, "NoneType: None".
 */
export function refused(msg: string): TaskResult {
  return { failed: true, changed: false, msg, exception: 'NoneType: None\n' };
}

export const NOT_SUPPORTED = 'async is not supported for this task.';

/** Jobs a native module runs from the controller, still running: the run waits for them before it ends. */
const controllerJobs = new Set<Promise<void>>();

/**
 * The task as an async job, as Ansible runs it: refused where Ansible refuses it, started on the host
 * (or, for a native module acting in many round trips, from the controller with its record on the
 * host), then with `poll: 0` the started record at once, else checked every `poll` seconds until it
 * finishes or `async` seconds pass.
 */
export async function runAsyncModule(mod: AnyModule, args: Record<string, unknown>, opts: ContextOptions, a: AsyncTask): Promise<TaskResult> {
  if (mod.async === false) return refused(NOT_SUPPORTED);
  if (opts.check) return refused('check mode and async cannot be used on same task.');
  const job: AsyncJob = { jid: newJobId(), limit: a.limit, dir: asyncDir(opts.vars ?? {}) };
  const probe = createModuleContext(opts).ctx.probe;
  const started = mod.async === 'host' ? await startOnHost(mod, args, opts, job, probe) : await startOnController(mod, args, opts, job, probe);
  if (started.failed || a.poll <= 0) return started;
  return poll(probe, job, a);
}

/** The run's end: what controller-side jobs still do is written to their files before connections close. */
export async function finishControllerJobs(): Promise<void> {
  while (controllerJobs.size) await Promise.all([...controllerJobs]);
}

/** The module starts its job through the host's wrapper; a result it gives without one (creates/removes) is the job's result at once. */
async function startOnHost(mod: AnyModule, args: Record<string, unknown>, opts: ContextOptions, job: AsyncJob, probe: Probe): Promise<TaskResult> {
  const result = await runModule(mod, args, { ...opts, job });
  if (result.ansible_job_id !== job.jid) return startedRecord(job, await writeJobFile(probe, job, { ...result, ansible_job_id: job.jid }));
  // The started record, as Ansible's wrapper gives it: the module's arguments go with its result, later.
  const { invocation: _later, ...started } = result;
  return started as TaskResult;
}

/**
 * A native module acting through many round trips runs from the controller, its record kept on the host
 * as the wrapper keeps it. When the wrapper would kill a job the record says so, as the wrapper's does; the
 * module cannot be stopped mid-way, so what it does after is not reported.
 */
async function startOnController(mod: AnyModule, args: Record<string, unknown>, opts: ContextOptions, job: AsyncJob, probe: Probe): Promise<TaskResult> {
  const path = await writeJobFile(probe, job, { started: 1, finished: 0, ansible_job_id: job.jid });
  const record = async (): Promise<void> => {
    let timer: NodeJS.Timeout | undefined;
    const expired = new Promise<Record<string, unknown>>((resolve) => {
      timer = setTimeout(() => resolve({ msg: 'Timeout exceeded', failed: true }), killAfter(job.limit) * 1000);
    });
    const ran = runModule(mod, args, opts).then(
      (r) => r as Record<string, unknown>,
      (err: unknown) => ({ failed: true, msg: `MODULE FAILURE: ${(err as Error)?.message ?? String(err)}` }),
    );
    const outcome = await Promise.race([ran, expired]);
    clearTimeout(timer);
    await writeJobFile(probe, job, { ...outcome, ansible_job_id: job.jid }).catch(() => undefined);
  };
  const running = record().finally(() => controllerJobs.delete(running));
  controllerJobs.add(running);
  return startedRecord(job, path);
}

/** What the wrapper answers when it has started a job (`failed: 0`, as Ansible's shows it). */
function startedRecord(job: AsyncJob, path: string): TaskResult {
  const record: Record<string, unknown> = { failed: 0, started: 1, finished: 0, ansible_job_id: job.jid, results_file: path, changed: true };
  return record as TaskResult;
}

/**
 * Checks the job every `poll` seconds, as Ansible's executor does with async_status: done when finished (or
 * a readable failure), else, `async` seconds on, Ansible's timeout failure. A finished job's file is removed.
 */
async function poll(probe: Probe, job: AsyncJob, a: AsyncTask): Promise<TaskResult> {
  let status: Record<string, unknown> = {};
  for (let left = a.limit; left > 0; left -= a.poll) {
    await new Promise((r) => setTimeout(r, a.poll * 1000));
    const { path, data } = await readJob(probe, job.dir, job.jid, 'status');
    status = asyncStatus(job.jid, 'status', path, data);
    if (Number(status.finished) === 1 || 'failed' in status || 'skipped' in status) break;
    a.emit({ kind: 'async_poll', task: a.task, host: a.host, jid: job.jid, started: status.started, finished: status.finished });
  }
  if (Number(status.finished) !== 1) {
    a.emit({ kind: 'async_done', task: a.task, host: a.host, jid: job.jid, failed: true });
    return { failed: true, changed: false, msg: `async task did not complete within the requested time - ${a.limit}s`, async_result: status };
  }
  await readJob(probe, job.dir, job.jid, 'cleanup');
  a.emit({ kind: 'async_done', task: a.task, host: a.host, jid: job.jid, failed: Boolean(status.failed) });
  return status as TaskResult;
}
