import { ExitCode, TsibleError } from '../../errors';
import { setOwn } from '../../template/own-keys';
import { InventoryData, InventoryDataError } from '../inventory-data';
import type { PreparedSource } from '../plugins/types';
import { callPython, PluginFailure, PythonPluginSetup } from './host';

/**
 * An inventory source whose `plugin:` names no plug-in of tsible's own: Ansible's loader looks for it
 * (inventory_plugins/ beside the playbook, the inventory_plugins setting, collections) and, found, it
 * runs in Python against the inventory read so far, as Ansible's `auto` plug-in runs it. What it adds
 * comes back into tsible's inventory; a plug-in that removes hosts, groups or variables is refused.
 */

type Vars = Record<string, unknown>;

interface WireGroup {
  name: string;
  vars: Vars;
  priority: number | null;
  children: string[];
  hosts: string[];
}

interface WireHost {
  name: string;
  vars: Vars;
  source?: string | null;
}

interface WireInventory {
  groups: WireGroup[];
  hosts: WireHost[];
}

type ParseReply = { missing: true } | { inventory: WireInventory };

export function pythonPluginSource(plugin: string, file: string, setup: PythonPluginSetup): PreparedSource {
  return { populate: (data, warn) => populate(data, plugin, file, setup, warn) };
}

function populate(data: InventoryData, plugin: string, file: string, setup: PythonPluginSetup, warn: (message: string) => void): boolean {
  const sent = snapshot(data);
  let reply: ParseReply;
  try {
    const request = { op: 'parse', plugin, path: file, basedir: setup.basedir ?? null, cache: !setup.flushCache, inventory: sent };
    reply = callPython(request, { warn, onDeprecation: setup.onDeprecation }) as ParseReply;
  } catch (err) {
    if (!(err instanceof PluginFailure)) throw err;
    return unparsed(file, err.message, warn);
  }
  if ('missing' in reply) return unparsed(file, `inventory config '${file}' specifies unknown plugin '${plugin}'`, warn);
  try {
    merge(data, sent, reply.inventory, plugin);
  } catch (err) {
    if (err instanceof InventoryDataError) throw new TsibleError(`inventory plugin '${plugin}': ${err.message}`, { origin: { file, line: 1, column: 1 } });
    throw err;
  }
  return true;
}

/** Ansible's words for a source its `auto` plug-in could not read; the run goes on without it. */
function unparsed(file: string, why: string, warn: (message: string) => void): false {
  warn(` * Failed to parse ${file} with auto plugin: ${why}`);
  warn(`Unable to parse ${file} as an inventory source`);
  return false;
}

function snapshot(data: InventoryData): WireInventory {
  return {
    groups: [...data.groups.values()].map((g) => ({ name: g.name, vars: g.vars, priority: g.priority ?? null, children: g.children, hosts: g.hosts })),
    hosts: [...data.hosts.values()].map((h) => ({ name: h.name, vars: h.vars, source: data.hostSource.get(h.name) ?? null })),
  };
}

/** Adds what the plug-in added; values it left as they were keep tsible's own objects (unsafe or vaulted text). */
export function merge(data: InventoryData, sent: WireInventory, got: WireInventory, plugin: string): void {
  const gotGroups = new Set(got.groups.map((g) => g.name));
  const gotHosts = new Set(got.hosts.map((h) => h.name));
  const removed = [...sent.groups.map((g) => g.name).filter((g) => !gotGroups.has(g)), ...sent.hosts.map((h) => h.name).filter((h) => !gotHosts.has(h))];
  if (removed.length) refuse(plugin, `removed ${removed.join(', ')} from the inventory`);
  const sentGroups = new Map(sent.groups.map((g) => [g.name, g]));
  const sentHosts = new Map(sent.hosts.map((h) => [h.name, h]));
  // tsible's group name rule (TRANSFORM_INVALID_GROUP_CHARS) may rename a new group.
  const named = new Map(got.groups.map((g) => [g.name, data.addGroup(g.name).name]));
  for (const h of got.hosts) mergeVars(data.addHost(h.name).vars, sentHosts.get(h.name)?.vars, h.vars, plugin, h.name);
  for (const g of got.groups) {
    const name = named.get(g.name) ?? g.name;
    const group = data.addGroup(name);
    const before = sentGroups.get(g.name);
    mergeVars(group.vars, before?.vars, g.vars, plugin, g.name);
    if (g.priority !== null && g.priority !== (before?.priority ?? 1)) group.priority = g.priority;
    for (const child of g.children) data.addChild(name, named.get(child) ?? child);
    // 'all' holds every host in Python but only run-time ones in tsible (the rest hang under groups).
    const known = new Set(before?.hosts ?? []);
    for (const host of g.hosts) if (!known.has(host) && (g.name !== 'all' || !sentHosts.has(host))) data.addChild(name, host);
  }
}

function mergeVars(target: Vars, before: Vars | undefined, after: Vars, plugin: string, entity: string): void {
  const gone = Object.keys(before ?? {}).filter((k) => !Object.prototype.hasOwnProperty.call(after, k));
  if (gone.length) refuse(plugin, `removed variables ${gone.join(', ')} of ${entity}`);
  for (const [key, value] of Object.entries(after)) {
    const old = before && Object.prototype.hasOwnProperty.call(before, key) ? before[key] : undefined;
    if (old === undefined || JSON.stringify(old) !== JSON.stringify(value)) setOwn(target, key, value);
  }
}

function refuse(plugin: string, what: string): never {
  throw new TsibleError(`unsupported: inventory plugin '${plugin}' ${what}; tsible only takes what an inventory plug-in adds`, {
    exitCode: ExitCode.parserError,
  });
}
