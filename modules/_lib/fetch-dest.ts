import { promises as fs } from 'fs';
import { basename, dirname, join, normalize, relative, resolve, sep } from 'path';

export interface FetchDestArgs {
  src: string;
  dest: string;
  flat: boolean;
}

/** Where a fetched file lands and the operator's directory it must stay in (root); or why it may not be written. */
export type FetchDest = { path: string; root: string } | { error: string };

const inside = (root: string, path: string) => path === root || path.startsWith(root.endsWith(sep) ? root : `${root}${sep}`);

/**
 * `dest/<host>/<src path>`, or with flat `dest` itself (`dest/<src name>` when dest ends in /), as Ansible
 * places it. Unlike Ansible, a src (or host name) whose `..` would climb out of dest/<host> (or, flat, out
 * of the dest directory) is refused: a host's file names must not choose where the controller writes.
 */
export function fetchDest(args: FetchDestArgs, host: string): FetchDest {
  const dest = resolve(args.dest);
  if (args.flat && !args.dest.endsWith('/')) return { path: dest, root: dirname(dest) };
  const within = args.flat ? dest : normalize(join(dest, host));
  if (!args.flat && (!inside(dest, within) || within === dest)) return { error: `fetch: the host name '${host}' would place files outside dest '${dest}', refusing` };
  // `dest/host//abs/src`: an absolute src is a path below the host's directory.
  const path = normalize(args.flat ? join(dest, basename(args.src)) : `${within}/${args.src}`);
  if (!inside(within, path) || path === within) {
    return { error: `fetch: src '${args.src}' would be written to ${path}, outside '${within}': refusing a path that leaves dest` };
  }
  return { path, root: dest };
}

/**
 * Checks that each directory between `root` and the file that already exists on the controller resolves
 * inside root: a symlink there (to /etc, to ~/.ssh) would otherwise carry the write out of dest.
 */
export async function symlinkEscape(root: string, path: string): Promise<string | undefined> {
  const realRoot = await fs.realpath(root).catch(() => undefined);
  if (realRoot === undefined) return undefined;
  const parts = relative(root, path).split(sep);
  let dir = root;
  for (const part of parts) {
    dir = join(dir, part);
    const st = await fs.lstat(dir).catch(() => undefined);
    if (!st) return undefined;
    if (st.isSymbolicLink() && dir !== path) {
      const target = await fs.realpath(dir).catch(() => undefined);
      if (target === undefined || !inside(realRoot, target)) {
        return `fetch: ${dir} on the controller is a symlink leading out of '${root}' (to ${target ?? 'nowhere'}): refusing to write through it`;
      }
    }
  }
  return undefined;
}
