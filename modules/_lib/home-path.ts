import type { ModuleContext } from '../../engine/module/types';

/** `~` or `~name` leading a path; names limited to what can stand unquoted in a shell word and still mean only themselves. */
const HOME_PREFIX = /^~([A-Za-z0-9_][A-Za-z0-9_.-]*)?(?=\/|$)/;

/**
 * A path's leading `~` (the task's user, the become user under become) or `~name` expanded on the host,
 * as Ansible's modules and action plugins expand their path arguments; any other path is returned as it is.
 * An unknown user's `~name` is left unexpanded, as the shell and Python leave it.
 */
export async function expandHome(ctx: ModuleContext, path: string): Promise<string> {
  const m = HOME_PREFIX.exec(path);
  if (!m) return path;
  const r = await ctx.probe.exec(`echo ~${m[1] ?? ''}`);
  const home = r.stdout.trim();
  if (r.rc !== 0 || !home.startsWith('/')) return path;
  return home + path.slice(m[0].length);
}
