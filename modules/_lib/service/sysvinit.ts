import { changed, failed, ok } from '../../../engine/module/define';
import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../../engine/module/types';
import { parseSections, section } from './probe-script';
import type { ServiceState } from './systemd-plan';

export interface SysvArgs {
  name: string;
  state?: ServiceState;
  enabled?: boolean;
  pattern?: string;
  arguments?: string;
}

interface SysvState {
  exists: boolean;
  running: boolean;
  /** Start links in any runlevel. */
  enabled: boolean;
  hasLinks: boolean;
}

function probeScript(args: SysvArgs): string {
  const q = shellQuote(args.name);
  // Without a status action, a `pattern` (or the name) found in the process list tells whether it runs.
  const running = args.pattern !== undefined
    ? `ps -eo args | grep -v grep | grep -q -- ${shellQuote(args.pattern)} && echo yes`
    : `service ${q} status >/dev/null 2>&1 && echo yes`;
  return [
    `${section('exists')}; [ -x /etc/init.d/${q} ] && echo yes`,
    `${section('running')}; ${running}`,
    `${section('enabled')}; ls /etc/rc[2345].d/S??${q} >/dev/null 2>&1 && echo yes`,
    `${section('links')}; ls /etc/rc?.d/[SK]??${q} >/dev/null 2>&1 && echo yes`,
    'true',
  ].join('\n');
}

async function probe(ctx: ModuleContext, args: SysvArgs): Promise<SysvState> {
  const s = parseSections((await ctx.probe.exec(probeScript(args))).stdout);
  return { exists: s.exists === 'yes', running: s.running === 'yes', enabled: s.enabled === 'yes', hasLinks: s.links === 'yes' };
}

function commands(args: SysvArgs, st: SysvState): string[] {
  const q = shellQuote(args.name);
  const out: string[] = [];
  if (args.enabled !== undefined && args.enabled !== st.enabled) {
    // update-rc.d can only toggle links that exist: a never-installed script gets its default links first.
    if (!st.hasLinks) out.push(`update-rc.d ${q} defaults`);
    out.push(`update-rc.d ${q} ${args.enabled ? 'enable' : 'disable'}`);
  }
  const extra = args.arguments ? ` ${args.arguments}` : '';
  if (args.state === 'started' && !st.running) out.push(`service ${q} start${extra}`);
  if (args.state === 'stopped' && st.running) out.push(`service ${q} stop${extra}`);
  if (args.state === 'restarted') out.push(`service ${q} restart${extra}`);
  if (args.state === 'reloaded') out.push(`service ${q} ${st.running ? 'reload' : 'start'}${extra}`);
  return out;
}

/** A SysV init service (hosts whose PID 1 is not systemd): init scripts through `service`, boot links through update-rc.d. */
export async function runSysv(ctx: ModuleContext, args: SysvArgs): Promise<ModuleResult> {
  const st = await probe(ctx, args);
  if (!st.exists) return failed(`Could not find the requested service ${args.name}: cannot ${args.state ? 'change state' : 'enable'}`);
  const todo = commands(args, st);
  for (const cmd of todo) {
    const r = await ctx.apply.exec(cmd);
    if (r.rc !== 0) return failed(`${r.stderr}${r.stdout}`.trim() || `'${cmd}' failed with rc ${r.rc}`, { rc: r.rc, changed: true });
  }
  const result = {
    name: args.name,
    ...(args.state !== undefined && { state: args.state === 'stopped' ? 'stopped' : 'started' }),
    ...(args.enabled !== undefined && { enabled: args.enabled }),
  };
  return todo.length > 0 ? changed(result) : ok(result);
}
