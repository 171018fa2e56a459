import { readFileSync } from 'fs';
import { join } from 'path';
import { DefaultOutput } from './default';
import { RunEvent, TaskInfo, TaskResult, ResultDisplay } from './events';

function capture(verbosity = 0, diff = false) {
  const out: string[] = [];
  const err: string[] = [];
  const output = new DefaultOutput({ out: (s) => out.push(s), err: (s) => err.push(s) }, { verbosity, colour: false, diff });
  return { output, out: () => out.join(''), err: () => err.join('') };
}

let n = 0;
const task = (name: string, action: string, loop = false): TaskInfo => ({ id: `t${n++}`, name, action, kind: 'task', loop, check: false });
const r = (kind: 'runner_ok' | 'runner_changed' | 'runner_failed' | 'runner_skipped', t: TaskInfo, result: TaskResult, display: ResultDisplay = {}): RunEvent => ({ kind, task: t, host: 'localhost', result, display });

describe('DefaultOutput', () => {
  it('prints a run exactly as ansible-playbook 2.14 printed the same playbook', () => {
    // test/fixtures/output/ansible-default-p.txt is real ansible-playbook output for p.yml beside it.
    const expected = readFileSync(join(__dirname, '../../test/fixtures/output/ansible-default-p.txt'), 'utf8');
    const failedCmd = { changed: true, cmd: ['/bin/false'], delta: '0:00:00.004094', end: '2026-11-25 18:39:33.923588', msg: 'non-zero return code', rc: 1, start: '2026-11-25 18:39:33.919494', stderr: '', stderr_lines: [], stdout: '', stdout_lines: [], failed: true };
    const { output, out } = capture();
    const t1 = task('ok task', 'debug');
    const t2 = task('command', 'command');
    const t3 = task('loop', 'command', true);
    const t4 = task('skip', 'debug');
    const t5 = task('fail ignored', 'command');
    const t6 = task('loop skip', 'debug', true);
    const t7 = task('fail', 'fail');
    const events: RunEvent[] = [
      { kind: 'play_start', name: 'all', check: false, strategy: 'linear' },
      { kind: 'task_start', task: t1 },
      r('runner_ok', t1, { msg: 'hello', changed: false }, { verboseAlways: true }),
      { kind: 'task_start', task: t2 },
      r('runner_changed', t2, { changed: true, rc: 0 }),
      { kind: 'task_start', task: t3 },
      r('runner_changed', t3, { changed: true, item: 'a' }, { itemLabel: 'a' }),
      r('runner_changed', t3, { changed: true, item: 'b' }, { itemLabel: 'b' }),
      r('runner_changed', t3, { changed: true, results: [] }),
      { kind: 'task_start', task: t4 },
      r('runner_skipped', t4, { changed: false, skipped: true, skip_reason: 'Conditional result was False' }),
      { kind: 'task_start', task: t5 },
      r('runner_failed', t5, failedCmd, { ignored: true }),
      { kind: 'task_start', task: t6 },
      r('runner_ok', t6, { msg: 1, changed: false }, { verboseAlways: true, itemLabel: '1' }),
      r('runner_skipped', t6, { changed: false, skipped: true }, { itemLabel: '2' }),
      r('runner_ok', t6, { changed: false, results: [] }),
      { kind: 'task_start', task: t7 },
      r('runner_failed', t7, { changed: false, msg: 'boom', failed: true }),
      { kind: 'stats', check: false, hosts: { localhost: { ok: 5, changed: 3, unreachable: 0, failures: 1, skipped: 1, rescued: 0, ignored: 1 } } },
    ];
    events.forEach((e) => output.handle(e));
    expect(out()).toBe(expected);
  });

  it('under the free strategy, shows a banner with results: once for the hosts of one written task, again when another comes between', () => {
    const { output, out } = capture();
    // Each host runs its own copy of a task under the free strategy: the copies share path and name, not id.
    const copy = (name: string, path: string): TaskInfo => ({ ...task(name, 'debug'), path });
    const [a1, a2, b2, a3] = [copy('a', 'p.yml:3'), copy('a', 'p.yml:3'), copy('b', 'p.yml:5'), copy('a', 'p.yml:3')];
    const events: RunEvent[] = [
      { kind: 'play_start', name: 'all', check: false, strategy: 'free' },
      { kind: 'task_start', task: a1 },
      { kind: 'task_start', task: a2 },
      r('runner_ok', a1, { changed: false }),
      r('runner_ok', a2, { changed: false }),
      { kind: 'task_start', task: b2 },
      r('runner_ok', b2, { changed: false }),
      { kind: 'task_start', task: a3 },
      r('runner_ok', a3, { changed: false }),
    ];
    events.forEach((e) => output.handle(e));
    expect(out().match(/^TASK \[\w\]/gm)).toEqual(['TASK [a]', 'TASK [b]', 'TASK [a]']);
  });

  it('shows a diff before the changed line with --diff, and the result with -v', () => {
    const { output, out } = capture(1, true);
    const t = task('write', 'copy');
    output.handle({ kind: 'task_start', task: t });
    output.handle(r('runner_changed', t, { changed: true, dest: '/tmp/f', diff: { before: '', after: 'a\n', after_header: '/tmp/f' } }));
    expect(out()).toBe(`\nTASK [write] ${'*'.repeat(67)}\n--- before\n+++ after: /tmp/f\n@@ -0,0 +1 @@\n+a\n\n\nchanged: [localhost] => {"changed": true, "dest": "/tmp/f"}\n`);
  });

  it('labels delegated hosts and failed items as Ansible does', () => {
    const { output, out } = capture();
    const t = task('x', 'command', true);
    output.handle({ kind: 'task_start', task: t });
    output.handle({ kind: 'runner_failed', task: t, host: 'web1', result: { failed: true, msg: 'no' }, display: { itemLabel: 'b', delegatedTo: 'db1' } });
    expect(out()).toContain('failed: [web1 -> db1] (item=b) => {"msg": "no"}\n');
  });

  it("names a failed result's Python traceback by its last line, or shows it whole from -vvv", () => {
    const exception = 'Traceback (most recent call last):\n  File "<template>", in root\nZeroDivisionError: division by zero\n';
    const short = capture();
    const t = task('x', 'debug');
    short.output.handle({ kind: 'task_start', task: t });
    short.output.handle(r('runner_failed', t, { failed: true, changed: false, exception }));
    expect(short.out()).toContain(
      'An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ZeroDivisionError: division by zero\nfatal: [localhost]: FAILED! => {}\n',
    );
    const full = capture(3);
    full.output.handle({ kind: 'task_start', task: t });
    full.output.handle(r('runner_failed', t, { failed: true, changed: false, exception }));
    expect(full.out()).toContain(`The full traceback is:\n${exception}`);
  });

  it('on a terminal, keeps a live count of hosts done that the next output replaces', () => {
    const out: string[] = [];
    const output = new DefaultOutput({ out: (s) => out.push(s), err: () => undefined }, { verbosity: 0, colour: false, diff: false, progress: true });
    const t = task('slow', 'command');
    output.handle({ kind: 'task_start', task: t });
    output.handle({ kind: 'task_progress', task: t, done: 1, total: 3 });
    output.handle({ kind: 'task_progress', task: t, done: 2, total: 3 });
    output.handle(r('runner_ok', t, { changed: false }));
    expect(out.slice(1)).toEqual(['\r\x1b[K  slow: 1/3 hosts done', '\r\x1b[K  slow: 2/3 hosts done', '\r\x1b[K', 'ok: [localhost]\n']);
  });

  it('wraps warnings to the display width on stderr', () => {
    const { output, err } = capture();
    output.handle({ kind: 'warning', message: 'Could not match supplied host pattern, ignoring: nosuch' });
    expect(err()).toBe('[WARNING]: Could not match supplied host pattern, ignoring: nosuch\n');
  });

  it('says a warning text once per run, as Ansible does, however many hosts raise it', () => {
    const { output, err } = capture();
    const t = task('t', 'command');
    output.handle(r('runner_ok', t, { changed: false, warnings: ['same on every host'] }));
    output.handle({ kind: 'runner_ok', task: t, host: 'other', result: { changed: false, warnings: ['same on every host'] }, display: {} });
    output.handle({ kind: 'warning', message: 'same on every host' });
    output.handle({ kind: 'warning', message: 'another' });
    expect(err()).toBe('[WARNING]: same on every host\n[WARNING]: another\n');
  });

  it('prints set_stats statistics after the recap only with show_custom_stats, as ansible-playbook 2.14 does', () => {
    const custom = { testhost: { ph: 2, nope: 'é' }, _run: { d: { a: 1, b: 2 }, my_int: 50 } };
    const stats: RunEvent = { kind: 'stats', check: false, hosts: {}, custom };
    const out: string[] = [];
    const shown = new DefaultOutput({ out: (s) => out.push(s), err: () => undefined }, { verbosity: 0, colour: false, diff: false, showCustomStats: true });
    shown.handle(stats);
    expect(out.join('')).toBe(
      `\nPLAY RECAP ${'*'.repeat(69)}\n\n\nCUSTOM STATS: ${'*'.repeat(66)}\n\ttesthost: { "nope": "é", "ph": 2}\n\n\tRUN: { "d": {  "a": 1,  "b": 2 }, "my_int": 50}\n\n`,
    );
    const { output, out: quiet } = capture();
    output.handle(stats);
    expect(quiet()).not.toContain('CUSTOM STATS');
  });
});
