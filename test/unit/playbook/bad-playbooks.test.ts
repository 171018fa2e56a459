import { readdirSync, readFileSync } from 'fs';
import { join, relative } from 'path';
import { loadPlaybook, PlaybookError } from '../../../engine/playbook/load';
import { FIXTURES, hasAnsible, KNOWN_MODULES, pool, runAnsible } from './helpers';

/**
 * Each playbook in fixtures/playbooks/bad starts with
 * `# expect: mode=syntax|run exit=N [ansible=N] at=[file:]line:col msg=text`:
 * tsible must refuse it when loading, with exit code N at that place; real Ansible must give the
 * same exit code (or `ansible=N` where tsible is deliberately stricter), found by `--syntax-check`
 * or, for problems Ansible only meets while running (mode=run), by running it.
 */

const DIR = join(FIXTURES, 'bad');

interface Expectation {
  file: string;
  mode: 'syntax' | 'run';
  exit: number;
  ansibleExit: number;
  at: string;
  msg: string;
}

function expectation(file: string): Expectation {
  const header = readFileSync(join(DIR, file), 'utf8').split('\n')[0];
  const m = /^# expect: mode=(syntax|run) exit=(\d+)(?: ansible=(\d+))? at=(\S+) msg=(.*)$/.exec(header);
  if (!m) throw new Error(`${file}: bad expectation header: ${header}`);
  const exit = Number(m[2]);
  return { file, mode: m[1] as 'syntax' | 'run', exit, ansibleExit: m[3] ? Number(m[3]) : exit, at: m[4], msg: m[5] };
}

const cases = readdirSync(DIR)
  .filter((f) => f.endsWith('.yml'))
  .sort()
  .map(expectation);

describe('bad playbooks are refused before anything runs', () => {
  test('there are enough cases', () => {
    expect(cases.length).toBeGreaterThanOrEqual(25);
  });

  test.each(cases)('$file', (c) => {
    let error: unknown;
    try {
      loadPlaybook(join(DIR, c.file), { isKnownModule: (n) => KNOWN_MODULES.has(n), moduleNames: () => KNOWN_MODULES });
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(PlaybookError);
    const e = error as PlaybookError;
    expect(e.message).toContain(c.msg);
    expect(e.exitCode).toBe(c.exit);
    const origin = e.origin!;
    const file = relative(DIR, origin.file);
    expect(file === c.file ? `${origin.line}:${origin.column}` : `${file}:${origin.line}:${origin.column}`).toBe(c.at);
  });
});

(hasAnsible() ? describe : describe.skip)('real ansible-playbook gives the same exit codes', () => {
  test('every bad fixture', async () => {
    const results = await pool(cases, 3, async (c) => {
      const args = ['-i', '../inventory.ini', ...(c.mode === 'syntax' ? ['--syntax-check'] : []), c.file];
      const run = await runAnsible(args, DIR);
      return { file: c.file, code: run.code };
    });
    expect(results).toEqual(cases.map((c) => ({ file: c.file, code: c.ansibleExit })));
    // One ansible-playbook start per fixture: on a loaded 2-core machine each can take many seconds.
  }, 60_000 * cases.length);
});
