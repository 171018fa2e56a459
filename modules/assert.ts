import { defineModule, failed, ok } from '../engine/module/define';
import { optionalString } from './_lib/schema-parts';

interface Args {
  that: string[];
  fail_msg?: string;
  success_msg: string;
  quiet: boolean;
}

export default defineModule<Args>({
  name: 'assert',
  aliases: ['ansible.builtin.assert', 'ansible.legacy.assert'],
  supports: { checkMode: 'full', diff: false },
  // Ansible's action plugin makes this result itself: it carries no module's invocation.
  invocation: false,
  discoversPython: false,
  argAliases: { fail_msg: ['msg'] },
  docs: {
    short: 'Asserts given expressions are true',
    args: {
      that: 'Conditional expressions (as in when:), all of which must be true.',
      fail_msg: "Message when one is false (alias: msg; default 'Assertion failed').",
      success_msg: 'Message when all are true.',
      quiet: 'Keep the success output short.',
    },
    examples: [{ title: 'Check inputs', args: { that: ['port | int > 0', 'env in ["prod", "dev"]'], fail_msg: 'bad input' } }],
  },
  schema: {
    type: 'object',
    properties: {
      that: { type: 'array', items: { type: 'string' } },
      fail_msg: optionalString,
      success_msg: { type: 'string', default: 'All assertions passed' },
      quiet: { type: 'boolean', default: false },
    },
    required: ['that'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    for (const expr of args.that) {
      if (!ctx.controller.evaluate(expr)) {
        return failed(args.fail_msg ?? 'Assertion failed', { assertion: expr, evaluated_to: false });
      }
    }
    return ok({ msg: args.success_msg, ...(args.quiet ? {} : { _ansible_verbose_always: true }) });
  },
});
