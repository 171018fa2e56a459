import { shellQuote } from '../engine/connection/shell-quote';
import { defineModule, failed, ok } from '../engine/module/define';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { expandHome } from './_lib/home-path';

interface Args {
  src: string;
}

/**
 * Beyond Ansible, which has no limit: the content travels base64-encoded in the task result (and through
 * register, callbacks, -v output), so a big file would take several times its size in memory.
 */
const SLURP_MAX_BYTES = 64 * 1024 * 1024;

export default defineModule<Args>({
  name: 'slurp',
  aliases: ['ansible.builtin.slurp', 'ansible.legacy.slurp'],
  supports: { checkMode: 'full', diff: false },
  argAliases: { src: ['path'] },
  docs: {
    short: 'Slurps a file from remote nodes',
    description: "Returns a file's content base64-encoded (decode it with the b64decode filter). Files over 64 MiB are refused (use fetch).",
    args: { src: 'The file to read (alias: path).' },
    returns: { content: 'The content, base64', encoding: 'Always base64', source: 'The path read' },
    examples: [{ title: 'Read a key', args: { src: '/etc/ssh/ssh_host_ed25519_key.pub' } }],
  },
  schema: { type: 'object', properties: { src: { type: 'string' } }, required: ['src'], additionalProperties: false },
  async run(ctx, given) {
    const args = { ...given, src: await expandHome(ctx, given.src) };
    const st = await ctx.probe.stat(args.src, { follow: true }).catch(() => null);
    if (!st?.exists || st.type === 'directory') return unreadable(ctx, args.src);
    if ((st.size ?? 0) > SLURP_MAX_BYTES) {
      return failed(`${args.src} is ${st.size} bytes; slurp returns a file's content in the task result and takes at most ${SLURP_MAX_BYTES} bytes: use fetch to copy a bigger file`);
    }
    const data = await ctx.probe.readFile(args.src).catch(() => null);
    if (data === null) return unreadable(ctx, args.src);
    // Encoded from the one buffer read, which is garbage once this returns: the string is the only copy kept.
    return ok({ content: data.toString('base64'), encoding: 'base64', source: args.src });
  },
});

/**
 * Why a path cannot be read, told apart on the host (as the become user) as Ansible tells its open() errors apart:
 * permission first (an unreadable directory is "not readable"), then directory, missing, or a file used as a directory.
 */
async function unreadable(ctx: ModuleContext, src: string): Promise<ModuleResult> {
  const q = shellQuote(src);
  const script = [
    `if [ -e ${q} ]; then`,
    `  if [ ! -r ${q} ]; then echo unreadable; elif [ -d ${q} ]; then echo directory; else echo unreadable; fi`,
    `else d=$(dirname -- ${q});`,
    '  if [ -e "$d" ] && [ ! -d "$d" ]; then echo notdir; elif [ -d "$d" ] && [ ! -x "$d" ]; then echo unreadable; else echo missing; fi',
    'fi',
  ].join('\n');
  const r = await ctx.probe.exec(script);
  switch (r.stdout.toString().trim()) {
    case 'unreadable': return failed(`file is not readable: ${src}`);
    case 'directory': return failed(`source is a directory and must be a file: ${src}`);
    case 'notdir': return failed(`unable to slurp file: Not a directory: ${src}`);
    default: return failed(`file not found: ${src}`);
  }
}
