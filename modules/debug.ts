import { defineModule, ok } from '../engine/module/define';
import { anyValue, optionalString } from './_lib/schema-parts';

interface Args {
  msg?: unknown;
  var?: string;
  verbosity: number;
}

const UNDEFINED = 'VARIABLE IS NOT DEFINED!';

/** A variable by dotted/bracketed path (`a.b[0]`), or UNDEFINED. */
function lookup(vars: Readonly<Record<string, unknown>>, path: string): unknown {
  let value: unknown = vars;
  for (const part of path.split(/\.|\[["']?|["']?\]/).filter(Boolean)) {
    if (value === null || typeof value !== 'object' || !(part in value)) return UNDEFINED;
    value = (value as Record<string, unknown>)[part];
  }
  return value;
}

export default defineModule<Args>({
  name: 'debug',
  aliases: ['ansible.builtin.debug', 'ansible.legacy.debug'],
  supports: { checkMode: 'full', diff: false },
  // Ansible's action plugin makes this result itself: it carries no module's invocation.
  invocation: false,
  discoversPython: false,
  mutuallyExclusive: [['msg', 'var']],
  docs: {
    short: 'Print statements during execution',
    description: 'Shows a message or a variable. Arguments arrive templated; `var` names a variable looked up in the task vars. The executor skips the task when -v is below verbosity.',
    args: { msg: "The message (default 'Hello world!').", var: 'A variable name to show.', verbosity: 'Only shown at this -v level or above.' },
    examples: [{ title: 'Show a message', args: { msg: 'deploying' } }, { title: 'Show a variable', args: { var: 'ansible_hostname' } }],
  },
  schema: {
    type: 'object',
    properties: { msg: anyValue, var: optionalString, verbosity: { type: 'integer', default: 0 } },
    required: [],
    additionalProperties: false,
  },
  async run(ctx, args) {
    if (args.var !== undefined) {
      const value = lookup(ctx.vars, args.var);
      return ok({ [args.var]: value, _ansible_verbose_always: true });
    }
    return ok({ msg: args.msg ?? 'Hello world!', _ansible_verbose_always: true });
  },
});
