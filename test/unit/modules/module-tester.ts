import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import type { Connection } from '../../../engine/connection/connection';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import type { AnyModule, ControllerSide, ModuleResult } from '../../../engine/module/types';
import { snapshotTree, writeTree, FileSpec, FileState } from './tree';

/** One data case: files before, arguments, what the result and the files should be after. `@T` is the temp dir. */
export interface ModuleCase {
  name: string;
  args: Record<string, unknown> | string;
  files?: Record<string, FileSpec>;
  diff?: boolean;
  vars?: Record<string, unknown>;
  /** Controller-side services (template rendering, conditionals) the executor would provide. */
  controller?: Partial<ControllerSide>;
  expect: {
    changed?: boolean;
    failed?: boolean;
    msg?: string | RegExp;
    /** Keys that must appear in the result (objects match partially, as toMatchObject; `@T` substituted). */
    result?: Record<string, unknown>;
    /** Files after the run: content string, a spec, or null for "must not exist". */
    files?: Record<string, string | Partial<FileState> | null>;
  };
  /** In check mode the module cannot predict `changed` (e.g. command without creates). */
  checkChanged?: boolean;
}

function substitute<T>(value: T, dir: string): T {
  if (typeof value === 'string') return value.split('@T').join(dir) as T;
  if (Array.isArray(value)) return value.map((v) => substitute(v, dir)) as T;
  const isMatcher = value && typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function';
  if (value && typeof value === 'object' && !(value instanceof RegExp) && !isMatcher) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [substitute(k, dir), substitute(v, dir)])) as T;
  }
  return value;
}

async function prepare(c: ModuleCase): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-mt-'));
  await writeTree(dir, substitute(c.files ?? {}, dir));
  return dir;
}

/** How the tester reaches "the host"; any connection works whose host shares this filesystem (ssh to localhost). */
export interface TesterOptions {
  connection?: () => Connection;
}

function execute(mod: AnyModule, c: ModuleCase, dir: string, check: boolean, opts: TesterOptions): Promise<ModuleResult> {
  return runModule(mod, substitute(c.args, dir), {
    connection: opts.connection?.() ?? new LocalConnection('localhost'),
    check,
    diff: c.diff ?? false,
    vars: c.vars,
    controller: { findFile: async (p) => (p.startsWith('/') ? p : join(dir, p)), ...c.controller },
  });
}

async function assertFiles(dir: string, files: Record<string, string | Partial<FileState> | null>): Promise<void> {
  const tree = await snapshotTree(dir);
  for (const [path, want] of Object.entries(substitute(files, dir))) {
    const got = tree[path];
    if (want === null) expect([path, got]).toEqual([path, undefined]);
    else if (typeof want === 'string') expect([path, got?.content]).toEqual([path, want]);
    else expect([path, got]).toEqual([path, expect.objectContaining(want)]);
  }
}

function assertResult(c: ModuleCase, result: ModuleResult, dir: string): void {
  const e = c.expect;
  if (e.failed !== undefined) expect({ failed: result.failed ?? false, msg: result.msg }).toEqual(expect.objectContaining({ failed: e.failed }));
  else expect({ failed: result.failed, msg: result.msg }).toEqual({ failed: undefined, msg: result.msg });
  if (e.changed !== undefined) expect(result.changed).toBe(e.changed);
  if (e.msg instanceof RegExp) expect(result.msg).toMatch(e.msg);
  else if (e.msg !== undefined) expect(result.msg).toBe(substitute(e.msg, dir));
  if (e.result) expect(result).toMatchObject(substitute(e.result, dir));
}

/**
 * Declares jest tests for a module, in the spirit of ESLint's RuleTester: each case runs against the
 * local connection in a fresh temp dir, then again in check mode, which must leave the disk untouched
 * and (unless the case says the module cannot know) predict the same `changed`.
 */
export function testModule(mod: AnyModule, cases: ModuleCase[], opts: TesterOptions = {}): void {
  describe(`module ${mod.name}`, () => {
    for (const c of cases) {
      it(c.name, async () => {
        const dir = await prepare(c);
        let result: ModuleResult;
        try {
          result = await execute(mod, c, dir, false, opts);
          assertResult(c, result, dir);
          await assertFiles(dir, c.expect.files ?? {});
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
        if (mod.supports.checkMode === 'none') return;
        const checked = await runInCheckMode(mod, c, opts);
        if (c.checkChanged !== false && !result.failed) expect({ check_mode_changed: checked.changed }).toEqual({ check_mode_changed: result.changed });
      });
    }
  });
}

/** Runs the case in check mode and asserts that nothing under the temp dir changed. */
async function runInCheckMode(mod: AnyModule, c: ModuleCase, opts: TesterOptions): Promise<ModuleResult> {
  const dir = await prepare(c);
  try {
    const before = await snapshotTree(dir);
    const result = await execute(mod, c, dir, true, opts);
    expect(await snapshotTree(dir)).toEqual(before);
    return result;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
