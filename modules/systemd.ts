import { defineModule } from '../engine/module/define';
import { runSystemd, SystemdArgs } from './_lib/service/run-systemd';
import { optionalString } from './_lib/schema-parts';

const optionalBool = { type: 'boolean', nullable: true } as const;

export default defineModule<SystemdArgs>({
  name: 'systemd',
  aliases: ['ansible.builtin.systemd', 'ansible.legacy.systemd'],
  supports: { checkMode: 'full', diff: false },
  docs: {
    short: 'Manage systemd units',
    description: 'Starts, stops, restarts, reloads, enables and masks systemd units, and reloads the manager. The unit is probed once; only the systemctl calls that change something are run.',
    args: {
      name: 'The unit (".service" may be left out).',
      state: 'started and stopped act only when needed; restarted and reloaded always act (start a stopped unit).',
      enabled: 'Whether the unit starts on boot.',
      masked: 'Whether the unit is masked (cannot be started).',
      force: 'Pass --force to systemctl (overrides existing symlinks).',
      daemon_reload: 'Run daemon-reload before anything else (not in check mode).',
      daemon_reexec: 'Run daemon-reexec before anything else (not in check mode).',
      scope: 'system, user (the connecting user\'s manager) or global (all users).',
      no_block: 'Do not wait for the job to finish.',
    },
    returns: { name: 'The unit', status: 'systemctl show properties, before the change', enabled: 'Whether the unit is enabled now', state: 'started or stopped' },
    examples: [
      { title: 'Start and enable', args: { name: 'nginx', state: 'started', enabled: true } },
      { title: 'Reload units after writing a unit file', args: { daemon_reload: true } },
    ],
  },
  argAliases: { name: ['service', 'unit'], daemon_reload: ['daemon-reload'], daemon_reexec: ['daemon-reexec'] },
  schema: {
    type: 'object',
    properties: {
      name: optionalString,
      state: { type: 'string', enum: ['started', 'stopped', 'restarted', 'reloaded'], nullable: true },
      enabled: optionalBool,
      masked: optionalBool,
      force: optionalBool,
      daemon_reload: { type: 'boolean', default: false },
      daemon_reexec: { type: 'boolean', default: false },
      scope: { type: 'string', enum: ['system', 'user', 'global'], default: 'system' },
      no_block: { type: 'boolean', default: false },
    },
    required: [],
    additionalProperties: false,
  },
  run: runSystemd,
});
