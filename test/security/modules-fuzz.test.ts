import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../engine/connection/local';
import { findModule } from '../../engine/module/registry';
import { runModule } from '../../engine/module/run';
import type { ModuleResult } from '../../engine/module/types';
import { FileSpec, snapshotTree, writeTree } from '../unit/modules/tree';

/**
 * Every module that builds a command for the host, given names a shell would act on: quotes, $(), backticks,
 * newlines, a leading dash, unicode, spaces and globs. Each name carries a payload that would create a
 * marker file in $HOME if any shell ran it; the marker must never appear, and each result must be right.
 * System modules run in check mode: they probe this machine but change nothing on it.
 */
const RAN = '.tsible-fuzz-ran';
const MARKER = join(homedir(), RAN);

const NAMES: [string, string][] = [
  ['single quotes', `q'$(cd;touch ${RAN})'`],
  ['double quotes', `d"$(cd;touch ${RAN})"`],
  ['backticks', `b\`cd;touch ${RAN}\``],
  ['newlines', `n\ncd;touch ${RAN}\n`],
  ['a leading dash', `-dash;cd;touch ${RAN}`],
  ['unicode, spaces and shell operators', `uni é日本 sp|&<>;x`],
  ['glob characters', `g*?[x]`],
];

interface FuzzCase {
  module: string;
  args: (name: string) => Record<string, unknown>;
  files?: (name: string) => Record<string, FileSpec>;
  check?: boolean;
  /** What the result must hold (beyond running nothing); `@T` is the case's directory. */
  expect: (result: ModuleResult, name: string, dir: string) => void;
}

const FAKE_PIP = '#!/bin/sh\ncase "$1" in list|freeze) echo "x==1";; install) echo "Successfully installed six";; esac\n';

const CASES: [string, FuzzCase][] = [
  ['stat path', { module: 'stat', args: (n) => ({ path: `@T/${n}` }), files: (n) => ({ [n]: 'abc' }), expect: (r, n, d) => expect(r.stat).toMatchObject({ exists: true, path: `${d}/${n}`, size: 3 }) }],
  ['find paths', { module: 'find', args: (n) => ({ paths: [`@T/${n}`], patterns: '*' }), files: (n) => ({ [`${n}/f`]: '' }), expect: (r, n, d) => expect((r.files as { path: string }[]).map((f) => f.path)).toEqual([`${d}/${n}/f`]) }],
  ['command argv', { module: 'command', args: (n) => ({ argv: ['touch', `@T/${n}`] }), expect: (r) => expect(r.rc).toBe(0) }],
  ['command creates', { module: 'command', args: (n) => ({ cmd: 'touch @T/ran', creates: `@T/${n}` }), files: (n) => ({ [n]: '' }), expect: (r) => expect(r.changed).toBe(false) }],
  ['command removes', { module: 'command', args: (n) => ({ cmd: 'touch @T/ran', removes: `@T/${n}` }), expect: (r) => expect(r.changed).toBe(false) }],
  ['shell chdir', { module: 'shell', args: (n) => ({ cmd: 'pwd', chdir: `@T/${n}` }), files: (n) => ({ [`${n}/f`]: '' }), expect: (r, n, d) => expect(r.stdout).toBe(`${d}/${n}`.replace(/\n+$/, '')) }],
  ['script chdir and creates', { module: 'script', args: (n) => ({ cmd: '@T/s.sh', chdir: `@T/${n}`, creates: `@T/${n}/absent` }), files: (n) => ({ 's.sh': { content: '#!/bin/sh\npwd\n', mode: 0o755 }, [`${n}/f`]: '' }), expect: (r, n, d) => expect(r.stdout).toBe(`${d}/${n}\n`) }],
  ['tempfile path, prefix and suffix', { module: 'tempfile', args: (n) => ({ path: `@T/${n}`, prefix: n, suffix: n, state: 'directory' }), files: (n) => ({ [`${n}/f`]: '' }), expect: (r, n, d) => {
    const path = r.path as string;
    expect([path.startsWith(`${d}/${n}/${n}`), path.endsWith(n), existsSync(path)]).toEqual([true, true, true]);
  } }],
  ['wait_for path', { module: 'wait_for', args: (n) => ({ path: `@T/${n}`, timeout: 5 }), files: (n) => ({ [n]: '' }), expect: (r) => expect(r.failed).toBeUndefined() }],
  ['wait_for host', { module: 'wait_for', args: (n) => ({ host: n, port: 1, state: 'stopped', timeout: 5 }), expect: (r) => expect(r.failed).toBeUndefined() }],
  ['pip executable', { module: 'pip', args: (n) => ({ name: 'six', executable: `@T/${n}/pip` }), files: (n) => ({ [`${n}/pip`]: { content: FAKE_PIP, mode: 0o755 } }), expect: (r, n, d) => expect(r.cmd).toEqual([`${d}/${n}/pip`, 'install', 'six']) }],
  ['setup fact_path', { module: 'setup', args: (n) => ({ gather_subset: ['!all'], filter: ['ansible_local'], fact_path: `@T/${n}`, gather_timeout: 120 }), files: (n) => ({ [`${n}/a.fact`]: '{"k": 1}' }), expect: (r) => expect(r.ansible_facts).toMatchObject({ ansible_local: { a: { k: 1 } } }) }],
  ['user name, home and comment', { module: 'user', check: true, args: (n) => ({ name: n, home: `@T/${n}`, comment: n, groups: [n] }), expect: (r) => expect(r.changed === true || r.failed === true).toBe(true) }],
  ['group name', { module: 'group', check: true, args: (n) => ({ name: n }), expect: (r) => expect(r.changed === true || r.failed === true).toBe(true) }],
  ['systemd unit name', { module: 'systemd', check: true, args: (n) => ({ name: n, state: 'started' }), expect: (r) => expect(r.changed).toBe(false) }],
  ['service name and pattern', { module: 'service', check: true, args: (n) => ({ name: n, state: 'started', use: 'sysvinit', pattern: n }), expect: (r) => expect(r.failed).toBe(true) }],
  // Unknown names fail; a glob may match packages apt knows, and check mode then predicts their install.
  ['apt package name', { module: 'apt', check: true, args: (n) => ({ name: n }), expect: (r) => expect(r.failed === true || r.changed === true).toBe(true) }],
];

const sub = <T>(value: T, dir: string): T => JSON.parse(JSON.stringify(value).split('@T').join(dir)) as T;

const hasGit = (() => {
  try {
    execFileSync('git', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

describe('modules given hostile names run nothing and act on the name', () => {
  jest.setTimeout(120_000);
  const root = mkdtempSync(join(tmpdir(), 'tsible-fuzz-'));
  afterAll(() => rmSync(root, { recursive: true, force: true }));
  beforeEach(() => rmSync(MARKER, { force: true }));
  afterEach(() => {
    const ran = existsSync(MARKER);
    rmSync(MARKER, { force: true });
    expect(ran).toBe(false);
  });

  const table = CASES.flatMap(([what, c]) => NAMES.map(([kind, name]) => [what, kind, c, name] as const));
  it.each(table)('%s: %s', async (_what, _kind, c, name) => {
    const dir = mkdtempSync(join(root, 'c-'));
    await writeTree(dir, sub(c.files?.(name) ?? {}, dir));
    const mod = await findModule(c.module)!();
    const result = await runModule(mod, sub(c.args(name), dir), { connection: new LocalConnection('localhost'), check: c.check ?? false });
    c.expect(result, name, dir);
    expect(Object.keys(await snapshotTree(dir)).filter((k) => k === RAN || k.endsWith(`/${RAN}`))).toEqual([]);
  });

  (hasGit ? it.each(NAMES) : it.skip.each(NAMES))('git remote, version and dest: %s', async (_kind, name) => {
    const dir = mkdtempSync(join(root, 'g-'));
    const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.invalid', GIT_CONFIG_GLOBAL: '/dev/null' };
    const src = join(dir, `src ${name}`);
    execFileSync('git', ['init', '-q', '-b', 'main', src], { env });
    execFileSync('git', ['commit', '-q', '--allow-empty', '-m', 'one'], { cwd: src, env });
    const sha = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: src, env }).toString().trim();
    const run = () => runModule(git, { repo: src, dest: join(dir, name), version: sha }, { connection: new LocalConnection('localhost') });
    const git = await findModule('git')!();
    expect(await run()).toMatchObject({ changed: true, after: sha });
    expect(await run()).toMatchObject({ changed: false, after: sha });
  });
});
