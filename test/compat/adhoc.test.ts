import { spawnSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { hasAnsible, ROOT } from './harness';

const TSIBLE = join(ROOT, 'dist', 'engine', 'cli', 'tsible.js');
const env = { ...process.env, ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' };

// The ad-hoc command's output for modules whose results are stable, checked line for line against `ansible`.
const CASES: string[][] = [
  ['localhost', '-m', 'ping'],
  ['localhost', '-m', 'ping', '-o'],
  ['localhost', '-m', 'command', '-a', 'echo hi'],
  ['localhost', '-m', 'command', '-a', 'false'],
  ['localhost', '-m', 'shell', '-a', 'echo a; echo b >&2; exit 3'],
  ['localhost', '-a', 'echo default module'],
  ['localhost', '-m', 'debug', '-a', 'msg=x'],
  ['localhost', '-m', 'set_fact', '-a', 'x=1'],
  ['localhost', '-m', 'debug', '-a', '{"msg": {"a": [1, "x"]}}'],
  ['localhost', '--list-hosts'],
  ['nothere', '--list-hosts'],
  ['-i', 'a,b,c', 'all', '--limit', 'a, ,,c', '--list-hosts'],
];

describe('tsible (ad-hoc) prints what ansible prints', () => {
  if (!existsSync(TSIBLE)) throw new Error(`build tsible first (npm run build): ${TSIBLE} is missing`);
  const dir = mkdtempSync(join(tmpdir(), 'adhoc-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  (hasAnsible() ? it.each(CASES) : it.skip.each(CASES))('%j', (...args: string[]) => {
    const theirs = spawnSync('ansible', args, { cwd: dir, env, encoding: 'utf8' });
    const ours = spawnSync('node', [TSIBLE, ...args], { cwd: dir, env, encoding: 'utf8' });
    expect({ code: ours.status, stdout: ours.stdout }).toEqual({ code: theirs.status, stdout: theirs.stdout });
  });
});

// -B/-P: an async job, waited for or not; its id and times differ from run to run, the rest must not.
const ASYNC_CASES: string[][] = [
  ['localhost', '-m', 'command', '-a', 'echo hi', '-B', '30', '-P', '1'],
  ['localhost', '-m', 'command', '-a', 'true', '--background', '30', '-P', '0'],
];

describe('tsible (ad-hoc) runs -B jobs as ansible does', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adhoc-async-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const stable = (out: string) => out.replace(/j\d+\.\d+/g, 'JID').replace(/"(start|end|delta)": "[^"]*"/g, '"$1": "…"');
  (hasAnsible() ? it.each(ASYNC_CASES) : it.skip.each(ASYNC_CASES))('%j', (...args: string[]) => {
    const theirs = spawnSync('ansible', args, { cwd: dir, env, encoding: 'utf8' });
    const ours = spawnSync('node', [TSIBLE, ...args], { cwd: dir, env, encoding: 'utf8' });
    expect({ code: ours.status, stdout: stable(ours.stdout) }).toEqual({ code: theirs.status, stdout: stable(theirs.stdout) });
  });
});

// Settings that change how the ad-hoc command prints (bin_ansible_callbacks) or reads `-i` host lists (enable_plugins).
const SETTING_CASES: Array<[Record<string, string>, string[]]> = [
  [{ ANSIBLE_LOAD_CALLBACK_PLUGINS: 'True', ANSIBLE_STDOUT_CALLBACK: 'oneline' }, ['localhost', '-m', 'ping']],
  [{ ANSIBLE_STDOUT_CALLBACK: 'oneline' }, ['localhost', '-m', 'ping']],
  [{ ANSIBLE_INVENTORY_ENABLED: 'advanced_host_list' }, ['-i', 'h[1:3],x:22,h[08:10:2]', 'all', '--list-hosts']],
  [{ ANSIBLE_INVENTORY_ENABLED: 'advanced_host_list' }, ['-i', 'h[1:],', 'all', '--list-hosts']],
  [{ ANSIBLE_INVENTORY_ENABLED: 'host_list,advanced_host_list' }, ['-i', 'h[1:3],x', 'all', '--list-hosts']],
  [{ ANSIBLE_INVENTORY_ENABLED: 'advanced_host_list' }, ['-i', 'h[1:j],', 'all', '--list-hosts']],
  [{ ANSIBLE_INVENTORY_ENABLED: 'advanced_host_list,host_list' }, ['-i', 'h[1:j],', 'all', '--list-hosts']],
  [{ ANSIBLE_INVENTORY_ENABLED: 'ini' }, ['-i', 'h1,', 'all', '--list-hosts']],
];

describe('tsible (ad-hoc) follows the settings ansible follows', () => {
  const dir = mkdtempSync(join(tmpdir(), 'adhoc-settings-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  (hasAnsible() ? it.each(SETTING_CASES) : it.skip.each(SETTING_CASES))('%j %j', (settings, args) => {
    const theirs = spawnSync('ansible', args, { cwd: dir, env: { ...env, ...settings }, encoding: 'utf8' });
    const ours = spawnSync('node', [TSIBLE, ...args], { cwd: dir, env: { ...env, ...settings }, encoding: 'utf8' });
    expect({ code: ours.status, stdout: ours.stdout }).toEqual({ code: theirs.status, stdout: theirs.stdout });
  });
});
