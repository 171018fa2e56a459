import { changed, failed, ok } from '../../../engine/module/define';
import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../../engine/module/types';
import { planUnit, ServiceState, UnitPlan } from './systemd-plan';
import { parseUnitProbe, systemctl, SystemdScope, unitProbeScript, XDG_RUNTIME } from './unit-state';

/** The systemd module's arguments; the service module hands its own over as these. */
export interface SystemdArgs {
  name?: string;
  state?: ServiceState;
  enabled?: boolean;
  masked?: boolean;
  force?: boolean;
  daemon_reload: boolean;
  daemon_reexec: boolean;
  scope: SystemdScope;
  no_block: boolean;
}

/**
 * Ansible's argument rules the schema cannot say: a name for unit actions, no globs. (Its "one of state,
 * enabled, masked, daemon_reload…" rule never fires: daemon_reload's default counts as given, so a bare name
 * just reports the unit's status.)
 */
function argumentError(args: SystemdArgs): string | undefined {
  const needName = (['state', 'enabled', 'masked'] as const).find((k) => args[k] !== undefined);
  if (needName && !args.name) return `missing parameter(s) required by '${needName}': name`;
  const glob = args.name ? ['*', '?', '['].find((g) => args.name!.includes(g)) : undefined;
  if (glob) return `This module does not currently support using glob patterns, found '${glob}' in service name: ${args.name}`;
  return undefined;
}

async function managerCall(ctx: ModuleContext, ctl: string, verb: 'daemon-reload' | 'daemon-reexec'): Promise<string | undefined> {
  const r = await ctx.apply.exec(`${XDG_RUNTIME}; ${ctl} ${verb}`);
  return r.rc === 0 ? undefined : `failure ${r.rc} during ${verb}: ${r.stderr}`;
}

async function runSteps(ctx: ModuleContext, ctl: string, name: string, plan: UnitPlan): Promise<string | undefined> {
  const upTo = plan.error ? plan.error.afterSteps : plan.steps.length;
  for (const step of plan.steps.slice(0, upTo)) {
    const r = await ctx.apply.exec(`${XDG_RUNTIME}; ${ctl} ${step.verb} ${shellQuote(name)}`);
    if (r.rc !== 0 && step.failure) return step.failure(r.stdout, r.stderr);
  }
  return plan.error?.msg;
}

/**
 * systemd, shared by the systemd and service modules: daemon-reload/reexec first, then one probe of the unit,
 * then only the systemctl calls whose outcome differs from the unit's state (recorded, not run, in check mode).
 */
export async function runSystemd(ctx: ModuleContext, args: SystemdArgs): Promise<ModuleResult> {
  const argError = argumentError(args);
  if (argError) return failed(argError);
  const ctl = systemctl(args);
  for (const verb of ['daemon-reload', 'daemon-reexec'] as const) {
    const wanted = verb === 'daemon-reload' ? args.daemon_reload : args.daemon_reexec;
    const error = wanted ? await managerCall(ctx, ctl, verb) : undefined;
    if (error) return failed(error);
  }
  const base = { name: args.name ?? null, status: {} };
  if (!args.name) return ok(base);
  const probe = await ctx.probe.exec(unitProbeScript(args.name, ctl));
  const unit = parseUnitProbe(probe.stdout, args.scope);
  if (unit.missingBinary) return failed(unit.missingBinary);
  if (unit.isSystemd && !unit.masked && unit.status.LoadError !== undefined) {
    return failed(`Error loading unit file '${args.name}': ${unit.status.LoadError}`);
  }
  if (unit.isInitd && !unit.isSystemd) ctx.log('warning', `The service (${args.name}) is actually an init script but the system is managed by systemd`);
  const plan = planUnit({ name: args.name, state: args.state, enabled: args.enabled, masked: args.masked, scope: args.scope }, unit);
  const error = await runSteps(ctx, ctl, args.name, plan);
  if (error) return failed(error, plan.error?.status ? { status: plan.error.status } : {});
  const result = { ...base, status: unit.status, ...(plan.enabled !== undefined && { enabled: plan.enabled }), ...(plan.state !== undefined && { state: plan.state }) };
  return plan.steps.length > 0 ? changed(result) : ok(result);
}
