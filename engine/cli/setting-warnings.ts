import { Config } from '../config/types';
import { STDOUT_CALLBACKS } from '../output/select';

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
  if (config.defaults.retry_files_enabled) {
    out.push('retry_files_enabled is set, but tsible writes no .retry files; the PLAY RECAP names the hosts that failed');
  }
  return out;
}
