import { defineModule, failed } from '../engine/module/define';

interface Args {
  msg: string;
}

export default defineModule<Args>({
  name: 'fail',
  aliases: ['ansible.builtin.fail', 'ansible.legacy.fail'],
  supports: { checkMode: 'full', diff: false },
  // Ansible's action plugin makes this result itself: it carries no module's invocation.
  invocation: false,
  discoversPython: false,
  docs: {
    short: 'Fail with custom message',
    args: { msg: 'The failure message.' },
    examples: [{ title: 'Stop on bad input', args: { msg: 'version must be set' } }],
  },
  schema: { type: 'object', properties: { msg: { type: 'string', default: 'Failed as requested from task' } }, required: [], additionalProperties: false },
  async run(_ctx, args) {
    return failed(args.msg);
  },
});
