import { execFile, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { loadConfig } from '../../engine/config/ansible-cfg';
import { parseAdhocArgs, parsePlaybookArgs, UsageError } from '../../engine/cli/options';
import { withConfig } from '../../engine/cli/run-settings';

const haveAnsible = spawnSync('ansible-playbook', ['--version']).status === 0;
const maybe = haveAnsible ? describe : describe.skip;
const run = promisify(execFile);

/** Ansible exposes what it made of its command line as magic variables; this prints them. */
const PLAYBOOK = `- hosts: all
  gather_facts: no
  connection: local
  tasks:
    - debug:
        msg: "{{ {'check': ansible_check_mode, 'diff': ansible_diff_mode, 'forks': ansible_forks,
          'inventory': ansible_inventory_sources, 'limit': ansible_limit | default(None),
          'tags': ansible_run_tags | sort, 'skip_tags': ansible_skip_tags | sort,
          'verbosity': ansible_verbosity} | to_json }}"
      run_once: true
      tags: [always]
`;

interface Case {
  args: string[];
  env: Record<string, string>;
}

async function ansible(dir: string, { args, env }: Case): Promise<unknown> {
  const { stdout } = await run('ansible-playbook', args, { cwd: dir, env: { ...process.env, HOME: dir, ...env } });
  const msg = /"msg": (".*")\n/.exec(stdout)?.[1];
  return msg === undefined ? stdout : JSON.parse(JSON.parse(msg));
}

function tsible(dir: string, { args, env }: Case): unknown {
  const parsed = parsePlaybookArgs(args, { cwd: dir, env: { HOME: dir, ...env } });
  if (parsed.kind !== 'run') throw new Error('expected a run');
  const o = parsed.options;
  const config = loadConfig({ cwd: dir, env: { HOME: dir, ...env }, home: dir, systemFile: '/nonexistent/ansible.cfg' });
  const settings = withConfig(o, config);
  return {
    check: o.check,
    diff: o.diff,
    forks: settings.forks,
    inventory: settings.inventory,
    limit: o.limit ?? null,
    tags: [...o.tags].sort(),
    skip_tags: [...o.skipTags].sort(),
    verbosity: settings.verbosity,
  };
}

async function usageOf(dir: string, tool: string, args: string[]): Promise<{ code: number; line: string }> {
  try {
    await run(tool, args, { cwd: dir });
    return { code: 0, line: '' };
  } catch (err) {
    const e = err as { code: number; stderr: string };
    return { code: e.code, line: new RegExp(`^${tool}: error: (.*)$`, 'm').exec(e.stderr)?.[1] ?? e.stderr };
  }
}

function ourUsage(parse: () => unknown): { code: number; line: string } {
  try {
    parse();
  } catch (err) {
    if (!(err instanceof UsageError)) throw err;
    return { code: err.exitCode, line: err.message };
  }
  return { code: 0, line: '' };
}

maybe('the ansible-playbook command line, read as Ansible reads it', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-opts-'));
    fs.writeFileSync(path.join(dir, 'p.yml'), PLAYBOOK);
    fs.writeFileSync(path.join(dir, 'ansible.cfg'), '[defaults]\nforks = 7\ninventory = hosts\n');
    fs.writeFileSync(path.join(dir, 'hosts'), 'localhost\n');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('flags, repeated flags and the config underneath them', async () => {
    const cases: Case[] = [
      {
        args: ['-i', 'localhost,', '-i', 'rel/hosts', '-t', 'x,y', '-t', ' y', '--skip-tags', 'z', '-f', '3',
          '-l', 'nothing', '-l', 'localhost', '-CD', '-vv', 'p.yml'],
        env: { ANSIBLE_VERBOSITY: '1' },
      },
      { args: ['p.yml'], env: {} },
      { args: ['p.yml', '-t', 'a,,b'], env: { ANSIBLE_FORKS: '9' } },
    ];
    const theirs = await Promise.all(cases.map((c) => ansible(dir, c)));
    cases.forEach((c, i) => expect({ args: c.args, ...(tsible(dir, c) as object) }).toEqual({ args: c.args, ...(theirs[i] as object) }));
  }, 60_000);

  test('bad usage of ansible-playbook and ansible: same exit code and the same complaint', async () => {
    const cases = [['--bogus', 'p.yml'], [], ['-f', 'x', 'p.yml'], ['p.yml', '-T'], ['--fo=3', 'p.yml']];
    const adhocCases = [['-m', 'ping'], ['web', 'db'], ['--b', 'all']];
    const theirs = await Promise.all([
      ...cases.map((args) => usageOf(dir, 'ansible-playbook', args)),
      ...adhocCases.map((args) => usageOf(dir, 'ansible', args)),
    ]);
    cases.forEach((args, i) => {
      expect({ args, ...ourUsage(() => parsePlaybookArgs(args, { cwd: dir })) }).toEqual({ args, ...theirs[i] });
    });
    adhocCases.forEach((args, i) => {
      expect({ args, ...ourUsage(() => parseAdhocArgs(args, { cwd: dir })) }).toEqual({ args, ...theirs[cases.length + i] });
    });
  }, 60_000);
});
