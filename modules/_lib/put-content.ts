import { createHash } from 'crypto';
import { dirname } from 'path';
import type { ExecResult, FileStat } from '../../engine/connection/connection';
import type { DiffEntry, ModuleContext, ModuleResult } from '../../engine/module/types';
import { changed, failed, ok } from '../../engine/module/define';
import { backupCommand, backupName } from './backup';
import { AttrArgs, applyCommands, planAttrs, statAfter, statKeys } from './file-attrs';
import { resolveMode } from './mode';
import { runValidate } from './validate-file';

export interface PutContentArgs extends AttrArgs {
  dest: string;
  content: Buffer;
  force: boolean;
  backup: boolean;
  validate?: string;
  /** Shown as the after_header of the diff and returned as `src` when set. */
  src?: string;
}

function sha1(data: Buffer): string {
  return createHash('sha1').update(data).digest('hex');
}

function contentDiff(ctx: ModuleContext, args: PutContentArgs, before: Buffer | null): DiffEntry[] {
  if (!ctx.diff) return [];
  return [{ before: before?.toString('utf8') ?? '', after: args.content.toString('utf8'), before_header: args.dest, after_header: args.src ?? 'dynamically generated' }];
}

async function writeNew(ctx: ModuleContext, args: PutContentArgs, st: FileStat): Promise<{ invalid?: ExecResult; backupFile?: string }> {
  const invalid = args.validate ? await runValidate(ctx, args.validate, args.content) : undefined;
  if (invalid) return { invalid };
  let backupFile: string | undefined;
  if (args.backup && st.exists) {
    backupFile = backupName(args.dest);
    await applyCommands(ctx, [backupCommand(args.dest, backupFile)]);
  }
  const base = st.exists ? (st.mode ?? 0o644) : 0o644;
  const mode = args.mode === undefined ? undefined : resolveMode(args.mode, base, false);
  await ctx.apply.writeFile(args.dest, args.content, { mode, owner: args.owner, group: args.group });
  return { backupFile };
}

/**
 * Makes `dest` hold exactly `content` with the wanted attributes: the common core of copy and template.
 * One probe (stat with checksum) decides; nothing is written when checksum and attributes already match.
 */
export async function putContent(ctx: ModuleContext, args: PutContentArgs): Promise<ModuleResult> {
  const st = await ctx.probe.stat(args.dest, { checksum: true, follow: true });
  const checksum = sha1(args.content);
  const keys = { dest: args.dest, checksum, md5sum: createHash('md5').update(args.content).digest('hex'), ...(args.src ? { src: args.src } : {}) };
  if (st.exists && st.type === 'directory') return failed(`Destination ${args.dest} is a directory`, keys);
  if (!st.exists) {
    const parent = await ctx.probe.stat(dirname(args.dest), { follow: true });
    // In check mode an earlier task may be about to create the directory: Ansible predicts a change.
    if (!parent.exists) return ctx.check ? changed(keys) : failed(`Destination directory ${dirname(args.dest)} does not exist`, keys);
  }
  if (st.exists && (!args.force || st.checksum === checksum)) {
    const plan = planAttrs(args.dest, st, args);
    await applyCommands(ctx, plan.commands);
    const after = await statAfter(ctx, args.dest, st, plan.commands.length > 0);
    const result = { ...keys, path: args.dest, ...statKeys(after), ...(ctx.diff ? { diff: { before: { path: args.dest, ...plan.before }, after: { path: args.dest, ...plan.after } } } : {}) };
    return plan.commands.length ? changed(result) : ok(result);
  }
  const before = ctx.diff && st.exists ? await ctx.probe.readFile(args.dest) : null;
  const { invalid, backupFile } = await writeNew(ctx, args, st);
  if (invalid) return failed('failed to validate', { ...keys, exit_status: invalid.rc, stdout: invalid.stdout, stderr: invalid.stderr });
  const after = await statAfter(ctx, args.dest, st, true);
  const backup = backupFile ? { backup_file: backupFile } : {};
  return changed({ ...keys, ...backup, ...(after.exists ? statKeys(after) : {}), diff: contentDiff(ctx, args, before) });
}
