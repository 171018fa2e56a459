import { promises as fs } from 'fs';
import { dirname } from 'path';
import type { ControllerFile, ExecResult, FileStat } from '../../engine/connection/connection';
import { Digester, Digests, digestFile } from '../../engine/connection/file-stream';
import type { DiffEntry, ModuleContext, ModuleResult } from '../../engine/module/types';
import { changed, failed, ok } from '../../engine/module/define';
import { backupCommand, backupName } from './backup';
import { shellQuote } from '../../engine/module/shell-quote';
import { AttrArgs, AttrPlan, applyCommands, HostCommandError, planAttrs, planFlags, statAfter, statKeys } from './file-attrs';
import { resolveMode } from './mode';
import { throughLinks } from './through-links';
import { writeFileOrInPlace } from './unsafe-writes';
import { runValidate } from './validate-file';

export interface PutContentArgs extends AttrArgs {
  dest: string;
  /** Bytes, or a controller file (copy's src) that is digested and sent in chunks, never read whole. */
  content: Buffer | ControllerFile;
  force: boolean;
  backup: boolean;
  validate?: string;
  /** Through a symlink at dest, write the file it points to (when it exists) instead of replacing the link. */
  follow?: boolean;
  /** Shown as the after_header of the diff and returned as `src` when set. */
  src?: string;
}

/** Ansible's MAX_FILE_SIZE_FOR_DIFF: a bigger side is not read, the diff says it was skipped. */
const MAX_DIFF_SIZE = 104448;

function digestsOf(content: Buffer | ControllerFile): Promise<Digests> {
  if (!Buffer.isBuffer(content)) return digestFile(content.localPath);
  const digester = new Digester();
  digester.update(content);
  return Promise.resolve(digester.digests());
}

async function contentDiff(ctx: ModuleContext, args: PutContentArgs, st: FileStat): Promise<DiffEntry[]> {
  if (!ctx.diff) return [];
  const entry: DiffEntry = { before_header: args.dest, after_header: args.src ?? 'dynamically generated' };
  if (st.exists && (st.size ?? 0) > MAX_DIFF_SIZE) entry.dst_larger = MAX_DIFF_SIZE;
  else entry.before = st.exists ? ((await ctx.probe.readFile(args.dest))?.toString('utf8') ?? '') : '';
  if (Buffer.isBuffer(args.content)) entry.after = args.content.toString('utf8');
  else if ((await fs.stat(args.content.localPath)).size > MAX_DIFF_SIZE) entry.src_larger = MAX_DIFF_SIZE;
  else entry.after = (await fs.readFile(args.content.localPath)).toString('utf8');
  // A side that is skipped leaves nothing to compare: the other one is dropped too, as Ansible's callback shows it.
  if (entry.before === undefined || entry.after === undefined) {
    delete entry.before;
    delete entry.after;
  }
  return [entry];
}

async function writeNew(ctx: ModuleContext, args: PutContentArgs, st: FileStat): Promise<{ invalid?: ExecResult; notWritable?: string; backupFile?: string }> {
  const invalid = args.validate ? await runValidate(ctx, args.validate, args.content) : undefined;
  if (invalid) return { invalid };
  let backupFile: string | undefined;
  if (args.backup && st.exists) {
    backupFile = backupName(args.dest);
    await applyCommands(ctx, [backupCommand(args.dest, backupFile)]);
  }
  const base = st.exists ? (st.mode ?? 0o644) : 0o644;
  const mode = args.mode === undefined ? undefined : resolveMode(args.mode, base, false);
  try {
    await writeFileOrInPlace(ctx, args.dest, args.content, { mode, owner: args.owner, group: args.group }, args.unsafe_writes);
  } catch (err) {
    // The atomic replace needs a temporary file beside dest: Ansible checks the directory first and says so.
    const dir = dirname(args.dest);
    if (!(err instanceof HostCommandError) && (await ctx.probe.exec(`test -w ${shellQuote(dir)}`)).rc !== 0) return { notWritable: `Destination ${dir} not writable` };
    throw err;
  }
  const flags: AttrPlan = { commands: [], before: {}, after: {} };
  await planFlags(ctx, args.dest, args.attributes, flags);
  await applyCommands(ctx, flags.commands);
  return { backupFile };
}

/**
 * Makes `dest` hold exactly `content` with the wanted attributes: the common core of copy and template.
 * One probe (stat with checksum) decides; nothing is written when checksum and attributes already match.
 */
export async function putContent(ctx: ModuleContext, given: PutContentArgs): Promise<ModuleResult> {
  const args = given.follow ? { ...given, dest: await throughLinks(ctx, given.dest, { existing: true }) } : given;
  // Without follow a link at dest is replaced by the file, even one pointing at the same content (as Ansible).
  const st = await ctx.probe.stat(args.dest, { checksum: true });
  const { sha1: checksum, md5 } = await digestsOf(args.content);
  const keys = { dest: args.dest, checksum, md5sum: md5, ...(args.src ? { src: args.src } : {}) };
  const isDir = st.type === 'directory' || (st.type === 'link' && (await ctx.probe.stat(args.dest, { follow: true })).type === 'directory');
  if (isDir) return failed(`Destination ${args.dest} is a directory`, keys);
  if (!st.exists) {
    const parent = await ctx.probe.stat(dirname(args.dest), { follow: true });
    // In check mode an earlier task may be about to create the directory: Ansible predicts a change.
    if (!parent.exists) return ctx.check ? changed(keys) : failed(`Destination directory ${dirname(args.dest)} does not exist`, keys);
  }
  if (st.exists && (!args.force || st.checksum === checksum)) {
    const plan = planAttrs(args.dest, st, args);
    await planFlags(ctx, args.dest, args.attributes, plan);
    await applyCommands(ctx, plan.commands);
    const after = await statAfter(ctx, args.dest, st, plan.commands.length > 0);
    const result = { ...keys, path: args.dest, ...statKeys(after), ...(ctx.diff ? { diff: { before: { path: args.dest, ...plan.before }, after: { path: args.dest, ...plan.after } } } : {}) };
    return plan.commands.length ? changed(result) : ok(result);
  }
  const diff = await contentDiff(ctx, args, st);
  const { invalid, notWritable, backupFile } = await writeNew(ctx, args, st);
  if (notWritable) return failed(notWritable, { checksum });
  if (invalid) return failed('failed to validate', { ...keys, exit_status: invalid.rc, stdout: invalid.stdout, stderr: invalid.stderr });
  const after = await statAfter(ctx, args.dest, st, true);
  const backup = backupFile ? { backup_file: backupFile } : {};
  return changed({ ...keys, ...backup, ...(after.exists ? statKeys(after) : {}), diff });
}
