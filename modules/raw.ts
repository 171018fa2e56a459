import { defineModule, failed, changed } from '../engine/module/define';
import { shellQuote } from '../engine/module/shell-quote';
import { outputKeys } from './_lib/run-command';
import { optionalString } from './_lib/schema-parts';

interface Args {
  cmd: string;
  executable?: string;
}

export default defineModule<Args>({
  name: 'raw',
  aliases: ['ansible.builtin.raw', 'ansible.legacy.raw'],
  supports: { checkMode: 'none', diff: false },
  // Ansible's action plug-in for it refuses async.
  async: false,
  // Ansible's action plugin makes this result itself: it carries no module's invocation.
  invocation: false,
  discoversPython: false,
  freeForm: 'cmd',
  docs: {
    short: 'Executes a low-down and dirty command',
    description: 'Runs the text as given through the shell, with nothing else on the host needed; output keeps its trailing newline.',
    args: { cmd: 'The command line (free-form).', executable: 'The shell to run it with.' },
    examples: [{ title: 'Bootstrap python', args: { cmd: 'apt-get install -y python3' } }],
  },
  schema: {
    type: 'object',
    properties: { cmd: { type: 'string' }, executable: optionalString },
    required: ['cmd'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const line = args.executable ? `${shellQuote(args.executable)} -c ${shellQuote(args.cmd)}` : args.cmd;
    const r = await ctx.apply.exec(line);
    const keys = outputKeys(r, false);
    if (r.rc !== 0) return failed('non-zero return code', { ...keys, changed: true });
    return changed(keys);
  },
});
