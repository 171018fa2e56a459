import { dirname } from 'path';
import { PlaybookError } from '../../playbook/load';
import { Templar } from '../../template/types';
import { loadGroupHostVarsDir } from '../host-group-vars';
import { InventoryData } from '../inventory-data';
import { GroupHostVars } from '../types';
import { construct, ConstructedOptions } from './constructed';
import { CONSTRUCTED_KEYS, readConstructed } from './constructed-options';
import { OptionReader } from './option-reader';
import { InventoryPlugin } from './types';

/**
 * Ansible's `constructed` inventory plug-in: no hosts of its own, it applies compose, groups and
 * keyed_groups to every host the sources before it gave, seeing each host's inventory variables (and,
 * with use_vars_plugins, the group_vars/ and host_vars/ beside those sources; with use_extra_vars, -e).
 */

const KEYS = ['plugin', 'use_vars_plugins', ...CONSTRUCTED_KEYS];

interface Options {
  constructed: ConstructedOptions;
  useVarsPlugins: boolean;
  useExtraVars: boolean;
}

export const constructedPlugin: InventoryPlugin = {
  prepare(doc, file, ctx) {
    const options = readOptions(doc, file, ctx.warn);
    const extraVars = options.useExtraVars ? (ctx.extraVars ?? {}) : {};
    return Promise.resolve({ populate: (data) => populate(data, file, options, ctx.templar, extraVars) });
  },
};

function readOptions(doc: Record<string, unknown>, file: string, warn: (message: string) => void): Options {
  const reader = new OptionReader(doc, file, 'constructed');
  reader.unknownKeys(KEYS, warn);
  const options = {
    constructed: readConstructed(reader, false),
    useVarsPlugins: reader.bool('use_vars_plugins', false),
    useExtraVars: reader.bool('use_extra_vars', false),
  };
  if (reader.problems.length) throw new PlaybookError(reader.problems);
  return options;
}

function populate(data: InventoryData, file: string, options: Options, templar: Templar, extraVars: Record<string, unknown>): boolean {
  // The sources before this one are complete: their top groups hang under all, as Ansible has them by now.
  data.reconcile();
  const dirs = options.useVarsPlugins ? sourceDirs(data, file) : [];
  for (const host of [...data.hosts.keys()]) construct(data, host, hostVars(data, host, dirs), options.constructed, templar, extraVars);
  return true;
}

/** The directories of the sources read so far and of this file, whose group_vars/host_vars a vars plug-in reads. */
function sourceDirs(data: InventoryData, file: string): GroupHostVars[] {
  const dirs = new Set([...data.hostSource.values()].filter((s): s is string => s !== undefined && s.startsWith('/')).map((s) => dirname(s)));
  dirs.add(dirname(file));
  const entities = { groups: data.groups.keys(), hosts: data.hosts.keys() };
  return [...dirs].map((d) => loadGroupHostVarsDir(d, { groups: [...entities.groups], hosts: [...entities.hosts] }));
}

/** The host's inventory variables as Ansible merges them: its groups by depth, priority and name, then its own; then the vars plug-ins'. */
function hostVars(data: InventoryData, name: string, dirs: GroupHostVars[]): Record<string, unknown> {
  const host = data.hosts.get(name);
  if (!host) return {};
  const groups = ['all', ...sortedGroups(data, [...new Set(host.groups.flatMap((g) => [g, ...data.ancestors(g)]))].filter((g) => g !== 'all'))];
  const vars: Record<string, unknown> = Object.assign({}, ...groups.map((g) => data.groups.get(g)?.vars), host.vars);
  for (const dir of dirs) Object.assign(vars, ...groups.map((g) => dir.groupVars.get(g)), dir.hostVars.get(name));
  // A host's own variables carry its magic names, which compose can use too.
  return { ...vars, inventory_hostname: name, inventory_hostname_short: name.split('.')[0], group_names: groups.slice(1).sort() };
}

function sortedGroups(data: InventoryData, groups: string[]): string[] {
  const depth = (g: string, seen = new Set<string>()): number => {
    if (g === 'all' || seen.has(g)) return 0;
    seen.add(g);
    return 1 + Math.max(0, ...data.parentsOf(g).map((p) => depth(p, seen)));
  };
  const key = (g: string): [number, number] => [depth(g), data.groups.get(g)?.priority ?? 1];
  return groups.sort((a, b) => {
    const [da, pa] = key(a);
    const [db, pb] = key(b);
    return da - db || pa - pb || (a < b ? -1 : a > b ? 1 : 0);
  });
}
