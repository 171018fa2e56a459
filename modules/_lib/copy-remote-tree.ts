import { basename, join } from 'path';
import { changed, ok } from '../../engine/module/define';
import { shellQuote } from '../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../engine/module/types';
import { applyCommands } from './file-attrs';

interface RemoteTreeArgs {
  src?: string;
  dest: string;
  force: boolean;
  mode?: string | number;
  owner?: string;
  group?: string;
}

/** Relative directories and file checksums of a tree on the host, or empty when it does not exist. */
function listing(dir: string): string {
  const q = shellQuote(dir);
  return `if cd ${q} 2>/dev/null; then find . -mindepth 1 -type d -printf 'd %p\\n'; find . -type f -exec sha1sum {} + | sed 's/^/f /'; fi`;
}

function parse(text: string): { dirs: Set<string>; sums: Map<string, string> } {
  const dirs = new Set<string>();
  const sums = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line.startsWith('d ')) dirs.add(line.slice(4));
    if (line.startsWith('f ')) sums.set(line.slice(46), line.slice(2, 42));
  }
  return { dirs, sums };
}

/**
 * copy with remote_src and a directory as src: what differs is copied on the host (cp -p), in one
 * probe and one command. Returns undefined when src is not a directory.
 */
export async function copyRemoteTree(ctx: ModuleContext, args: RemoteTreeArgs): Promise<ModuleResult | undefined> {
  const src = args.src as string;
  const st = await ctx.probe.stat(src, { follow: true });
  if (st.type !== 'directory') return undefined;
  const target = src.endsWith('/') ? args.dest : join(args.dest, basename(src));
  const r = await ctx.probe.exec(`${listing(src)}; echo ===; ${listing(target)}; echo ===; test -d ${shellQuote(target)} && echo yes`);
  const [from, to, exists] = r.stdout.split('===\n');
  const have = parse(to);
  const want = parse(from);
  const mkdirs = [...(exists.trim() ? [] : ['']), ...[...want.dirs].filter((d) => !have.dirs.has(d))].map((d) => `mkdir -p ${shellQuote(join(target, d))}`);
  const files = [...want.sums].filter(([f, sum]) => !have.sums.has(f) || (args.force && have.sums.get(f) !== sum)).map(([f]) => f);
  const copies = files.map((f) => `cp -p ${shellQuote(join(src, f))} ${shellQuote(join(target, f))}`);
  const attrs = [
    ...(args.owner !== undefined ? [`chown -R ${shellQuote(args.owner)} ${shellQuote(target)}`] : []),
    ...(args.group !== undefined ? [`chgrp -R ${shellQuote(args.group)} ${shellQuote(target)}`] : []),
    ...(args.mode !== undefined ? files.map((f) => `chmod ${shellQuote(typeof args.mode === 'number' ? args.mode.toString(8) : String(args.mode))} ${shellQuote(join(target, f))}`) : []),
  ];
  const commands = [...mkdirs, ...copies];
  if (commands.length === 0) return ok({ dest: args.dest, src });
  await applyCommands(ctx, [...commands, ...attrs]);
  return changed({ dest: args.dest, src });
}
