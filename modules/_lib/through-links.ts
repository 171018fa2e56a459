import { shellQuote } from '../../engine/module/shell-quote';
import type { ModuleContext } from '../../engine/module/types';

/**
 * Where a write to `path` lands when path is a symlink: the file the link resolves to (only an existing
 * one with `existing`, as copy's follow; any, as lineinfile's realpath, which creates a dangling link's
 * target), or path itself when it is no link.
 */
export async function throughLinks(ctx: ModuleContext, path: string, opts: { existing: boolean }): Promise<string> {
  const st = await ctx.probe.stat(path);
  if (st.type !== 'link') return path;
  const r = await ctx.probe.exec(`readlink ${opts.existing ? '-e' : '-m'} -- ${shellQuote(path)}`);
  const target = r.stdout.replace(/\n$/, '');
  return r.rc === 0 && target ? target : path;
}
