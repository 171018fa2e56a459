import { defineModule, failed } from '../engine/module/define';
import { checkArgs } from '../engine/module/validate';
import type { AnyModule, ModuleContext } from '../engine/module/types';
import { runSystemd } from './_lib/service/run-systemd';
import type { ServiceState } from './_lib/service/systemd-plan';
import { runSysv } from './_lib/service/sysvinit';
import { optionalString } from './_lib/schema-parts';
import setup from './setup';

interface Args {
  name: string;
  state?: ServiceState;
  enabled?: boolean;
  pattern?: string;
  runlevel?: string;
  sleep?: number;
  arguments?: string;
  use: string;
  daemon_reload?: boolean;
  daemon_reexec?: boolean;
  scope?: 'system' | 'user' | 'global';
  no_block?: boolean;
  masked?: boolean;
  force?: boolean;
}

/** Arguments systemd has no use for; Ansible drops them with a warning when it hands the task to systemd. */
const NOT_FOR_SYSTEMD = ['pattern', 'runlevel', 'sleep', 'arguments'] as const;

/**
 * The systemd module's own options: Ansible's service action hands the task's arguments to systemd as they
 * are, so these work on a systemd host; the sysvinit module refuses them as unknown.
 */
const SYSTEMD_ONLY = ['daemon_reload', 'daemon_reexec', 'scope', 'no_block', 'masked', 'force'] as const;

/**
 * The service manager as Ansible's service action finds it: `use`, then the gathered fact, else the fact
 * gathered now (setup with only service_mgr, as Ansible runs it).
 */
async function serviceManager(ctx: ModuleContext, use: string): Promise<string> {
  if (use !== 'auto') return use;
  const facts = ctx.vars.ansible_facts as Record<string, unknown> | undefined;
  const known = ctx.vars.ansible_service_mgr ?? facts?.service_mgr;
  if (typeof known === 'string' && known) return known;
  const gatherer: AnyModule = setup;
  const gathered = await gatherer.run(ctx, checkArgs(gatherer, { gather_subset: ['!all'], filter: ['ansible_service_mgr'] }, { stage: 'run' }));
  const mgr = (gathered.ansible_facts as Record<string, unknown> | undefined)?.ansible_service_mgr;
  return typeof mgr === 'string' ? mgr : 'auto';
}

export default defineModule<Args>({
  name: 'service',
  aliases: ['ansible.builtin.service', 'ansible.legacy.service'],
  supports: { checkMode: 'full', diff: false },
  // Ansible's action hands another module arguments it makes (a temp src, the manager's module): that
  // invocation is not this task's arguments, and tsible has no such module run to show.
  invocation: false,
  docs: {
    short: 'Manage services',
    description: 'Starts, stops, restarts, reloads and enables services through the host\'s service manager: systemd (as the systemd module does) or SysV init scripts.',
    args: {
      name: 'The service.',
      state: 'started and stopped act only when needed; restarted and reloaded always act.',
      enabled: 'Whether the service starts on boot.',
      pattern: 'SysV only: a text to look for in the process list when the init script has no status action.',
      runlevel: 'Accepted for compatibility; ignored under systemd.',
      sleep: 'Accepted for compatibility; ignored under systemd.',
      arguments: 'SysV only: extra words given to the init script.',
      use: 'The service manager to use (systemd, sysvinit); auto reads it from facts or the host.',
      daemon_reload: 'systemd only, handed to the systemd module as Ansible does: reload unit files first.',
      daemon_reexec: 'systemd only: re-execute the systemd manager first.',
      scope: 'systemd only: system, user or global.',
      no_block: 'systemd only: do not wait for the job to finish.',
      masked: 'systemd only: mask or unmask the unit.',
      force: 'systemd only: override existing symlinks.',
    },
    returns: { name: 'The service', state: 'started or stopped', enabled: 'Whether it is enabled', status: 'Under systemd: systemctl show properties' },
    examples: [{ title: 'Restart a service', args: { name: 'ssh', state: 'restarted' } }],
  },
  argAliases: { arguments: ['args'], daemon_reload: ['daemon-reload'], daemon_reexec: ['daemon-reexec'] },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      state: { type: 'string', enum: ['started', 'stopped', 'restarted', 'reloaded'], nullable: true },
      enabled: { type: 'boolean', nullable: true },
      pattern: optionalString,
      runlevel: optionalString,
      sleep: { type: 'integer', nullable: true },
      arguments: optionalString,
      use: { type: 'string', default: 'auto' },
      daemon_reload: { type: 'boolean', nullable: true },
      daemon_reexec: { type: 'boolean', nullable: true },
      scope: { type: 'string', enum: ['system', 'user', 'global'], nullable: true },
      no_block: { type: 'boolean', nullable: true },
      masked: { type: 'boolean', nullable: true },
      force: { type: 'boolean', nullable: true },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const manager = await serviceManager(ctx, args.use.toLowerCase());
    if (manager !== 'systemd') {
      const systemdOnly = SYSTEMD_ONLY.filter((key) => args[key] !== undefined && args[key] !== null);
      if (systemdOnly.length) return failed(`Unsupported parameters for (sysvinit) module: ${systemdOnly.join(', ')}. Supported parameters include: arguments, daemonize, enabled, name, pattern, runlevels, sleep, state (args, service).`);
      return runSysv(ctx, args);
    }
    for (const key of NOT_FOR_SYSTEMD) {
      if (args[key] !== undefined) ctx.log('warning', `Ignoring "${key}" as it is not used in "systemd"`);
    }
    return runSystemd(ctx, {
      name: args.name, state: args.state, enabled: args.enabled, masked: args.masked ?? undefined, force: args.force ?? undefined,
      daemon_reload: args.daemon_reload ?? false, daemon_reexec: args.daemon_reexec ?? false, scope: args.scope ?? 'system', no_block: args.no_block ?? false,
    });
  },
});
