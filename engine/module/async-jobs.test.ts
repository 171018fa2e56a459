import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../connection/local';
import command from '../../modules/command';
import { ASYNC_WRAPPER } from './async-wrapper';
import { asyncDir, asyncStatus, killAfter, newJobId, readJob, writeJobFile } from './async-jobs';
import { createModuleContext } from './context';
import { runModule } from './run';

const PYTHON = '/usr/bin/python3';
let dir: string;
const connection = new LocalConnection('localhost');
const probe = createModuleContext({ connection }).ctx.probe;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-async-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The job's record once it says finished (the job is waited for, however long it takes). */
async function finished(jid: string, jobs = join(dir, 'jobs')): Promise<Record<string, unknown>> {
  for (;;) {
    const { data } = await readJob(probe, jobs, jid, 'status');
    if (data.finished === 1) return data;
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('job ids, limits and the async dir', () => {
  it('names jobs as Ansible does', () => expect(newJobId()).toMatch(/^j\d{11,12}\.\d+$/));
  it('kills a job at the wrapper\'s second 5-second look past the limit', () => {
    expect([1, 5, 6, 10].map(killAfter)).toEqual([10, 10, 15, 15]);
  });
  it('takes ansible_async_dir, then ANSIBLE_ASYNC_DIR, then ~/.ansible_async', () => {
    const saved = process.env.ANSIBLE_ASYNC_DIR;
    try {
      delete process.env.ANSIBLE_ASYNC_DIR;
      expect(asyncDir({})).toBe('~/.ansible_async');
      process.env.ANSIBLE_ASYNC_DIR = '/env/dir';
      expect(asyncDir({})).toBe('/env/dir');
      expect(asyncDir({ ansible_async_dir: '/var/dir' })).toBe('/var/dir');
    } finally {
      if (saved === undefined) delete process.env.ANSIBLE_ASYNC_DIR;
      else process.env.ANSIBLE_ASYNC_DIR = saved;
    }
  });
});

describe('a command as a job on the host', () => {
  const vars = { ansible_python_interpreter: PYTHON };

  it('returns the started record while the job runs on, then records the command\'s result', async () => {
    const go = join(dir, 'go');
    const job = { jid: newJobId(), limit: 60, dir: join(dir, 'jobs') };
    // The job cannot end before the test lets it: the started record cannot have waited for it.
    const started = await runModule(command, { argv: ['sh', '-c', `while [ ! -e '${go}' ]; do sleep 0.05; done; echo done; echo oops >&2`] }, { connection, vars, job });
    expect(started).toMatchObject({ failed: 0, started: 1, finished: 0, ansible_job_id: job.jid, results_file: join(dir, 'jobs', job.jid), changed: true });
    expect((await readJob(probe, job.dir, job.jid, 'status')).data).toEqual({ started: 1, finished: 0, ansible_job_id: job.jid });
    writeFileSync(go, '');
    const done = await finished(job.jid);
    expect(done).toMatchObject({ rc: 0, stdout: 'done', stderr: 'oops', changed: true, msg: '', finished: 1, ansible_job_id: job.jid, cmd: ['sh', '-c', expect.any(String)] });
    expect(done.delta).toMatch(/^\d+:\d\d:\d\d/);
  });

  it('records a failing command as the command module fails', async () => {
    const job = { jid: newJobId(), limit: 60, dir: join(dir, 'jobs') };
    await runModule(command, { cmd: 'false' }, { connection, vars, job });
    expect(await finished(job.jid)).toMatchObject({ rc: 1, failed: true, msg: 'non-zero return code' });
  });

  it('keeps host output as data: nothing in it runs', async () => {
    const job = { jid: newJobId(), limit: 60, dir: join(dir, 'jobs') };
    await runModule(command, { argv: ['echo', `$(touch ${join(dir, 'pwned')}) '"; {{ x }}`] }, { connection, vars, job });
    expect((await finished(job.jid)).stdout).toBe(`$(touch ${join(dir, 'pwned')}) '"; {{ x }}`);
    expect(existsSync(join(dir, 'pwned'))).toBe(false);
  });
});

describe('the wrapper with a module', () => {
  const run = (jid: string, killAt: number, command: string) =>
    execFileSync(PYTHON, ['-c', ASYNC_WRAPPER, jid, String(killAt), join(dir, 'jobs')], { input: JSON.stringify({ command, stdin: null, shape: 'module' }), encoding: 'utf8' });

  it('reads the JSON among junk, and warns of what follows it', async () => {
    const jid = newJobId();
    run(jid, 60, `echo before; echo '{"changed": false, "ping": "pong"}'; echo after`);
    expect(await finished(jid)).toMatchObject({ changed: false, ping: 'pong', warnings: ['Module invocation had junk after the JSON data: after'] });
  });

  it('records a module that crashed with its stderr', async () => {
    const jid = newJobId();
    run(jid, 60, 'echo Traceback boom >&2; exit 1');
    expect(await finished(jid)).toMatchObject({ failed: 1, stderr: 'Traceback boom\n' });
  });

  it('kills a job past its time and says so in its record', async () => {
    const jid = newJobId();
    run(jid, 0, 'sleep 60');
    expect(await finished(jid)).toMatchObject({ msg: 'Timeout exceeded', failed: true, finished: 1 });
  });
});

describe('async_status on the host', () => {
  it('says a job it cannot find is not found', async () => {
    expect((await readJob(probe, join(dir, 'jobs'), 'j1.2', 'status')).data).toEqual({ failed: true, msg: 'could not find job', ansible_job_id: 'j1.2', started: 1, finished: 1 });
  });

  it('reads a record written for a job run from the controller, then erases it', async () => {
    const job = { jid: 'j1.2', limit: 5, dir: join(dir, 'jobs') };
    const path = await writeJobFile(probe, job, { changed: true, stdout: 'a\nb\n', ansible_job_id: 'j1.2' });
    expect(path).toBe(join(dir, 'jobs', 'j1.2'));
    const { data } = await readJob(probe, job.dir, job.jid, 'status');
    expect(asyncStatus('j1.2', 'status', path, data)).toEqual({
      changed: true, stdout: 'a\nb\n', stdout_lines: ['a', 'b'], stderr: '', stderr_lines: [], finished: 1, started: 1, ansible_job_id: 'j1.2', results_file: path,
    });
    const erased = await readJob(probe, job.dir, job.jid, 'cleanup');
    expect(erased.data).toEqual({ ansible_job_id: 'j1.2', erased: path });
    expect(existsSync(path)).toBe(false);
  });

  it('takes a job id as one word, never as a path or shell text', async () => {
    const { data } = await readJob(probe, join(dir, 'jobs'), '$(touch x); ../../etc', 'status');
    expect(data.msg).toBe('could not find job');
    expect(existsSync('x')).toBe(false);
  });

  it('reports a record it cannot parse', async () => {
    execFileSync('mkdir', ['-p', join(dir, 'jobs')]);
    writeFileSync(join(dir, 'jobs', 'j3.4'), '{not json');
    expect((await readJob(probe, join(dir, 'jobs'), 'j3.4', 'status')).data).toMatchObject({ failed: true, msg: 'Could not parse job output: {not json' });
    expect(readFileSync(join(dir, 'jobs', 'j3.4'), 'utf8')).toBe('{not json');
  });
});
