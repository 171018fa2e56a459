import { Config } from '../config/types';
import { LoadInventoryOptions } from '../inventory';
import { CliIo } from './cli-io';

/**
 * How the playbook and ad-hoc commands read their inventory: the settings that shape it, warnings as
 * `[WARNING]:` lines, and Ansible's -v messages on stdout once the run's verbosity reaches theirs.
 */
export function inventoryOptions(config: Config, io: CliIo, verbosity: number, onWarning: (message: string) => void): LoadInventoryOptions {
  return {
    cwd: io.cwd,
    onWarning,
    groupNameRule: config.defaults.force_valid_group_names,
    enabledPlugins: config.defaults.inventory_enabled,
    unparsedFailed: config.defaults.inventory_unparsed_is_failed,
    anyUnparsedFailed: config.defaults.inventory_any_unparsed_is_failed,
    onVerbose: (level, message) => {
      if (verbosity >= level) io.stdout(`${message}\n`);
    },
  };
}
