import { existsSync, readFileSync } from 'fs';
import { isScalar, parseDocument } from 'yaml';
import { ExitCode, TsibleError } from '../errors';
import { parseYaml } from '../playbook/yaml';
import { Config } from './types';

/** Read when plugin_filters_cfg is not set, and only if it exists. */
const SYSTEM_FILTERS = '/etc/ansible/plugin_filters.yml';

/**
 * PLUGIN_FILTERS_CFG: modules a task may not name. Ansible matches the name exactly as written, so
 * `copy` is refused while `ansible.builtin.copy` still runs.
 */
export interface PluginFilters {
  file?: string;
  modules: ReadonlySet<string>;
  warnings: string[];
}

/**
 * The filter file as ansible-core 2.14 reads it: a file it cannot use is skipped with a warning, and
 * listing `stat` stops every command, since Ansible needs stat to run most modules.
 */
export function loadPluginFilters(config: Config): PluginFilters {
  const set = config.defaults.plugin_filters_cfg;
  const file = set ?? SYSTEM_FILTERS;
  const skip = (warning: string): PluginFilters => ({ file, modules: new Set(), warnings: [warning] });
  if (!existsSync(file)) return set === undefined ? { modules: new Set(), warnings: [] } : skip(`The plugin filter file, ${file} does not exist. Skipping.`);
  let doc: unknown;
  const text = readFileSync(file, 'utf8');
  try {
    doc = parseYaml(text, file);
  } catch (err) {
    return skip(`The plugin filter file, ${file} was not parsable. Skipping: ${err instanceof Error ? err.message : String(err)}`);
  }
  if (doc === null || typeof doc !== 'object' || Array.isArray(doc) || !('filter_version' in doc)) return skip(`The plugin filter file, ${file} was invalid. Skipping.`);
  const data = doc as Record<string, unknown>;
  if (!isVersionOne(data.filter_version, text)) return skip(`The plugin filter file, ${file} was a version not recognized by this version of Ansible. Skipping.`);
  if (!('module_blacklist' in data)) {
    // ansible-core 2.14 documents module_rejectlist but only reads module_blacklist, and crashes without it.
    throw new TsibleError(`The plugin filter file, ${file} has no module_blacklist: ansible-core 2.14 requires it (it does not read module_rejectlist)`, {
      hint: 'name the modules to refuse under module_blacklist',
      exitCode: ExitCode.error,
    });
  }
  const listed = data.module_blacklist;
  if (!Array.isArray(listed)) return skip(`Unable to parse the plugin filter file ${file} as module_blacklist is not a list. Skipping.`);
  const modules = new Set(listed.map(String));
  if (modules.has('stat')) {
    throw new TsibleError(`The stat module was specified in the module blacklist file, ${file}, but Ansible will not function without the stat module.  Please remove stat from the blacklist.`, {
      exitCode: ExitCode.error,
    });
  }
  return { file, modules, warnings: [] };
}

/**
 * Ansible compares str(filter_version) with '1.0': the float 1.0 (however written: 1.0, 1.00) or the
 * string '1.0' match, the integer 1 does not. YAML numbers lose that difference once parsed, so the
 * scalar's own text says which it was.
 */
function isVersionOne(value: unknown, text: string): boolean {
  if (typeof value === 'string') return value.trim() === '1.0';
  if (value !== 1) return false;
  const node = parseDocument(text).get('filter_version', true);
  const raw = isScalar(node) && node.range ? text.slice(node.range[0], node.range[1]) : '';
  return /[.eE]/.test(raw);
}
