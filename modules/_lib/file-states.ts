import { dirname } from 'path';
import type { FileStat } from '../../engine/connection/connection';
import { changed, failed, ok } from '../../engine/module/define';
import { shellQuote } from '../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../engine/module/types';
import { AttrArgs, applyCommands, planAttrs, statAfter, statKeys } from './file-attrs';
import type { IgnoredFileArgs } from './schema-parts';

export interface FileArgs extends AttrArgs, IgnoredFileArgs {
  access_time?: string;
  modification_time?: string;
  access_time_format?: string;
  modification_time_format?: string;
  path: string;
  state?: 'file' | 'directory' | 'touch' | 'link' | 'hard' | 'absent';
  src?: string;
  recurse: boolean;
  force: boolean;
  follow: boolean;
}

/** Ansible's name for what is at a path, as shown in the file module's diff. */
export function stateOf(st: FileStat): string {
  if (!st.exists) return 'absent';
  return st.type === 'directory' ? 'directory' : st.type === 'link' ? 'link' : st.type === 'file' ? 'file' : 'other';
}

/** What a path will look like once created, for planning attributes in check mode. */
function predicted(state: string): FileStat {
  const dir = state === 'directory';
  return { exists: true, type: dir ? 'directory' : 'file', mode: dir ? 0o755 : 0o644 };
}

/** Finishes a state change: runs `pre`, applies attributes, then reports with Ansible's keys and diff. */
export async function finish(ctx: ModuleContext, args: FileArgs, st: FileStat, pre: string[], state: string, key = 'path'): Promise<ModuleResult> {
  await applyCommands(ctx, pre);
  const basis = st.exists && !pre.length ? st : ctx.check ? predicted(state) : await ctx.probe.stat(args.path);
  const plan = planAttrs(args.path, basis, args, args.recurse && state === 'directory');
  await applyCommands(ctx, plan.commands);
  const didChange = pre.length > 0 || plan.commands.length > 0;
  const after = await statAfter(ctx, args.path, st, didChange);
  const diff = {
    before: { path: args.path, ...(pre.length ? { state: stateOf(st) } : {}), ...plan.before },
    after: { path: args.path, ...(pre.length ? { state } : {}), ...plan.after },
  };
  // A hard link is a regular file to stat; Ansible still reports the state that was asked for.
  const result = { [key]: args.path, ...(after.exists ? statKeys(after) : {}), ...(state === 'hard' || !after.exists ? { state } : {}), diff };
  return didChange ? changed(result) : ok(result);
}

export async function ensureAbsent(ctx: ModuleContext, args: FileArgs, st: FileStat): Promise<ModuleResult> {
  if (!st.exists) return ok({ path: args.path, state: 'absent' });
  const before: Record<string, unknown> = { path: args.path, state: stateOf(st) };
  if (st.type === 'directory') before.path_content = await directoryContent(ctx, args.path);
  await applyCommands(ctx, [`rm -rf ${shellQuote(args.path)}`]);
  return changed({ path: args.path, state: 'absent', diff: { before, after: { path: args.path, state: 'absent' } } });
}

/** What removing a directory takes with it, as Ansible's diff lists it. */
async function directoryContent(ctx: ModuleContext, path: string): Promise<{ directories: string[]; files: string[] }> {
  const r = await ctx.probe.exec(`find ${shellQuote(path)} -mindepth 1 \\( -type d -printf 'd %p\\n' \\) -o -printf 'f %p\\n'`);
  const lines = r.stdout.split('\n').filter(Boolean);
  const pick = (kind: string) => lines.filter((l) => l.startsWith(`${kind} `)).map((l) => l.slice(2)).sort();
  return { directories: pick('d'), files: pick('f') };
}

export async function ensureDirectory(ctx: ModuleContext, args: FileArgs, st: FileStat): Promise<ModuleResult> {
  if (st.exists && st.type !== 'directory') return failed(`${args.path} already exists as a ${stateOf(st)}`, { path: args.path });
  return finish(ctx, args, st, st.exists ? [] : [mkdirCommand(args)], 'directory');
}

/**
 * Creates a directory and its missing parents. Like Ansible, parents it creates get the task's mode
 * too; the directory itself gets it from `finish`, so the diff shows the change from the default.
 */
function mkdirCommand(args: FileArgs): string {
  if (args.mode === undefined) return `mkdir -p ${shellQuote(args.path)}`;
  const mode = shellQuote(typeof args.mode === 'number' ? args.mode.toString(8) : args.mode);
  const parents: string[] = [];
  for (let dir = dirname(args.path); dir !== '/' && dir !== '.'; dir = dirname(dir)) parents.unshift(dir);
  // A directory that appears meanwhile (another run making it) is as good as one made here, as in Ansible.
  const loop = parents.length ? `for d in ${parents.map(shellQuote).join(' ')}; do [ -d "$d" ] || { mkdir "$d" && chmod ${mode} "$d"; } || [ -d "$d" ] || exit 1; done && ` : '';
  return `${loop}{ mkdir ${shellQuote(args.path)} || [ -d ${shellQuote(args.path)} ]; }`;
}

export async function ensureFile(ctx: ModuleContext, args: FileArgs, st: FileStat): Promise<ModuleResult> {
  if (!st.exists) return failed(`file (${args.path}) is absent, cannot continue`, { path: args.path, state: 'absent' });
  if (st.type === 'directory') return failed(`file (${args.path}) is directory, cannot continue`, { path: args.path });
  return finish(ctx, args, st, [], stateOf(st));
}

export async function ensureTouch(ctx: ModuleContext, args: FileArgs, st: FileStat): Promise<ModuleResult> {
  // The idiom for an idempotent touch: both times preserved means an existing file is not touched.
  const preserve = args.access_time === 'preserve' && args.modification_time === 'preserve';
  const pre = st.exists && preserve ? [] : [`touch ${shellQuote(args.path)}`];
  return finish(ctx, args, st, pre, st.exists ? stateOf(st) : 'touch', 'dest');
}
