import { basename, dirname, join, resolve } from 'path';
import type { FileStat } from '../../engine/connection/connection';
import { failed } from '../../engine/module/define';
import { shellQuote } from '../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../engine/module/types';
import { FileArgs, finish } from './file-states';

/**
 * state=link. A directory in the way is only ever replaced when it is empty (rmdir, never rm -rf), and
 * only with force, as Ansible does; `ln -T` never drops the link inside a directory it did not expect.
 */
export async function ensureSymlink(ctx: ModuleContext, args: FileArgs, st: FileStat): Promise<ModuleResult> {
  const src = args.src as string;
  const path = args.path;
  // A relative src is relative to the link's directory, or to the directory itself when one is in the way.
  const srcAbs = resolve(st.type === 'directory' ? path : dirname(path), src);
  if (!args.force && !(await ctx.probe.stat(srcAbs)).exists) {
    return failed(`src file does not exist, use "force=yes" if you really want to create the link: ${srcAbs}`, { dest: path, src, path });
  }
  if (st.type === 'directory') {
    if (!args.force) return failed(`refusing to convert from directory to symlink for ${path}`, { path });
    if (!(await isEmptyDirectory(ctx, path))) return failed(`the directory ${path} is not empty, refusing to convert it`, { path });
  } else if (st.exists && st.type !== 'link' && !args.force) {
    return failed(`refusing to convert from ${await linkState(ctx, st, path)} to symlink for ${path}`, { path });
  }
  const report = { result: { src }, throughLink: args.follow };
  if (st.type === 'link' && st.linkTarget === src) return finish(ctx, args, st, [], 'link', 'dest', report);
  const link = `ln -sfT -- ${shellQuote(src)} ${shellQuote(path)}`;
  // A link given a new target keeps its state: Ansible's diff shows the old and new src instead.
  if (st.type === 'link') return finish(ctx, args, st, [link], 'link', 'dest', { ...report, retarget: { before: { src: st.linkTarget }, after: { src } } });
  // rmdir refuses a directory that gained entries since the probe: nothing inside is ever removed.
  return finish(ctx, args, st, [st.type === 'directory' ? `rmdir -- ${shellQuote(path)} && ${link}` : link], 'link', 'dest', report);
}

/**
 * state=hard (`into`: path's stat, links followed). As in Ansible, an existing directory at path receives the link under src's name, and
 * a file or another hard link is replaced only with force; a directory is never replaced.
 */
export async function ensureHardLink(ctx: ModuleContext, given: FileArgs, into: FileStat): Promise<ModuleResult> {
  const src = given.src as string;
  const args = into.type === 'directory' ? { ...given, path: join(given.path, basename(src)) } : given;
  const st = await ctx.probe.stat(args.path);
  const r = await ctx.probe.exec(`for p in ${shellQuote(src)} ${shellQuote(args.path)}; do stat -L -c %i -- "$p" 2>/dev/null || echo; done`);
  const [srcInode, pathInode] = r.stdout.split('\n');
  const keys = { dest: args.path, src };
  if (!srcInode) return failed('src does not exist', keys);
  const link = [`ln -fT -- ${shellQuote(src)} ${shellQuote(args.path)}`];
  if (!st.exists) return finish(ctx, args, st, link, 'hard', 'dest');
  if (st.type === 'link') return finish(ctx, args, st, st.linkTarget === src ? [] : link, 'hard', 'dest');
  if (st.type === 'directory') {
    return args.force ? finish(ctx, args, st, link, 'hard', 'dest') : failed('Cannot link: different hard link exists at destination', keys);
  }
  if (srcInode === pathInode) return finish(ctx, args, st, [], 'hard', 'dest');
  if (args.force) return finish(ctx, args, st, link, 'hard', 'dest');
  const prev = await linkState(ctx, st, args.path);
  return failed(prev === 'hard' ? 'Cannot link, different hard link exists at destination' : `Cannot link, ${prev} exists at destination`, keys);
}

async function isEmptyDirectory(ctx: ModuleContext, path: string): Promise<boolean> {
  const r = await ctx.probe.exec(`ls -A -- ${shellQuote(path)} | head -c 1`);
  return r.rc === 0 && r.stdout === '';
}

/** Ansible's name for a non-directory in the way: 'hard' when other names share its inode. */
async function linkState(ctx: ModuleContext, st: FileStat, path: string): Promise<string> {
  if (st.type === 'link') return 'link';
  const r = await ctx.probe.exec(`stat -c %h -- ${shellQuote(path)}`);
  return Number(r.stdout.trim()) > 1 ? 'hard' : 'file';
}
