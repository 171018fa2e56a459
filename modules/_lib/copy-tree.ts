import { promises as fs } from 'fs';
import { basename, join, relative } from 'path';
import { changed, failed, ok } from '../../engine/module/define';
import { shellJoin, shellQuote } from '../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../engine/module/types';
import { applyCommands } from './file-attrs';
import { controllerSource } from './controller-source';
import { putContent } from './put-content';

interface TreeArgs {
  src?: string;
  dest: string;
  force: boolean;
  backup: boolean;
  mode?: string | number;
  owner?: string;
  group?: string;
  directory_mode?: string | number;
  decrypt?: boolean;
}

async function walk(root: string): Promise<{ dirs: string[]; files: string[] }> {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const entry of await fs.readdir(root, { withFileTypes: true, recursive: true })) {
    const full = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) dirs.push(full);
    else files.push(full);
  }
  return { dirs: dirs.sort(), files: files.sort() };
}

/** Directories among `dirs` that do not exist on the host, found in one round trip. */
async function missingDirs(ctx: ModuleContext, dirs: string[]): Promise<string[]> {
  const r = await ctx.probe.exec(`for d in ${shellJoin(dirs)}; do test -d "$d" || printf '%s\\n' "$d"; done`);
  return r.stdout.split('\n').filter(Boolean);
}

/**
 * copy with a local directory as src: `src/` copies what is inside, `src` copies the directory itself.
 * Returns undefined when `local` is not a directory.
 */
export async function copyTree(ctx: ModuleContext, local: string, args: TreeArgs): Promise<ModuleResult | undefined> {
  const st = await fs.stat(local).catch(() => undefined);
  if (!st?.isDirectory()) return undefined;
  const target = args.src?.endsWith('/') ? args.dest : join(args.dest, basename(local));
  const { dirs, files } = await walk(local);
  const remoteDirs = [target, ...dirs.map((d) => join(target, relative(local, d)))];
  const missing = await missingDirs(ctx, remoteDirs);
  const dirMode = args.directory_mode === undefined ? '' : ` -m ${shellQuote(String(typeof args.directory_mode === 'number' ? args.directory_mode.toString(8) : args.directory_mode))}`;
  await applyCommands(ctx, missing.map((d) => `mkdir -p${dirMode} ${shellQuote(d)}`));
  let anyChanged = missing.length > 0;
  for (const file of files) {
    const dest = join(target, relative(local, file));
    // In check mode the directories were not made, so files under them can only be predicted as new.
    if (ctx.check && missing.some((d) => dest.startsWith(`${d}/`))) {
      anyChanged = true;
      continue;
    }
    const content = await controllerSource(file, args.decrypt ?? true);
    if (typeof content === 'string') return failed(content, { dest, src: file, changed: anyChanged });
    const result = await putContent(ctx, { ...args, dest, content, src: file });
    if (result.failed) return failed(result.msg ?? 'copy failed', { dest, src: file, changed: anyChanged });
    anyChanged ||= result.changed;
  }
  return anyChanged ? changed({ dest: args.dest, src: local }) : ok({ dest: args.dest, src: local });
}
