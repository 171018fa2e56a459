import { loadPluginFilters, PluginFilters } from '../config/plugin-filters';
import { Config } from '../config/types';
import { ExitCode, TsibleError } from '../errors';
import { LoadOptions } from '../playbook/context';
import { CliIo } from './cli-io';

/** plugin_filters_cfg read at start-up, as every Ansible command reads it: its warnings shown, `stat` in it fatal. */
export function startupPluginFilters(config: Config, io: CliIo): PluginFilters {
  const filters = loadPluginFilters(config);
  for (const warning of filters.warnings) io.stderr(`[WARNING]: ${warning}\n`);
  return filters;
}

type ModuleChecks = Pick<LoadOptions, 'isKnownModule' | 'moduleNames'> & {
  resolveModule?: (name: string, collections: readonly string[]) => string | undefined;
};

/**
 * The playbook loader's module checks with the filtered names taken out: a task naming one is refused
 * as an unknown module before anything runs, as Ansible refuses it. Names are matched as written.
 */
export function withPluginFilters<T extends ModuleChecks>(checks: T, filters: PluginFilters): T {
  const { modules } = filters;
  if (!modules.size) return checks;
  const { isKnownModule, moduleNames, resolveModule } = checks;
  return {
    ...checks,
    isKnownModule: isKnownModule && ((name: string) => !modules.has(name) && isKnownModule(name)),
    moduleNames: moduleNames && (() => [...moduleNames()].filter((n) => !modules.has(n))),
    ...(resolveModule ? { resolveModule: (name: string, collections: readonly string[]) => (modules.has(name) ? undefined : resolveModule(name, collections)) } : {}),
  };
}

/**
 * An ad-hoc module that is filtered out: Ansible fails every host with "not found"; tsible says why
 * before connecting to any.
 */
export function refuseFilteredModule(module: string, filters: PluginFilters): void {
  if (!filters.modules.has(module)) return;
  throw new TsibleError(`The module ${module} was not found in configured module paths: the plugin filter file ${filters.file ?? ''} lists it in module_blacklist`, {
    hint: `remove ${module} from module_blacklist, or name it ansible.builtin.${module}, which the filter does not match`,
    exitCode: ExitCode.hostFailed,
  });
}
