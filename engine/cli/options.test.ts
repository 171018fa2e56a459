import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { AdhocOptions, parseAdhocArgs, parsePlaybookArgs, PlaybookOptions, UsageError } from './options';

const CWD = '/work/project';

function playbook(...args: string[]): PlaybookOptions {
  const parsed = parsePlaybookArgs(args, { cwd: CWD, env: { HOME: '/home/me', KEYS: '/keys' } });
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.options;
}

function adhoc(...args: string[]): AdhocOptions {
  const parsed = parseAdhocArgs(args, { cwd: CWD });
  if (parsed.kind !== 'run') throw new Error('expected a run');
  return parsed.options;
}

function usage(parse: () => unknown): UsageError {
  try {
    parse();
  } catch (err) {
    if (err instanceof UsageError) return err;
    throw err;
  }
  throw new Error('expected a UsageError');
}

describe('parsePlaybookArgs', () => {
  test('nothing but a playbook gives Ansible defaults for flags', () => {
    expect(playbook('site.yml')).toMatchObject({
      playbooks: ['site.yml'],
      verbose: 0,
      check: false,
      become: false,
      inventory: [],
      extraVars: [],
      tags: ['all'],
      skipTags: [],
      modulePath: [],
    });
  });

  test('-v counts however it is spelled', () => {
    expect(playbook('-vvv', 'p.yml', '-v', '--verbose').verbose).toBe(5);
  });

  test('short flags combine and take attached values; options may follow playbooks', () => {
    expect(playbook('-CDb', '-f3', 'a.yml', 'b.yml', '-T', '7', '--forks=4')).toMatchObject({
      check: true,
      diff: true,
      become: true,
      forks: 4,
      timeout: 7,
      playbooks: ['a.yml', 'b.yml'],
    });
  });

  test('repeatable flags keep every value in order; tags split on commas, trimmed, deduplicated', () => {
    const o = playbook('-i', 'a,b', '-i', 'inv/hosts', '-e', 'x=1', '-e', '@vars.yml', '-t', 'a, b', '-t', 'b', 'p.yml');
    expect(o.inventory).toEqual(['a,b', '/work/project/inv/hosts']);
    expect(o.extraVars).toEqual(['x=1', '@/work/project/vars.yml']);
    expect(o.tags).toEqual(['a', 'b']);
  });

  test('-M lists are split on ":" and the later -M comes first', () => {
    expect(playbook('-M', 'lib:/opt/m', '-M', 'more', 'p.yml').modulePath).toEqual([
      '/work/project/more',
      '/work/project/lib',
      '/opt/m',
    ]);
  });

  test('path options expand ~ and $VARS, as Ansible does', () => {
    expect(playbook('-e', '@~/vars.yml', '--private-key', '$KEYS/id', '-i', '~/hosts', 'p.yml')).toMatchObject({
      extraVars: ['@/home/me/vars.yml'],
      privateKey: '/keys/id',
      inventory: ['/home/me/hosts'],
    });
  });

  test("Ansible's alternative spellings are accepted", () => {
    expect(playbook('--key-file', 'k', '--ask-vault-pass', '--vault-pass-file=v', 'p.yml')).toMatchObject({
      privateKey: '/work/project/k',
      askVaultPassword: true,
      vaultPasswordFile: ['/work/project/v'],
    });
  });

  test('-h asks for help instead of a run; --version needs no playbook', () => {
    const help = parsePlaybookArgs(['-h']);
    expect(help.kind).toBe('help');
    expect(help.kind === 'help' && help.text).toContain('--start-at-task');
    const project = mkdtempSync(join(tmpdir(), 'tsible-version-'));
    writeFileSync(join(project, 'ansible.cfg'), '[defaults]\n');
    const version = parsePlaybookArgs(['--version'], { cwd: project, env: {} });
    expect(version.kind === 'help' && version.text.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^tsible-playbook \d+\.\d+\.\d+ \[ansible-core 2\.14 compatible\]$/),
      `  config file = ${join(project, 'ansible.cfg')}`,
    ]);
    const adhoc = parseAdhocArgs(['--version'], { cwd: project, env: {} });
    expect(adhoc.kind === 'help' && adhoc.text).toMatch(/^tsible \d/);
  });

  test.each([
    [['--bogus', 'p.yml'], 'unrecognized arguments: --bogus'],
    [['--forks=3', '--bogus=1', 'p.yml'], 'unrecognized arguments: --bogus=1'],
    [[], 'the following arguments are required: playbook'],
    [['-f', 'x', 'p.yml'], "argument -f/--forks: invalid int value: 'x'"],
    [['p.yml', '-T'], 'argument -T/--timeout: expected one argument'],
    [['-C', '--become-method'], 'argument --become-method: expected one argument'],
  ])('%j is a usage error in argparse words, exit 2', (args, message) => {
    const err = usage(() => parsePlaybookArgs(args));
    expect(err.message).toBe(message);
    expect(err.exitCode).toBe(2);
    expect(err.usage).toBe('usage: tsible-playbook [options] playbook [playbook ...]');
  });
});

describe('parseAdhocArgs', () => {
  test('pattern, module and args, with the shared connection and become flags', () => {
    expect(adhoc('web', '-m', 'ping', '-b', '--become-user', 'app', '-u', 'deploy', '-o')).toMatchObject({
      pattern: 'web',
      moduleName: 'ping',
      become: true,
      becomeUser: 'app',
      user: 'deploy',
      oneLine: true,
    });
  });

  test('the module is command unless -m says otherwise; -a is kept as written', () => {
    expect(adhoc('all', '-a', 'uptime -p')).toMatchObject({ moduleName: 'command', moduleArgs: 'uptime -p', poll: 15 });
  });

  test('a missing or second pattern is a usage error', () => {
    expect(usage(() => parseAdhocArgs(['-m', 'ping'])).message).toBe('the following arguments are required: pattern');
    expect(usage(() => parseAdhocArgs(['a', 'b'])).message).toBe('unrecognized arguments: b');
  });
});

describe('long options as argparse takes them', () => {
  test('an unambiguous prefix stands for the whole option, with or without =value', () => {
    expect(playbook('--syntax', '--fork=3', '--list-ho', 'p.yml')).toMatchObject({ syntaxCheck: true, forks: 3, listHosts: true });
  });

  test('an ambiguous prefix is a usage error naming the candidates', () => {
    expect(usage(() => parsePlaybookArgs(['--list', 'p.yml'])).message).toBe(
      'ambiguous option: --list could match --list-hosts, --list-tasks, --list-tags',
    );
  });

  test('option values and everything after -- are left as written', () => {
    expect(playbook('-e', '--fo', '--ssh-extra-args', '--syn', '--', '--syntax')).toMatchObject({
      extraVars: ['--fo'],
      sshExtraArgs: '--syn',
      playbooks: ['--syntax'],
      syntaxCheck: false,
    });
  });
});
