import { execFileSync, spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import { writeJobFile, readJob } from '../../../engine/module/async-jobs';
import { createModuleContext } from '../../../engine/module/context';
import asyncStatus from '../../../modules/async_status';
import command from '../../../modules/command';

const connection = new LocalConnection('localhost');
const probe = createModuleContext({ connection }).ctx.probe;
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-async-status-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const status = (jid: string, mode?: string) => runModule(asyncStatus, { jid, ...(mode ? { mode } : {}) }, { connection, vars: { ansible_async_dir: dir } });

/** async_status until the job says it finished, as a playbook's `until: job is finished` does. */
async function untilFinished(jid: string): Promise<Record<string, unknown>> {
  for (;;) {
    const r = await status(jid);
    if (r.finished === 1) return r;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('async_status', () => {
  it('reads a finished job with the action\'s defaults under the module\'s result', async () => {
    const path = await writeJobFile(probe, { jid: 'j12.3', limit: 10, dir }, { changed: true, rc: 0, stdout: 'hi', ansible_job_id: 'j12.3' });
    expect(await status('j12.3')).toMatchObject({ ansible_job_id: 'j12.3', started: 1, finished: 1, changed: true, rc: 0, stdout: 'hi', stdout_lines: ['hi'], stderr: '', stderr_lines: [], results_file: path });
  });

  it('says a job still running has not finished', async () => {
    await writeJobFile(probe, { jid: 'j12.4', limit: 10, dir }, { started: 1, finished: 0, ansible_job_id: 'j12.4' });
    expect(await status('j12.4')).toMatchObject({ started: 1, finished: 0, changed: false });
  });

  it('erases a job in cleanup mode, then cannot find it', async () => {
    const path = await writeJobFile(probe, { jid: 'j12.5', limit: 10, dir }, { changed: true, ansible_job_id: 'j12.5' });
    expect(await status('j12.5', 'cleanup')).toMatchObject({ ansible_job_id: 'j12.5', erased: path, started: 0, finished: 0, changed: false });
    expect(existsSync(path)).toBe(false);
    expect(await status('j12.5')).toMatchObject({ failed: true, msg: 'could not find job', started: 1, finished: 1 });
  });

  it('refuses a mode it does not know', async () => {
    await expect(status('j1.1', 'kill')).rejects.toThrow(/mode/);
  });
});

// Job files are Ansible's: a job one tool started, the other reads.
const ansible = spawnSync('ansible', ['--version'], { stdio: 'ignore' }).status === 0;
(ansible ? describe : describe.skip)('with Ansible\'s own jobs', () => {
  const adhoc = (args: string[]) => execFileSync('ansible', ['localhost', '-c', 'local', '-o', ...args], { env: { ...process.env, ANSIBLE_ASYNC_DIR: dir }, encoding: 'utf8' });

  it('reads a job ansible started', async () => {
    const started = /"ansible_job_id": "(j[\d.]+)"/.exec(adhoc(['-m', 'command', '-a', 'echo from-ansible', '-B', '30', '-P', '0']));
    const done = await untilFinished(started![1]);
    expect(done).toMatchObject({ rc: 0, stdout: 'from-ansible', cmd: ['echo', 'from-ansible'], changed: true });
  });

  it('writes a job ansible\'s async_status reads', async () => {
    const job = { jid: 'j77.1', limit: 30, dir };
    await runModule(command, { argv: ['echo', 'from-tsible'] }, { connection, vars: { ansible_python_interpreter: '/usr/bin/python3' }, job });
    await untilFinished(job.jid);
    const theirs = adhoc(['-m', 'async_status', '-a', `jid=${job.jid}`]);
    expect(theirs).toMatch(/"stdout": "from-tsible"/);
    expect(theirs).toMatch(/"finished": 1/);
    expect((await readJob(probe, dir, job.jid, 'status')).data).toMatchObject({ stdout: 'from-tsible', rc: 0 });
  });
});
