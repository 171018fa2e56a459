import { Config } from '../config/types';
import { STDOUT_CALLBACKS } from '../output/select';

/**
 * The ansible.cfg sections ansible-core itself reads for a playbook run. Other sections configure plug-ins
 * (a Python connection or inventory plug-in tsible runs reads its own) or other tools (ansible-galaxy).
 */
const CORE_SECTIONS = new Set(['defaults', 'privilege_escalation', 'ssh_connection', 'persistent_connection', 'inventory', 'diff', 'colors', 'selinux']);

/** Core keys that change nothing tsible does: the cowsay banners tsible never draws. */
const WITHOUT_EFFECT = new Set(['nocows', 'cow_selection', 'cow_whitelist', 'cowsay_enabled_stencils', 'cowpath']);

/**
 * What a playbook or ad-hoc run says about its settings before it starts: the config file's own warnings,
 * then each setting tsible reads but cannot honour. These change no task's result, so they warn rather
 * than stop the run, as Ansible warns for a callback plugin it cannot load.
 */
export function settingWarnings(config: Config): string[] {
  const out = [...(config.warnings ?? [])];
  for (const name of config.defaults.callbacks_enabled ?? []) {
    // Ansible passes over a stdout callback named here (only stdout_callback picks one).
    if (STDOUT_CALLBACKS.includes(name.replace(/^ansible\.(builtin|posix)\./, ''))) continue;
    out.push(`Skipping callback plugin '${name}', unable to load: tsible has no callback plugins besides its stdout callbacks (${STDOUT_CALLBACKS.join(', ')})`);
  }
  for (const { section, key, origin } of config.ignored_settings ?? []) {
    if (!CORE_SECTIONS.has(section) || WITHOUT_EFFECT.has(key)) continue;
    out.push(`${origin.file}:${origin.line}: tsible does not support the setting '${key}' in [${section}]; it has no effect here, and the run may differ from ansible-playbook's`);
  }
  if (config.defaults.retry_files_enabled) {
    out.push('retry_files_enabled is set, but tsible writes no .retry files; the PLAY RECAP names the hosts that failed');
  }
  return out;
}
