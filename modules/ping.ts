import { defineModule, ok } from '../engine/module/define';

interface Args {
  data: string;
}

export default defineModule<Args>({
  name: 'ping',
  aliases: ['ansible.builtin.ping', 'ansible.legacy.ping'],
  supports: { checkMode: 'full', diff: false },
  docs: {
    short: 'Try to connect to host, verify a usable shell, return pong on success',
    args: { data: "What to return as ping; 'crash' makes the module fail, for testing." },
    returns: { ping: 'The data given' },
    examples: [{ title: 'Check connectivity', args: {} }],
  },
  schema: { type: 'object', properties: { data: { type: 'string', default: 'pong' } }, required: [], additionalProperties: false },
  async run(ctx, args) {
    if (args.data === 'crash') throw new Error('boom');
    const r = await ctx.probe.exec('true');
    if (r.rc !== 0) throw new Error(`the host's shell does not work: ${r.stderr}`);
    return ok({ ping: args.data });
  },
});
