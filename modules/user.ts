import { changed, defineModule, failed } from '../engine/module/define';
import { shellJoin, shellQuote } from '../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { AccountState, nonEmptyOutput, probeAccount } from './_lib/users/account';
import { looksUnhashed, planCreate, planModify, planRemove, UserWish } from './_lib/users/user-plan';
import { userDocs, userSchema } from './_lib/users/user-schema';

type Args = UserWish & { state: 'present' | 'absent' };

const TOOLS: Record<Args['state'], string[]> = { present: ['useradd', 'usermod'], absent: ['userdel'] };

/** Runs one account command; its output is part of the result when not empty, as Ansible shows it. */
async function runArgv(ctx: ModuleContext, argv: string[]): Promise<{ rc: number; out: Record<string, unknown> }> {
  const r = await ctx.apply.exec(shellJoin(argv));
  return { rc: r.rc, out: nonEmptyOutput(r) };
}

/** A home whose parent is missing is made (from the skeleton) before useradd, which cannot make parents. */
function homeCommand(home: string, skeleton = '/etc/skel'): string {
  return `mkdir -p ${shellQuote(home)} && cp -a ${shellQuote(skeleton)}/. ${shellQuote(home)} 2>/dev/null; true`;
}

/** The account's values Ansible reports for a present user; the missing home is made here too. */
async function describeUser(ctx: ModuleContext, args: Args, st: AccountState): Promise<{ keys: Record<string, unknown>; madeHome: boolean }> {
  const info = st.user!;
  const keys = { uid: info.uid, group: info.gid, comment: info.comment, home: info.home, shell: info.shell, ...(args.groups && { groups: args.groups.join(',') }) };
  if (st.homeExists || !args.create_home) return { keys, madeHome: false };
  const home = args.home ?? info.home;
  await ctx.apply.exec(`${homeCommand(home, args.skeleton)}; chown -R ${info.uid}:${info.gid} ${shellQuote(home)}`);
  return { keys, madeHome: true };
}

async function absent(ctx: ModuleContext, args: Args, st: AccountState): Promise<ModuleResult> {
  const base = { name: args.name, state: args.state };
  if (!st.user) return { ...base, changed: false };
  if (ctx.check) return changed();
  const r = await runArgv(ctx, planRemove(args));
  if (r.rc !== 0) return failed(String(r.out.stderr ?? ''), { name: args.name, rc: r.rc });
  return changed({ ...base, force: args.force, remove: args.remove, ...r.out });
}

async function present(ctx: ModuleContext, args: Args, st: AccountState): Promise<ModuleResult> {
  const creating = !st.user;
  if (creating && ctx.check) return changed();
  const plan = creating ? planCreate(args, st) : planModify(args, st);
  if ('error' in plan) return failed(plan.error);
  const premadeHome = creating && args.home !== undefined && args.create_home && !st.homeParentExists ? args.home : undefined;
  if (premadeHome) await ctx.apply.exec(homeCommand(premadeHome, args.skeleton));
  const ran = 'argv' in plan ? await runArgv(ctx, plan.argv) : undefined;
  if (ran && ran.rc !== 0) return failed(String(ran.out.stderr ?? ''), { name: args.name, rc: ran.rc });
  const after = ran && !ctx.check ? await probeAccount(ctx, args.name, [], args.home) : st;
  if (premadeHome && after.user) await ctx.apply.exec(`chown -R ${after.user.uid}:${after.user.gid} ${shellQuote(premadeHome)}`);
  const extra = creating ? { system: args.system, create_home: args.create_home } : { append: args.append, move_home: args.move_home };
  const { keys, madeHome } = await describeUser(ctx, args, after);
  const result = { name: args.name, state: args.state, ...extra, ...(args.password !== undefined && { password: 'NOT_LOGGING_PASSWORD' }), ...ran?.out, ...keys };
  return { ...result, changed: ran !== undefined || madeHome };
}

export default defineModule<Args>({
  name: 'user',
  aliases: ['ansible.builtin.user', 'ansible.legacy.user'],
  supports: { checkMode: 'full', diff: false },
  noLogArgs: ['password'],
  docs: userDocs,
  argAliases: { name: ['user'], create_home: ['createhome'] },
  schema: userSchema,
  async run(ctx, args) {
    if (args.password && looksUnhashed(args.password)) {
      ctx.log('warning', "The input password appears not to have been hashed. The 'password' argument must be encrypted for this module to work properly.");
    }
    const st = await probeAccount(ctx, args.name, TOOLS[args.state], args.home);
    if (st.missingBinary) return failed(st.missingBinary);
    return args.state === 'absent' ? absent(ctx, args, st) : present(ctx, args, st);
  },
});
