import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Option } from 'commander';
import { loadConfig } from '../config/ansible-cfg';
import { isTsibleError } from '../errors';
import { ADHOC_FLAGS, Flag, PLAYBOOK_FLAGS } from './option-flags';
import { parseAdhocArgs, parsePlaybookArgs, UsageError } from './options';
import { readPasswordFile } from './password-file';
import { commonRequest } from './run-plays';
import { withConfig } from './run-settings';
import { UNSUPPORTED_FLAGS } from './unsupported-flags';

const ROOT = join(__dirname, '..', '..');
const HERE = 'engine/cli/flag-support.test.ts';

/**
 * Every flag tsible-playbook and tsible accept, with the test showing it does what Ansible's does. A flag
 * must be here or in UNSUPPORTED_FLAGS (refused when given): none is accepted and ignored.
 */
const IMPLEMENTED: Record<string, string> = {
  '--args': 'test/compat/adhoc.test.ts',
  '--ask-vault-password': 'test/compat/vault.test.ts',
  '--ask-become-pass': HERE,
  '--background': 'test/compat/adhoc.test.ts',
  '--ask-pass': HERE,
  '--become': HERE,
  '--become-method': HERE,
  '--become-password-file': HERE,
  '--become-user': HERE,
  '--check': 'test/compat/cases/check-mode-files/case.json',
  '--connection': HERE,
  '--connection-password-file': HERE,
  '--diff': 'test/compat/cases/diff-mode/case.json',
  '--extra-vars': 'test/compat/extra-vars.test.ts',
  // tsible keeps facts for one run only: there is never a cache to clear, so the flag has nothing to do, as Ansible's with its memory cache.
  '--flush-cache': HERE,
  '--force-handlers': 'test/compat/cases/force-handlers/case.json',
  '--forks': 'test/compat/playbook-options.test.ts',
  '--inventory': 'test/compat/playbook-options.test.ts',
  '--limit': 'test/compat/limit.test.ts',
  '--list-hosts': 'test/unit/playbook/listing.test.ts',
  '--list-tags': 'test/unit/playbook/listing.test.ts',
  '--list-tasks': 'test/unit/playbook/listing.test.ts',
  '--module-name': 'test/compat/adhoc.test.ts',
  '--module-path': 'engine/cli/options.test.ts',
  '--one-line': 'test/compat/adhoc.test.ts',
  '--playbook-dir': HERE,
  // Without -B there is nothing to poll: Ansible ignores -P alone too.
  '--poll': HERE,
  '--private-key': HERE,
  '--skip-tags': 'test/compat/cases/skip-tags/case.json',
  '--ssh-common-args': HERE,
  '--ssh-extra-args': HERE,
  '--start-at-task': 'test/compat/cases/start-at-task/case.json',
  '--step': 'test/e2e/step.test.ts',
  '--syntax-check': 'test/unit/playbook/good-playbooks.test.ts',
  '--tags': 'test/compat/cases/tags-select/case.json',
  '--task-timeout': HERE,
  '--timeout': HERE,
  '--user': HERE,
  '--vault-id': 'test/compat/vault.test.ts',
  '--vault-password-file': 'test/compat/vault.test.ts',
  '--verbose': 'engine/cli/options.test.ts',
  '--version': 'engine/cli/options.test.ts',
};

/** Taken, and waiting for their issue. */
const PENDING: Record<string, string> = {};

const longOf = (flag: Flag) => new Option(flag.flags).long ?? flag.flags;
const allFlags = [...PLAYBOOK_FLAGS, ...ADHOC_FLAGS];

describe('no flag is accepted and ignored', () => {
  test.each([...new Set(allFlags.map(longOf))])('%s is implemented with a test, or refused', (long) => {
    const implemented = IMPLEMENTED[long];
    expect([implemented !== undefined, long in UNSUPPORTED_FLAGS, long in PENDING].filter(Boolean)).toEqual([true]);
    if (implemented === undefined) return;
    expect(existsSync(join(ROOT, implemented))).toBe(true);
    expect(readFileSync(join(ROOT, implemented), 'utf8')).toMatch(spellings(long));
  });

  test('every refused flag is one tsible has', () => {
    expect(Object.keys(UNSUPPORTED_FLAGS).filter((f) => !allFlags.some((flag) => longOf(flag) === f))).toEqual([]);
  });

  test.each(Object.keys(UNSUPPORTED_FLAGS))('%s stops the run before it starts, saying it is not supported', (long) => {
    const isAdhoc = !PLAYBOOK_FLAGS.some((f) => longOf(f) === long);
    const parse = () => (isAdhoc ? parseAdhocArgs(['all', long, 'x']) : parsePlaybookArgs([long, 'x', 'p.yml']));
    expect(parse).toThrow(`${long} is not supported by tsible`);
    try {
      parse();
    } catch (err) {
      expect(isTsibleError(err) && err.exitCode).toBe(5);
    }
  });

  test('-B 0 is no background run, as in Ansible', () => {
    expect(parseAdhocArgs(['all', '-B', '0', '-P', '5']).kind).toBe('run');
  });
});

/** How a flag may appear in a test: long or short spelling, quoted or in a command line. */
function spellings(long: string): RegExp {
  const flag = allFlags.find((f) => longOf(f) === long) as Flag;
  // A counted short flag may be repeated (-vvv).
  const names = flag.flags.split(/[ ,]+/).filter((p) => p.startsWith('-')).map((n) => (flag.kind === 'count' && !n.startsWith('--') ? `${n}+` : n));
  return new RegExp(`(['"\\s])(${names.join('|')})(['"\\s=])`);
}

describe('flags reach the run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-flags-'));
  const io = { cwd: dir, env: { HOME: dir }, stdout: () => undefined, stderr: () => undefined };
  const config = loadConfig({ cwd: dir, env: { HOME: dir }, home: dir, systemFile: '/nonexistent/ansible.cfg' });

  async function request(...args: string[]) {
    const parsed = parsePlaybookArgs([...args, 'p.yml'], { cwd: dir, env: { HOME: dir } });
    if (parsed.kind !== 'run') throw new Error('expected a run');
    return commonRequest(parsed.options, withConfig(parsed.options, config), io, undefined);
  }

  test('connection flags: -u, -c, -T, --private-key, --ssh-common-args, --ssh-extra-args', async () => {
    const { connection } = await request('-u', 'deploy', '-c', 'local', '-T', '7', '--private-key', 'k', '--ssh-common-args', '-o A=1', '--ssh-extra-args', '-R 1');
    expect(connection).toMatchObject({ remoteUser: 'deploy', connection: 'local', timeoutSec: 7, privateKeyFile: join(dir, 'k'), sshCommonArgs: '-o A=1', sshExtraArgs: '-R 1' });
  });

  test('become flags: -b, --become-method, --become-user', async () => {
    const { options } = await request('-b', '--become-method', 'su', '--become-user', 'app');
    expect(options.become).toMatchObject({ enabled: true, method: 'su', user: 'app' });
  });

  test('--connection-password-file and --become-password-file give the passwords, as -k and -K would', async () => {
    writeFileSync(join(dir, 'conn'), '  s3cret \n');
    writeFileSync(join(dir, 'become'), 'b3come\r\n');
    const { options, connection } = await request('--connection-password-file', 'conn', '--become-password-file', 'become');
    expect(connection.password).toBe('s3cret');
    expect(options.become.password).toBe('b3come');
  });

  test('a password file that is a script gives what the script prints; a missing or empty one is an error', () => {
    const script = join(dir, 'pass.sh');
    writeFileSync(script, '#!/bin/sh\necho from-script\n');
    chmodSync(script, 0o755);
    expect(readPasswordFile(script)).toBe('from-script');
    expect(() => readPasswordFile(join(dir, 'none'))).toThrow(`The password file ${join(dir, 'none')} was not found`);
    writeFileSync(join(dir, 'empty'), '\n');
    expect(() => readPasswordFile(join(dir, 'empty'))).toThrow('Empty password was provided from file');
  });

  test.each([
    [['-k', '--connection-password-file', 'f'], 'argument --connection-password-file/--conn-pass-file: not allowed with argument -k/--ask-pass'],
    [['-K', '--become-password-file', 'f'], 'argument --become-password-file/--become-pass-file: not allowed with argument -K/--ask-become-pass'],
  ])('%j: asking and reading the password exclude each other, as in argparse', (args, message) => {
    expect(() => parsePlaybookArgs([...args, 'p.yml'])).toThrow(UsageError);
    expect(() => parsePlaybookArgs([...args, 'p.yml'])).toThrow(message);
  });

  test('-k and -K ask for the passwords (settings read by the prompts)', () => {
    const parsed = parsePlaybookArgs(['-k', '-K', 'p.yml']);
    if (parsed.kind !== 'run') throw new Error('expected a run');
    expect(withConfig(parsed.options, config)).toMatchObject({ askPass: true, askBecomePass: true });
  });

  test('--flush-cache is taken (there is no fact cache to flush)', () => {
    expect(parsePlaybookArgs(['--flush-cache', 'p.yml']).kind).toBe('run');
  });

  test('ad-hoc --playbook-dir, --task-timeout and -P are read', () => {
    const parsed = parseAdhocArgs(['all', '--playbook-dir', 'pb', '--task-timeout', '3', '-P', '2'], { cwd: dir });
    expect(parsed.kind === 'run' && parsed.options).toMatchObject({ playbookDir: 'pb', taskTimeout: 3, poll: 2 });
  });
});
