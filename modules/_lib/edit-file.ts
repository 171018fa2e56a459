import { dirname } from 'path';
import type { FileStat } from '../../engine/connection/connection';
import { failed } from '../../engine/module/define';
import { shellQuote } from '../../engine/module/shell-quote';
import type { DiffEntry, ModuleContext, ModuleResult } from '../../engine/module/types';
import { backupCommand, backupName } from './backup';
import { AttrArgs, applyCommands, planAttrs, planFlags } from './file-attrs';
import { throughLinks } from './through-links';
import { writeFileOrInPlace } from './unsafe-writes';
import { runValidate } from './validate-file';

export interface EditFileArgs extends AttrArgs {
  path: string;
  backup: boolean;
  validate?: string;
  create?: boolean;
}

/** A module's verdict on the text: the new text (or null for "leave it"), its message and extra keys. */
export interface TextEdit {
  text: string;
  msg: string;
  extra?: Record<string, unknown>;
}

const ATTRS_MSG = 'ownership, perms or SE linux context changed';

async function writeText(ctx: ModuleContext, args: EditFileArgs, text: string, existed: boolean): Promise<{ error?: string; backup: string }> {
  if (args.validate) {
    const invalid = await runValidate(ctx, args.validate, text);
    if (invalid) return { error: `failed to validate: rc:${invalid.rc} error:${invalid.stderr}`, backup: '' };
  }
  let backup = '';
  if (args.backup && existed) {
    backup = backupName(args.path);
    await applyCommands(ctx, [backupCommand(args.path, backup)]);
  }
  // Through a symlink the file it points to is written and the link stays, as Ansible's move to realpath does.
  const target = await throughLinks(ctx, args.path, { existing: false });
  if (!existed) await applyCommands(ctx, [`mkdir -p ${shellQuote(dirname(target))}`]);
  // A new file is created with the default mode and then given its attributes, so that (as in Ansible)
  // the result says the attributes changed too.
  await writeFileOrInPlace(ctx, target, text, {}, args.unsafe_writes);
  return { backup };
}

async function fixAttrs(ctx: ModuleContext, args: EditFileArgs, existed: boolean): Promise<{ changed: boolean; diff: DiffEntry }> {
  const header = `${args.path} (file attributes)`;
  const diff: DiffEntry = { before_header: header, after_header: header };
  if (args.mode === undefined && args.owner === undefined && args.group === undefined && (args.attributes ?? undefined) === undefined) return { changed: false, diff };
  // A file created in check mode does not exist to be inspected: plan against what creating it would give.
  const st: FileStat = ctx.check && !existed ? { exists: true, type: 'file', mode: 0o644 } : await ctx.probe.stat(args.path, { follow: true });
  const plan = planAttrs(args.path, st, args);
  await planFlags(ctx, args.path, args.attributes, plan);
  await applyCommands(ctx, plan.commands);
  return { changed: plan.commands.length > 0, diff: { ...diff, before: plan.before, after: plan.after } };
}

/**
 * Reads a text file, lets `edit` decide its new text, then writes it (validate, backup, atomic) and
 * applies owner/group/mode: the shared flow of lineinfile, blockinfile and replace.
 */
export async function editFile(
  ctx: ModuleContext,
  args: EditFileArgs,
  before: string | null,
  edit: TextEdit,
): Promise<ModuleResult> {
  const existed = before !== null;
  const contentChanged = edit.text !== (before ?? '') || (!existed && args.create === true);
  let backup = '';
  if (contentChanged) {
    const written = await writeText(ctx, args, edit.text, existed);
    if (written.error) return failed(written.error);
    backup = written.backup;
  }
  const attrs = await fixAttrs(ctx, args, existed);
  const msg = attrs.changed ? (edit.msg ? `${edit.msg} and ${ATTRS_MSG}` : ATTRS_MSG) : edit.msg;
  const header = `${args.path} (content)`;
  const diff: DiffEntry[] = [{ before: before ?? '', after: edit.text, before_header: header, after_header: header }, attrs.diff];
  return { ...edit.extra, changed: contentChanged || attrs.changed, msg, backup, ...(ctx.diff ? { diff } : {}) };
}
