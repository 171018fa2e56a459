import { TsibleError } from '../errors';
import { CliIo, exitCodeForRun, reportError } from './exit';
import { parsePlaybookArgs } from './options';

function capture(verbosity = 0): CliIo & { text: () => string } {
  const lines: string[] = [];
  return { out: (t) => lines.push(t), err: (t) => lines.push(t), verbosity, text: () => lines.join('\n') };
}

function thrownBy(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error('expected a throw');
}

describe('reportError', () => {
  test('a user error is shown without a stack and exits with its own code', () => {
    const io = capture();
    const code = reportError(new TsibleError('the playbook: p.yml could not be found', { exitCode: 1 }), io);
    expect(code).toBe(1);
    expect(io.text()).toBe('ERROR! the playbook: p.yml could not be found');
  });

  test('bad usage prints the usage line, "prog: error: …", then the help, and exits 2', () => {
    const io = capture();
    const code = reportError(thrownBy(() => parsePlaybookArgs(['--bogus', 'p.yml'])), io);
    expect(code).toBe(2);
    const lines = io.text().split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'usage: tsible-playbook [options] playbook [playbook ...]',
      'tsible-playbook: error: unrecognized arguments: --bogus',
    ]);
    expect(io.text()).toContain('--start-at-task');
  });

  test('an unexpected exception is one line plus a pointer to -vvv, exit 250', () => {
    const io = capture(2);
    expect(reportError(new TypeError("Cannot read properties of undefined (reading 'x')"), io)).toBe(250);
    expect(io.text()).toBe(
      "ERROR! Unexpected Exception, this is probably a bug: Cannot read properties of undefined (reading 'x')\n" +
        'to see the full traceback, use -vvv',
    );
  });

  test('at -vvv the stack is shown', () => {
    const io = capture(3);
    reportError(new Error('boom'), io);
    expect(io.text()).toMatch(/the full traceback was:\n\nError: boom\n {4}at /);
  });
});

describe('exitCodeForRun', () => {
  test.each([
    [{ failedHosts: 0, unreachableHosts: 0 }, 0],
    [{ failedHosts: 1, unreachableHosts: 0 }, 2],
    [{ failedHosts: 0, unreachableHosts: 1 }, 4],
    [{ failedHosts: 3, unreachableHosts: 1 }, 4],
  ])('%j → %i, as ansible-playbook 2.14', (outcome, code) => {
    expect(exitCodeForRun(outcome)).toBe(code);
  });
});
