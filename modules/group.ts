import { changed, defineModule, failed, ok } from '../engine/module/define';
import { shellJoin } from '../engine/module/shell-quote';
import type { ModuleContext } from '../engine/module/types';
import { nonEmptyOutput, probeAccount } from './_lib/users/account';

interface Args {
  name: string;
  state: 'present' | 'absent';
  gid?: number;
  system: boolean;
  non_unique: boolean;
}

/** The command a group needs: groupadd, groupmod for a differing gid, groupdel; none when it is as asked. */
function planGroup(args: Args, current: { gid: number } | undefined): string[] | undefined {
  if (args.state === 'absent') return current ? ['groupdel', args.name] : undefined;
  const gid = args.gid !== undefined ? ['-g', String(args.gid), ...(args.non_unique ? ['-o'] : [])] : [];
  if (!current) return ['groupadd', ...gid, ...(args.system ? ['-r'] : []), args.name];
  return args.gid !== undefined && current.gid !== args.gid ? ['groupmod', ...gid, args.name] : undefined;
}

async function lookUp(ctx: ModuleContext, args: Args, tool: string) {
  const st = await probeAccount(ctx, args.name, [tool]);
  return { group: st.groups.find((g) => g.name === args.name), missing: st.missingBinary };
}

export default defineModule<Args>({
  name: 'group',
  aliases: ['ansible.builtin.group', 'ansible.legacy.group'],
  supports: { checkMode: 'full', diff: false },
  docs: {
    short: 'Manage groups',
    description: 'Creates, renumbers and removes local groups with groupadd, groupmod and groupdel.',
    args: {
      name: 'The group.',
      state: 'present or absent.',
      gid: 'The group id.',
      system: 'Create a system group (only when the group is created).',
      non_unique: 'Allow a gid another group has (with gid).',
    },
    returns: { gid: 'The group id', system: 'The system argument' },
    examples: [{ title: 'A group with a fixed gid', args: { name: 'app', gid: 1500 } }],
  },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      state: { type: 'string', enum: ['present', 'absent'], default: 'present' },
      gid: { type: 'integer', nullable: true },
      system: { type: 'boolean', default: false },
      non_unique: { type: 'boolean', default: false },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    if (args.non_unique && args.gid === undefined) return failed('non_unique is True but all of the following are missing: gid');
    const tool = args.state === 'absent' ? 'groupdel' : 'groupadd';
    const before = await lookUp(ctx, args, tool);
    if (before.missing) return failed(before.missing);
    const argv = planGroup(args, before.group);
    const base = { name: args.name, state: args.state };
    if (!argv) return ok({ ...base, ...(before.group && { system: args.system, gid: before.group.gid }) });
    // A new or removed group in check mode: Ansible reports only that it would change.
    if (ctx.check && argv[0] !== 'groupmod') return changed();
    const r = await ctx.apply.exec(shellJoin(argv));
    const out = nonEmptyOutput(r);
    if (r.rc !== 0) return failed(r.stderr, { name: args.name });
    const after = ctx.check ? before : await lookUp(ctx, args, tool);
    return changed({ ...base, ...out, ...(after.group && { system: args.system, gid: after.group.gid }) });
  },
});
