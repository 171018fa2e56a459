import { defineModule, failed, ok } from '../engine/module/define';

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
    // Ansible's module crashes here: scripts check the crash's traceback in module_stderr, so it is shaped like one.
    if (args.data === 'crash') {
      const traceback = 'Traceback (most recent call last):\n  File "ping", in main\nException: boom\n';
      return failed('MODULE FAILURE\nSee stdout/stderr for the exact error', { module_stdout: '', module_stderr: traceback, exception: traceback, rc: 1 });
    }
    const r = await ctx.probe.exec('true');
    if (r.rc !== 0) throw new Error(`the host's shell does not work: ${r.stderr}`);
    return ok({ ping: args.data });
  },
});
