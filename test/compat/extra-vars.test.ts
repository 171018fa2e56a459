import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { parseExtraVars } from '../../engine/cli/extra-vars';
import { isTsibleError } from '../../engine/errors';

const haveAnsible = spawnSync('ansible-playbook', ['--version']).status === 0;
const maybe = haveAnsible ? describe : describe.skip;
const run = promisify(execFile);

const NAMES = ['a', 'b', 'c', 'd', 'e', 'h', 'j', 'k', 'l', 'm', 'n', 'p', 'tab', 'esc', 'eq', '_raw_params'];

/** Writes the -e variables Ansible ends up with (only those in NAMES) to a JSON file. */
const PLAYBOOK = `- hosts: localhost
  gather_facts: no
  connection: local
  vars:
    names: ${JSON.stringify(NAMES)}
  tasks:
    - copy:
        dest: "{{ out }}"
        content: "{% set r = {} %}{% for n in names %}{% if n in vars %}{% set _ = r.update({n: vars[n]}) %}{% endif %}{% endfor %}{{ r | to_json }}"
`;

interface Outcome {
  code: number;
  vars?: unknown;
  error?: string;
}

async function ansible(dir: string, extra: string[]): Promise<Outcome> {
  const out = path.join(dir, `out-${Math.random().toString(36).slice(2)}.json`);
  const args = ['-i', 'localhost,', 'p.yml', '-e', `out=${out}`, ...extra.flatMap((e) => ['-e', e])];
  try {
    await run('ansible-playbook', args, { cwd: dir, env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    return { code: 0, vars: JSON.parse(fs.readFileSync(out, 'utf8')) };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, error: /ERROR! (.*)/.exec(e.stderr)?.[1] };
  }
}

function tsible(dir: string, extra: string[]): Outcome {
  try {
    const { vars } = parseExtraVars(extra, dir);
    return { code: 0, vars: Object.fromEntries(NAMES.filter((n) => n in vars).map((n) => [n, vars[n]])) };
  } catch (err) {
    if (!isTsibleError(err)) throw err;
    return { code: err.exitCode, error: err.message.split('\n')[0] };
  }
}

maybe('-e as ansible-playbook reads it', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-ev-'));
    fs.writeFileSync(path.join(dir, 'p.yml'), PLAYBOOK);
    fs.writeFileSync(path.join(dir, 'vars.yml'), 'j: {y: 2}\nl: yes\nm: 0644\nn: [1, two]\n');
    fs.writeFileSync(path.join(dir, 'empty.yml'), '');
    fs.writeFileSync(path.join(dir, 'bad.yml'), 'a: [\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  const cases: Array<[string, string[]]> = [
    [
      'key=value quoting, escapes, @file, inline JSON, later -e winning, shallow merge',
      [
        `a=1 b='x y' c="q\\"z" d=a=b e=\\n h="it's" free word tab=1\tx esc=\\x41\\u00e9 eq=x\\=y`,
        '{"j": {"x": 1}, "k": [1, "two"], "p": 1e3}',
        '@vars.yml',
        'a=override',
        '',
      ],
    ],
    ['a missing @file', ['@missing.yml']],
    ['a file path without @', ['./vars.yml']],
    ['inline YAML that is not a mapping', ['[1]']],
    ['an empty @file', ['@empty.yml']],
    // Same exit code; the YAML error's wording is the YAML loader's own.
    ['an @file with a YAML error', ['@bad.yml']],
    ['unbalanced quotes', ["a='x"]],
  ];

  test('every case gives the same variables, or the same error and exit code', async () => {
    const theirs = await Promise.all(cases.map(([, extra]) => ansible(dir, extra)));
    cases.forEach(([name, extra], i) => {
      const expected = theirs[i];
      const ours = tsible(dir, extra);
      expect({ name, code: ours.code, vars: ours.vars }).toEqual({ name, code: expected.code, vars: expected.vars });
      if (expected.error && !name.includes('YAML error')) expect({ name, error: ours.error }).toEqual({ name, error: expected.error });
    });
  }, 60_000);
});
