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

/**
 * Relative directories and file checksums of a tree on the host, or nothing when it does not exist. Each
 * record ends with a NUL (sha1sum -z leaves names unescaped): no file or directory name can fake another.
 */
function listing(dir: string): string {
  const q = shellQuote(dir);
  return `if cd ${q} 2>/dev/null; then find . -mindepth 1 -type d -printf 'd %p\\0'; find . -type f -exec sha1sum -z {} +; fi`;
}

function parse(records: string[]): { dirs: Set<string>; sums: Map<string, string> } {
  const dirs = new Set<string>();
  const sums = new Map<string, string>();
  for (const r of records) {
    if (r.startsWith('d ./')) dirs.add(r.slice(4));
    else if (/^[0-9a-f]{40} {2}\.\//.test(r)) sums.set(r.slice(44), r.slice(0, 40));
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
  const r = await ctx.probe.exec(`${listing(src)}; printf '===\\0'; ${listing(target)}; printf '===\\0'; test -d ${shellQuote(target)} && echo yes`);
  const records = r.stdout.split('\0');
  const [first, second] = [records.indexOf('==='), records.lastIndexOf('===')];
  const want = parse(records.slice(0, first));
  const have = parse(records.slice(first + 1, second));
  const exists = records.slice(second + 1).join('').trim() !== '';
  const mkdirs = [...(exists ? [] : ['']), ...[...want.dirs].filter((d) => !have.dirs.has(d))].map((d) => `mkdir -p ${shellQuote(join(target, d))}`);
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
