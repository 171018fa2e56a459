import { controllerPython } from '../config/controller-python';
import { CommonOptions } from './options';
import { RunSettings } from './run-settings';

/**
 * The magic variables Ansible derives from its command line (ansible_forks, ansible_limit…) and from the
 * controller (ansible_playbook_python, ansible_config_file). ansible_limit exists only when --limit was given.
 */
export function optionVars(opts: CommonOptions, settings: RunSettings, configFile: string | undefined, env: NodeJS.ProcessEnv): Record<string, unknown> {
  const vars: Record<string, unknown> = {
    ansible_forks: settings.forks,
    ansible_verbosity: settings.verbosity,
    ansible_inventory_sources: settings.inventory,
    ansible_config_file: configFile ?? null,
    ansible_playbook_python: controllerPython(env),
  };
  if (opts.limit !== undefined) vars.ansible_limit = opts.limit;
  return vars;
}
