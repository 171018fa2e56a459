import { changed, defineModule, failed } from '../engine/module/define';
import { shellQuote } from '../engine/module/shell-quote';
import { statKeys } from './_lib/file-attrs';
import { optionalString } from './_lib/schema-parts';

interface Args {
  state: 'file' | 'directory';
  path?: string;
  prefix: string;
  suffix: string;
}

export default defineModule<Args>({
  name: 'tempfile',
  aliases: ['ansible.builtin.tempfile', 'ansible.legacy.tempfile'],
  supports: { checkMode: 'none', diff: false },
  docs: {
    short: 'Creates temporary files and directories',
    args: { state: 'file or directory.', path: 'Where to create it (default: the system temp dir).', prefix: 'Name prefix.', suffix: 'Name suffix.' },
    returns: { path: 'The path created' },
    examples: [{ title: 'A scratch directory', args: { state: 'directory', suffix: 'build' } }],
  },
  schema: {
    type: 'object',
    properties: {
      state: { type: 'string', enum: ['file', 'directory'], default: 'file' },
      path: optionalString,
      prefix: { type: 'string', default: 'ansible.' },
      suffix: { type: 'string', default: '' },
    },
    required: [],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const dir = args.path ? shellQuote(args.path) : '"${TMPDIR:-/tmp}"';
    const flags = `${args.state === 'directory' ? '-d ' : ''}${args.suffix ? `--suffix=${shellQuote(args.suffix)} ` : ''}`;
    // `--`: a prefix starting with a dash is a name, not an option.
    const r = await ctx.apply.exec(`mktemp ${flags}-p ${dir} -- ${shellQuote(`${args.prefix}XXXXXXXX`)}`);
    if (r.rc !== 0) return failed(r.stderr.trim() || 'mktemp failed');
    // Only mktemp's own newline goes: a suffix may end in whitespace.
    const path = r.stdout.replace(/\n$/, '');
    const st = await ctx.probe.stat(path);
    return changed({ path, ...statKeys(st) });
  },
});
