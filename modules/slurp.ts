import { defineModule, failed, ok } from '../engine/module/define';

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
  async run(ctx, args) {
    const st = await ctx.probe.stat(args.src, { follow: true });
    if (!st.exists) return failed(`file not found: ${args.src}`);
    if (st.type === 'directory') return failed(`source is a directory and must be a file: ${args.src}`);
    if ((st.size ?? 0) > SLURP_MAX_BYTES) {
      return failed(`${args.src} is ${st.size} bytes; slurp returns a file's content in the task result and takes at most ${SLURP_MAX_BYTES} bytes: use fetch to copy a bigger file`);
    }
    const data = await ctx.probe.readFile(args.src);
    if (data === null) return failed(`file not found: ${args.src}`);
    // Encoded from the one buffer read, which is garbage once this returns: the string is the only copy kept.
    return ok({ content: data.toString('base64'), encoding: 'base64', source: args.src });
  },
});
