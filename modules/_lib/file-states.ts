import { dirname } from 'path';
import type { FileStat } from '../../engine/connection/connection';
import { changed, failed, ok } from '../../engine/module/define';
import { shellQuote } from '../../engine/module/shell-quote';
import { strptime } from '../../engine/template/datetime';
import type { ModuleContext, ModuleResult } from '../../engine/module/types';
import { AttrArgs, AttrPlan, applyCommands, planAttrs, planFlags, statAfter, statKeys } from './file-attrs';
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

/** A time given for access_time/modification_time: kept, the moment the task runs, or `touch -t`'s spelling of it. */
type TimeSpec = 'preserve' | 'now' | { touch: string };

/**
 * Reads access_time/modification_time as Ansible does: unset means 'now' for state=touch and 'preserve'
 * otherwise; any other value is parsed with its format (Python's strptime) as the host's local time,
 * which is how `touch -t` reads it.
 */
function timeSpecs(args: FileArgs, state: string): { atime: TimeSpec; mtime: TimeSpec } | string {
  const spec = (value: string | undefined, format: string | undefined): TimeSpec | string => {
    if (value === undefined) return state === 'touch' ? 'now' : 'preserve';
    if (value === 'preserve' || value === 'now') return value;
    const fmt = format ?? '%Y%m%d%H%M.%S';
    const parsed = strptime(value, fmt);
    if (!parsed) return `Error while obtaining timestamp for time ${value} using format ${fmt}: time data '${value}' does not match format '${fmt}'`;
    return { touch: parsed.strftime('%Y%m%d%H%M.%S') };
  };
  const atime = spec(args.access_time, args.access_time_format);
  const mtime = spec(args.modification_time, args.modification_time_format);
  if (typeof atime === 'string' && atime !== 'preserve' && atime !== 'now') return atime;
  if (typeof mtime === 'string' && mtime !== 'preserve' && mtime !== 'now') return mtime;
  return { atime: atime as TimeSpec, mtime: mtime as TimeSpec };
}

/**
 * The commands that give the path its access and modification times: none when both are kept, or when
 * the explicit ones are already what the host shows (compared as stat prints them in local time, to the
 * nanosecond, as Ansible compares the float times).
 */
async function timeCommands(ctx: ModuleContext, path: string, specs: { atime: TimeSpec; mtime: TimeSpec }): Promise<string[]> {
  const parts = [['-a', specs.atime], ['-m', specs.mtime]] as const;
  if (parts.every(([, t]) => t === 'preserve')) return [];
  const commands = parts.flatMap(([flag, t]) => (t === 'preserve' ? [] : [`touch -c ${flag} ${t === 'now' ? '' : `-t ${t.touch} `}${shellQuote(path)}`]));
  if (parts.some(([, t]) => t === 'now')) return commands;
  const r = await ctx.probe.exec(`stat -c '%x|%y' ${shellQuote(path)}`);
  const [atime, mtime] = r.stdout.trim().split('|');
  const shown = (t: TimeSpec) => (typeof t === 'object' ? t.touch.replace(/^(\d{4})(\d\d)(\d\d)(\d\d)(\d\d)\.(\d\d)$/, '$1-$2-$3 $4:$5:$6.000000000') : '');
  const same = (t: TimeSpec, current: string | undefined) => t === 'preserve' || current?.startsWith(`${shown(t)} `);
  return r.rc === 0 && same(specs.atime, atime) && same(specs.mtime, mtime) ? [] : commands;
}

/** What a state adds to finish's report: result keys, and diff keys for a change that keeps the state (a link retargeted). */
export interface FinishExtra {
  result?: Record<string, unknown>;
  retarget?: { before: Record<string, unknown>; after: Record<string, unknown> };
  /** state=link with follow: owner, mode, flags and times go to the file the link points to, as in Ansible. */
  throughLink?: boolean;
}

/**
 * Where a link's attributes go with follow: the file it resolves to; null when that does not exist (or,
 * in check mode, the link is still to be made), so there is nothing to give them to.
 */
async function linkTarget(ctx: ModuleContext, path: string, pending: boolean): Promise<string | null> {
  if (ctx.check && pending) return null;
  const r = await ctx.probe.exec(`readlink -e -- ${shellQuote(path)}`);
  return r.rc === 0 ? r.stdout.replace(/\n$/, '') : null;
}

/** Finishes a state change: runs `pre`, applies attributes and times, then reports with Ansible's keys and diff. */
export async function finish(ctx: ModuleContext, args: FileArgs, st: FileStat, pre: string[], state: string, key = 'path', extra: FinishExtra = {}): Promise<ModuleResult> {
  const specs = timeSpecs(args, args.state ?? state);
  if (typeof specs === 'string') return failed(specs);
  await applyCommands(ctx, pre);
  const target = extra.throughLink ? await linkTarget(ctx, args.path, pre.length > 0) : args.path;
  const recurse = args.recurse && state === 'directory';
  let plan: AttrPlan = { commands: [], before: {}, after: {} };
  let times: string[] = [];
  const warnings: string[] = [];
  if (target === null) {
    if (!ctx.check || !pre.length) warnings.push('Cannot set fs attributes on a non-existent symlink target. follow should be set to False to avoid this.');
  } else {
    const basis = target !== args.path ? await ctx.probe.stat(target) : st.exists && !pre.length ? st : ctx.check ? predicted(state) : await ctx.probe.stat(args.path);
    plan = planAttrs(target, basis, args, recurse);
    await planFlags(ctx, target, args.attributes, plan, recurse);
    await applyCommands(ctx, plan.commands);
    // In check mode a path still to be made is not there to give times to; it is a change already.
    times = ctx.check && !st.exists ? [] : await timeCommands(ctx, target, specs);
    await applyCommands(ctx, times);
  }
  const didChange = pre.length > 0 || plan.commands.length > 0 || times.length > 0;
  const after = await statAfter(ctx, args.path, st, didChange);
  const stateChanged = pre.length > 0 && !extra.retarget;
  const diff = {
    before: { path: args.path, ...(stateChanged ? { state: stateOf(st) } : {}), ...extra.retarget?.before, ...plan.before },
    after: { path: args.path, ...(stateChanged ? { state } : {}), ...extra.retarget?.after, ...plan.after },
  };
  // A hard link is a regular file to stat; Ansible still reports the state that was asked for.
  // A link to nothing has no file state to report, as Ansible's result shows it.
  const dangling = target === null && !ctx.check;
  const fileKeys = dangling ? {} : { ...(after.exists ? statKeys(after) : {}), ...(state === 'hard' || !after.exists ? { state } : {}) };
  const result = { [key]: args.path, ...extra.result, ...fileKeys, diff, ...(warnings.length ? { warnings } : {}) };
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
  // An existing file only gets its times (both preserved: left alone, the idiom for an idempotent touch).
  const pre = st.exists ? [] : [`touch ${shellQuote(args.path)}`];
  return finish(ctx, args, st, pre, st.exists ? stateOf(st) : 'touch', 'dest');
}
