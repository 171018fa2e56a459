import { changed, failed, ok } from '../../../engine/module/define';
import { shellJoin, shellQuote } from '../../../engine/module/shell-quote';
import { shlexSplit } from '../shlex';
import type { ModuleContext, ModuleResult } from '../../../engine/module/types';
import { parseSections, probeSections } from './probe-script';
import type { ServiceState } from './systemd-plan';
import { sysvAction, sysvNeedsAction, sysvRunning } from './sysv-status';

export interface SysvArgs {
  name: string;
  state?: ServiceState;
  enabled?: boolean;
  pattern?: string;
  arguments?: string;
  sleep?: number;
}

/** One part of `status` as Ansible's sysvinit module reports it: whether it changed and what its command said. */
interface Outcome {
  changed: boolean;
  rc: number | null;
  stdout: string | null;
  stderr: string | null;
}

const untouched = (): Outcome => ({ changed: false, rc: null, stdout: null, stderr: null });

function probeScript(args: SysvArgs, script: string): string {
  const q = shellQuote(args.name);
  const { header, section } = probeSections();
  return [
    header,
    `${section('exists')}; [ -e ${shellQuote(script)} ] && echo yes`,
    `${section('enabled')}; ls /etc/rc?.d/S??${q} >/dev/null 2>&1 && echo yes`,
    args.pattern !== undefined
      ? `${section('ps')}; ps auxww | grep -F -- ${shellQuote(args.pattern)} | grep -v 'grep -F' | head -1`
      : `${section('status')}; if command -v service >/dev/null; then service ${q} status; else ${shellQuote(script)} status; fi 2>/dev/null; echo "rc=$?"`,
    'true',
  ].join('\n');
}

function running(args: SysvArgs, s: Record<string, string>, ctx: ModuleContext): boolean {
  if (args.pattern !== undefined) return (s.ps ?? '') !== '';
  const m = /(?:^|\n)rc=(\d+)$/.exec(s.status ?? '');
  const out = m ? (s.status ?? '').slice(0, m.index + 1) : '';
  const verdict = sysvRunning(args.name, m ? Number(m[1]) : 255, out);
  if (verdict === undefined) ctx.log('warning', 'Unable to determine if service is up, assuming it is down');
  return verdict ?? false;
}

/** Runs a command and records what it said; only the init script's failures fail the task (update-rc.d's do not in Ansible). */
async function runRecorded(ctx: ModuleContext, command: string, failure?: string): Promise<Outcome | ModuleResult> {
  if (ctx.check) return { ...untouched(), changed: true };
  const r = await ctx.apply.exec(command);
  if (r.rc !== 0 && failure) return failed(failure, { rc: r.rc, stdout: r.stdout, stderr: r.stderr });
  return { changed: true, rc: r.rc, stdout: r.stdout, stderr: r.stderr };
}

/**
 * A SysV init service (hosts whose service manager is not systemd), as Ansible's sysvinit module manages it:
 * boot links through update-rc.d, the run state through the init script itself.
 */
export async function runSysv(ctx: ModuleContext, args: SysvArgs): Promise<ModuleResult> {
  if (args.state === undefined && args.enabled === undefined) return failed('one of the following is required: state, enabled');
  const script = args.name.startsWith('/') ? args.name : `/etc/init.d/${args.name}`;
  const s = parseSections((await ctx.probe.exec(probeScript(args, script))).stdout);
  if (s.exists !== 'yes') return failed(`Could not find the requested service ${args.name}: `);
  const isRunning = running(args, s, ctx);
  let enabled: Outcome | ModuleResult = untouched();
  if (args.enabled !== undefined && args.enabled !== (s.enabled === 'yes')) {
    const command = `update-rc.d ${shellQuote(args.name)} ${args.enabled ? 'defaults' : 'disable'}`;
    enabled = await runRecorded(ctx, command);
  }
  if ('failed' in enabled) return enabled;
  let stateOutcome: Outcome | ModuleResult = untouched();
  const action = args.state ? sysvAction(args.state) : undefined;
  if (action && sysvNeedsAction(action, isRunning)) {
    // Words, as Ansible splits them (shlex, no shell): `;` or `$(…)` in arguments are only text.
    const extra = args.arguments ? ` ${shellJoin(shlexSplit(args.arguments))}` : ' ';
    const pause = `; sleep ${args.sleep ?? 1}`;
    const command = action === 'restart'
      ? `${shellQuote(script)} stop${extra}${pause} && ${shellQuote(script)} start${extra}${pause}`
      : `${shellQuote(script)} ${action}${extra}`;
    stateOutcome = await runRecorded(ctx, command, `Failed to ${action} service: ${args.name}`);
  }
  if ('failed' in stateOutcome) return stateOutcome;
  // Ansible keys the state's part by the state asked for, even when none was (then the key is "null").
  const status = { enabled, [String(args.state ?? null)]: stateOutcome };
  const result = { name: args.name, status };
  return enabled.changed || stateOutcome.changed ? changed(result) : ok(result);
}
