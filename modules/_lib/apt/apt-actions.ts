import type { ExecResult } from '../../../engine/connection/connection';
import { changed, failed, ok } from '../../../engine/module/define';
import { shellJoin } from '../../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../../engine/module/types';
import type { AptArgs } from './apt-args';
import { APT_ENV, applyWithLock, cleanupCommand, withPolicyRcD, installCommand, removeCommand, upgradeCommand, upgradeVerb } from './apt-exec';
import { aptChangedSomething, preparedDiff } from './apt-output';
import type { HostPackages } from './package-state';
import { autoMarked, planInstall, planRemove } from './plan';

/**
 * A command that changes the host, or in check mode its `--simulate` twin run as a probe: apt-get
 * simulating reads state only, and its output is the prediction (and the diff) check mode shows.
 */
export async function runOrSimulate(ctx: ModuleContext, args: AptArgs, real: string, simulated: string): Promise<ExecResult> {
  if (!ctx.check) return applyWithLock(ctx, args, withPolicyRcD(real, args.policy_rc_d));
  ctx.actions.push({ kind: 'exec', target: real });
  return ctx.probe.exec(simulated, { env: APT_ENV });
}

function diffOf(ctx: ModuleContext, out: string): Record<string, unknown> {
  return ctx.diff ? { diff: preparedDiff(out) } : {};
}

/** Virtual names stay only when installing them would install something (no provider is there yet). */
async function neededVirtuals(ctx: ModuleContext, args: AptArgs, virtual: string[], aptOptions: string[]): Promise<string[]> {
  if (virtual.length === 0) return [];
  const r = await ctx.probe.exec(installCommand(args, virtual, { simulate: true, aptOptions }), { env: APT_ENV });
  return r.rc !== 0 || aptChangedSomething(r.stdout) ? virtual : [];
}

export interface InstallRequest {
  specs: string[];
  host: HostPackages;
  aptOptions: string[];
  cacheKeys: { cache_updated: boolean; cache_update_time: number };
}

/** state present / latest / fixed: install what is missing (or outdated), as Ansible decides it. */
export async function installPackages(ctx: ModuleContext, args: AptArgs, req: InstallRequest): Promise<ModuleResult> {
  const plan = planInstall(req.specs, req.host, { upgrade: args.state === 'latest', onlyUpgrade: args.only_upgrade });
  if (!plan.ok) return failed(plan.msg, req.cacheKeys);
  const packages = [...plan.packages, ...(await neededVirtuals(ctx, args, plan.virtual, req.aptOptions))];
  let result: ModuleResult = ok(req.cacheKeys);
  if (packages.length > 0) {
    const fixed = args.state === 'fixed';
    const real = installCommand(args, packages, { fixed });
    const simulated = installCommand(args, packages, { fixed, simulate: true, aptOptions: req.aptOptions });
    const r = await runOrSimulate(ctx, args, real, simulated);
    if (r.rc !== 0) return failed(`'${ctx.check ? simulated : real}' failed: ${r.stderr}`, { stdout: r.stdout, stderr: r.stderr, rc: r.rc, ...req.cacheKeys });
    result = changed({ stdout: r.stdout, stderr: r.stderr, ...diffOf(ctx, r.stdout), ...req.cacheKeys });
  }
  // Like Ansible, named packages become manually installed, so autoremove never takes them; not a change.
  const auto = autoMarked(plan.names, req.host);
  if (auto.length > 0 && !ctx.check) {
    const r = await applyWithLock(ctx, args, shellJoin(['apt-mark', 'manual', ...auto]));
    if (r.rc !== 0) return failed(`'apt-mark manual ${auto.join(' ')}' failed: ${r.stderr}`, { stdout: r.stdout, stderr: r.stderr, rc: r.rc });
  }
  return result;
}

/** state absent: remove (or purge) what is there. */
export async function removePackages(ctx: ModuleContext, args: AptArgs, specs: string[], host: HostPackages): Promise<ModuleResult> {
  const packages = planRemove(specs, host, args.purge);
  if (packages.length === 0) return ok();
  const r = await runOrSimulate(ctx, args, removeCommand(args, packages, false), removeCommand(args, packages, true));
  if (r.rc !== 0) return failed(`'apt-get remove ${packages.join(' ')}' failed: ${r.stderr}`, { stdout: r.stdout, stderr: r.stderr, rc: r.rc });
  return changed({ stdout: r.stdout, stderr: r.stderr, ...diffOf(ctx, r.stdout) });
}

/** upgrade: yes/safe/dist/full, or state=latest with name '*'. */
export async function upgradeAll(ctx: ModuleContext, args: AptArgs): Promise<ModuleResult> {
  const r = await runOrSimulate(ctx, args, upgradeCommand(args, false), upgradeCommand(args, true));
  if (r.rc !== 0) return failed(`'apt-get ${upgradeVerb(args)}' failed: ${r.stderr}`, { stdout: r.stdout, rc: r.rc });
  const keys = { msg: r.stdout, stdout: r.stdout, stderr: r.stderr };
  return aptChangedSomething(r.stdout) ? changed({ ...keys, ...diffOf(ctx, r.stdout) }) : ok(keys);
}

const CLEANUP_CHANGED = { autoremove: 'The following packages will be REMOVED', autoclean: 'Del ' };

/** autoremove / autoclean with no packages named. */
export async function cleanup(ctx: ModuleContext, args: AptArgs, operation: 'autoremove' | 'autoclean'): Promise<ModuleResult> {
  const r = await runOrSimulate(ctx, args, cleanupCommand(args, operation, false), cleanupCommand(args, operation, true));
  if (r.rc !== 0) return failed(`'apt-get ${operation}' failed: ${r.stderr}`, { stdout: r.stdout, stderr: r.stderr, rc: r.rc });
  const keys = { stdout: r.stdout, stderr: r.stderr, ...diffOf(ctx, r.stdout) };
  return r.stdout.includes(CLEANUP_CHANGED[operation]) ? changed(keys) : ok(keys);
}
