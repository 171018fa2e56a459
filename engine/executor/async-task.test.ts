import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../connection/local';
import type { ContextOptions } from '../module/context';
import { readJob } from '../module/async-jobs';
import { createModuleContext } from '../module/context';
import type { AnyModule } from '../module/types';
import type { RunEvent, TaskInfo } from '../output/events';
import command from '../../modules/command';
import copy from '../../modules/copy';
import file from '../../modules/file';
import { finishControllerJobs, runAsyncModule } from './async-task';

const task: TaskInfo = { id: '1', name: 'job', action: 'command', kind: 'task', loop: false, check: false };
const connection = new LocalConnection('localhost');
let dir: string;
let events: RunEvent[];
let opts: ContextOptions;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-async-task-'));
  events = [];
  opts = { connection, vars: { ansible_python_interpreter: '/usr/bin/python3', ansible_async_dir: join(dir, 'jobs') } };
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const run = (mod: AnyModule, args: Record<string, unknown>, limit: number, poll: number, extra: Partial<ContextOptions> = {}) =>
  runAsyncModule(mod, args, { ...opts, ...extra }, { limit, poll, task, host: 'localhost', emit: (e) => events.push(e) });

describe('refused as Ansible refuses it', () => {
  it('on an action without async support', async () => {
    expect(await run(copy, { content: 'x', dest: join(dir, 'f') }, 10, 1)).toEqual({ failed: true, changed: false, msg: 'async is not supported for this task.', exception: 'NoneType: None\n' });
    expect(existsSync(join(dir, 'f'))).toBe(false);
  });
  it('in check mode', async () => {
    expect(await run(command, { cmd: 'true' }, 10, 1, { check: true })).toEqual({ failed: true, changed: false, msg: 'check mode and async cannot be used on same task.', exception: 'NoneType: None\n' });
  });
});

describe('poll > 0', () => {
  it('waits for the job, returns its result and removes its record', async () => {
    const r = await run(command, { argv: ['echo', 'hi'] }, 60, 1);
    expect(r).toMatchObject({ rc: 0, stdout: 'hi', stdout_lines: ['hi'], finished: 1, started: 1, changed: true, results_file: join(dir, 'jobs', String(r.ansible_job_id)) });
    expect(existsSync(join(dir, 'jobs', String(r.ansible_job_id)))).toBe(false);
    expect(events.map((e) => e.kind)).toEqual(['async_done']);
  });

  it('fails with Ansible\'s message when the job runs past its limit', async () => {
    const go = join(dir, 'go');
    // The job cannot end before the controller has given up on it.
    const r = await run(command, { argv: ['sh', '-c', `while [ ! -e '${go}' ]; do sleep 0.05; done`] }, 2, 1);
    writeFileSync(go, '');
    // Ansible's wrapper kills the job 5-10 s in: on a machine too busy for two 1 s polls in that time, the
    // kill is what the controller sees first, and Ansible then reports the wrapper's message instead.
    expect(r).toMatchObject({ failed: true, changed: false });
    expect(['async task did not complete within the requested time - 2s', 'Timeout exceeded']).toContain(r.msg);
    if (r.msg !== 'Timeout exceeded') {
      expect(r).toMatchObject({ async_result: { started: 1, finished: 0 } });
      expect(events.map((e) => e.kind)).toEqual(['async_poll', 'async_poll', 'async_done']);
    }
    expect(events[events.length - 1]).toMatchObject({ kind: 'async_done', failed: true });
  });
});

describe('poll: 0', () => {
  it('a native module acting from the controller keeps its record on the host, complete by the run\'s end', async () => {
    const path = join(dir, 'touched');
    const r = await run(file, { path, state: 'touch' }, 60, 0);
    expect(r).toMatchObject({ failed: 0, started: 1, finished: 0, changed: true });
    await finishControllerJobs();
    expect(existsSync(path)).toBe(true);
    const record = JSON.parse(readFileSync(String(r.results_file), 'utf8'));
    expect(record).toMatchObject({ changed: true, dest: path, state: 'file', ansible_job_id: r.ansible_job_id });
  });

  it('a command that need not run (creates) is a job already finished', async () => {
    const r = await run(command, { cmd: 'touch never', creates: dir }, 60, 0);
    const { data } = await readJob(createModuleContext(opts).ctx.probe, join(dir, 'jobs'), String(r.ansible_job_id), 'status');
    expect(data).toMatchObject({ finished: 1, changed: false, msg: `Did not run command since '${dir}' exists` });
  });
});
