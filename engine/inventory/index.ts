import { statSync } from 'fs';
import { dirname } from 'path';
import { loadGroupHostVarsDir } from './host-group-vars';
import { TsibleError } from '../errors';
import { EnabledPlugins } from './enabled-plugins';
import { GroupNameRule } from './group-name-rule';
import { InventoryData } from './inventory-data';
import { LoadedInventory } from './inventory';
import { LOCALHOST_NAMES } from './localhost';
import { preparePluginSources, PluginContext, PreparedPlugins } from './plugins';
import type { PythonPluginSetup } from './python/host';
import { PluginVars, VarsStage } from './python/vars-plugins';
import { readSource, resolveSource } from './sources';
import { GroupHostVars } from './types';

export { loadGroupHostVarsDir } from './host-group-vars';
export { LoadedInventory } from './inventory';
export { matchHosts, parseLimit, splitHostPattern } from './patterns';
export type * from './types';

export interface LoadInventoryOptions {
  /** Relative sources are found from here. */
  cwd: string;
  /** Ansible's warnings while loading (a source that cannot be read, a skipped key…). */
  onWarning?: (message: string) => void;
  /** ansible_python_interpreter given to the implicit localhost. */
  localPython?: string;
  /** Inventory plug-in sources already prepared (see loadInventoryWithPlugins); others are skipped with a warning. */
  plugins?: PreparedPlugins;
  /** Python inventory and vars plug-ins: where they are found, whether vars plug-ins run, where their deprecations go. */
  python?: PythonPluginSetup & { varsStage?: VarsStage };
  /** TRANSFORM_INVALID_GROUP_CHARS (`never` unless set). */
  groupNameRule?: GroupNameRule;
  /** Ansible's -v messages while loading, with the verbosity each needs; the CLI decides what to show. */
  onVerbose?: (level: number, message: string) => void;
  /** INVENTORY_ENABLED: the inventory plug-ins that may read sources, in order (Ansible's default list when unset). */
  enabledPlugins?: string[];
  /** INVENTORY_UNPARSED_IS_FAILED / INVENTORY_ANY_UNPARSED_IS_FAILED: no source, or any source, unreadable ends the run. */
  unparsedFailed?: boolean;
  anyUnparsedFailed?: boolean;
}

/**
 * Read inventory sources (files, directories, `a,b,` host lists) into one inventory, with the
 * group_vars/ and host_vars/ beside each source. A source that does not exist is a warning, as in
 * Ansible; when none could be read only the implicit localhost is available.
 */
export function loadInventory(sources: string[], opts: LoadInventoryOptions): LoadedInventory {
  const warned = new Set<string>();
  const warn = (message: string): void => {
    if (warned.has(message)) return;
    warned.add(message);
    opts.onWarning?.(message);
  };
  const data = new InventoryData({
    groupNameRule: opts.groupNameRule,
    onGroupName: ({ warning, detail }) => {
      if (detail) opts.onVerbose?.(4, detail);
      if (warning) warn(warning);
    },
  });
  const resolved = sources.filter(Boolean).map((s) => resolveSource(s, opts.cwd));
  const unparsed = (source: string): void => {
    if (opts.anyUnparsedFailed) throw new TsibleError(`Completely failed to parse inventory source ${source}`);
    warn(`Unable to parse ${source} as an inventory source`);
  };
  const sourceContext = { warn, verbose: opts.onVerbose ?? (() => undefined), plugins: opts.plugins, enabled: new EnabledPlugins(opts.enabledPlugins), unparsed };
  let parsed = false;
  for (const source of resolved) parsed = readSource(source, data, sourceContext) || parsed;
  if (parsed) data.reconcile();
  else if (opts.unparsedFailed) throw new TsibleError('No inventory was parsed, please check your configuration and options.');
  else warn('No inventory was parsed, only implicit localhost is available');
  warnAboutNames(data, warn);
  const cache = new Map<string, GroupHostVars>();
  const dirs = resolved.filter((s) => !s.hostList).map((s) => (isDirectory(s.path) ? s.path : dirname(s.path)));
  const pluginVars = new PluginVars(data, opts.python ?? {}, warn);
  pluginVars.inventoryStage(dirs);
  const adjacent = dirs.map((dir) => {
    if (!cache.has(dir)) cache.set(dir, pluginVars.wrap(dir, loadGroupHostVarsDir(dir, data, warn)));
    return cache.get(dir) as GroupHostVars;
  });
  return new LoadedInventory({
    data,
    sources: resolved.map((s) => s.path),
    adjacent,
    pluginVars,
    localPython: opts.localPython ?? '/usr/bin/python3',
    warn,
  });
}

/**
 * loadInventory with inventory plug-in sources (aws_ec2) too: their cloud APIs are called first,
 * then everything is read in source order as loadInventory does.
 */
export async function loadInventoryWithPlugins(
  sources: string[],
  opts: LoadInventoryOptions & { pluginContext?: Partial<Omit<PluginContext, 'warn'>> },
): Promise<LoadedInventory> {
  const resolved = sources.filter(Boolean).map((s) => resolveSource(s, opts.cwd));
  const warn = (message: string): void => opts.onWarning?.(message);
  const plugins = await preparePluginSources(resolved, { ...opts.pluginContext, python: opts.python, warn });
  return loadInventory(sources, { ...opts, plugins });
}

/** Names Ansible accepts but warns about. */
function warnAboutNames(data: InventoryData, warn: (message: string) => void): void {
  const localhosts = [...data.hosts.keys()].filter((name) => LOCALHOST_NAMES.includes(name));
  for (const name of localhosts.slice(1)) warn(`A duplicate localhost-like entry was found (${name}). First found localhost was ${localhosts[0]}`);
  for (const name of data.hosts.keys()) {
    if (data.groups.has(name)) warn(`Found both group and host with same name: ${name}`);
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
