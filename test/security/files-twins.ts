import { execFileSync } from 'child_process';
import { linkSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../engine/connection/local';
import { findModule } from '../../engine/module/registry';
import { runModule } from '../../engine/module/run';
import type { ModuleResult } from '../../engine/module/types';
import { FileSpec, snapshotTree, writeTree } from '../unit/modules/tree';

/**
 * Side-by-side runs for the file-module security cases: the same task in twin directories, one by
 * ansible-playbook 2.14 (when installed), one by tsible's module over the local connection.
 */
export const hasAnsible = (() => {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

export interface Twin {
  /** The directory, `@T` in the case's args and files. */
  dir: string;
  result: Record<string, unknown>;
  /** Every entry under dir afterwards, paths relative to it. */
  tree: Record<string, unknown>;
}

export interface TwinCase {
  module: string;
  args: Record<string, unknown>;
  files: Record<string, FileSpec>;
  /** Hard links to make after the files: new name → existing name, both relative to `@T`. */
  hardlinks?: Record<string, string>;
}

const sub = <T>(value: T, dir: string): T => JSON.parse(JSON.stringify(value).split('@T').join(dir)) as T;

async function prepare(c: TwinCase, side: string): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), `tsible-sec-${side}-`));
  mkdirSync(dir, { recursive: true });
  await writeTree(dir, sub(c.files, dir));
  for (const [name, existing] of Object.entries(c.hardlinks ?? {})) linkSync(join(dir, existing), join(dir, name));
  return dir;
}

const comparable = async (dir: string) =>
  JSON.parse(JSON.stringify(await snapshotTree(dir)).split(dir).join('@T').replace(/"mtime":[\d.]+,?/g, '').replace(/,}/g, '}')) as Record<string, unknown>;

export async function runTsible(c: TwinCase): Promise<Twin> {
  const dir = await prepare(c, 't');
  const mod = await findModule(c.module)!();
  const result = (await runModule(mod, sub(c.args, dir), { connection: new LocalConnection('localhost'), diff: true })) as ModuleResult;
  return { dir, result: JSON.parse(JSON.stringify(result).split(dir).join('@T')), tree: await comparable(dir) };
}

export async function runAnsible(c: TwinCase): Promise<Twin> {
  const dir = await prepare(c, 'a');
  const playbook = join(dir, '..', `${dir.split('/').pop()}.yml`);
  writeFileSync(playbook, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks: [{ [c.module]: sub(c.args, dir), ignore_errors: true }] }]));
  const out = execFileSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '--diff', '-e', 'ansible_python_interpreter=/usr/bin/python3', playbook], {
    env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_PIPELINING: '1' },
    encoding: 'utf8',
  });
  const report = JSON.parse(out) as { plays: { tasks: { hosts: { localhost: Record<string, unknown> } }[] }[] };
  const result = report.plays[0].tasks[0].hosts.localhost;
  return { dir, result: JSON.parse(JSON.stringify(result).split(dir).join('@T')), tree: await comparable(dir) };
}

/** The part of a result both tools must agree on. */
export function verdict(result: Record<string, unknown>): { changed: unknown; failed: boolean; msg: unknown } {
  return { changed: result.changed, failed: result.failed === true, msg: result.msg ?? null };
}
