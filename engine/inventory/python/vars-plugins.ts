import { readdirSync } from 'fs';
import { join } from 'path';
import { combineAll, setCombined } from '../../vars/combine';
import type { InventoryData } from '../inventory-data';
import type { GroupHostVars, VarsLookup } from '../types';
import { callPython, NoteSinks, PluginFailure, PythonPluginSetup } from './host';
import { ExitCode, TsibleError } from '../../errors';

/**
 * Vars plug-ins other than host_group_vars (which tsible reads itself): the `.py` files of the
 * vars_plugins setting (ANSIBLE_VARS_PLUGINS) and of vars_plugins/ beside the playbook, and collection
 * plug-ins named in vars_plugins_enabled. They run in Python with Ansible's own rules for which run
 * (REQUIRES_ENABLED, vars_plugins_enabled, their `stage` or run_vars_plugins), per entity and path as
 * Ansible calls them; their variables come before host_group_vars' for the same path, as Ansible's
 * loader lists configured plug-ins before its built-in one.
 */

export type VarsStage = 'inventory' | 'task' | 'all';

const HOST_GROUP_VARS = ['host_group_vars', 'ansible.builtin.host_group_vars', 'ansible.legacy.host_group_vars'];

/** Whether a vars plug-in of the user's could run at all: without one, no run starts Python for vars. */
export function varsPluginsWanted(pluginDirs: string[], enabled: string[], basedir?: string): boolean {
  const dirs = [...(basedir ? [join(basedir, 'vars_plugins')] : []), ...pluginDirs];
  return dirs.some((d) => hasPython(d, 2)) || enabled.some((name) => name.includes('.') && !HOST_GROUP_VARS.includes(name));
}

/** Configured plug-in paths are searched two directory levels down, as Ansible's loader does. */
function hasPython(dir: string, depth: number): boolean {
  try {
    return readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? depth > 0 && hasPython(join(dir, e.name), depth - 1) : /^[^_.].*\.py$/.test(e.name),
    );
  } catch {
    return false;
  }
}

interface VarsReply {
  groups: Record<string, Record<string, unknown>>;
  hosts: Record<string, Record<string, unknown>>;
}

/**
 * The vars plug-ins' variables for `path` (an inventory source's directory, or the playbook's), asked
 * for every known group and host at the first lookup and for a host added later when it is looked up.
 */
export function pluginVarsLookup(path: string, stage: VarsStage, data: InventoryData, sinks: NoteSinks & PythonPluginSetup): GroupHostVars {
  const found = { groups: new Map<string, Record<string, unknown> | undefined>(), hosts: new Map<string, Record<string, unknown> | undefined>() };
  const ask = (groups: string[], hosts: string[]): void => {
    const reply = requestVars(path, stage, groups, hosts, sinks);
    for (const g of groups) found.groups.set(g, reply.groups[g]);
    for (const h of hosts) found.hosts.set(h, reply.hosts[h]);
  };
  const lookup = (kind: 'groups' | 'hosts'): VarsLookup => ({
    get(name) {
      if (!found[kind].has(name)) {
        if (found.groups.size + found.hosts.size === 0) ask([...data.groups.keys()], [...data.hosts.keys()]);
        if (!found[kind].has(name)) ask(kind === 'groups' ? [name] : [], kind === 'hosts' ? [name] : []);
      }
      return found[kind].get(name);
    },
  });
  return { groupVars: lookup('groups'), hostVars: lookup('hosts') };
}

/** host_group_vars' lookups with the vars plug-ins' for the same path merged under them. */
export function withPluginVars(own: GroupHostVars, plugins: GroupHostVars): GroupHostVars {
  const both = (a: VarsLookup, b: VarsLookup): VarsLookup => ({
    get(name) {
      const first = a.get(name);
      const second = b.get(name);
      return first && second ? combineAll([first, second]) : (second ?? first);
    },
  });
  return { groupVars: both(plugins.groupVars, own.groupVars), hostVars: both(plugins.hostVars, own.hostVars) };
}

/** What a loaded inventory does with vars plug-ins; nothing at all when the run has none. */
export class PluginVars {
  private readonly sinks: NoteSinks & PythonPluginSetup;

  /** `stage` is the CLI's: `task` for a playbook or ad-hoc run, `all` for tsible-inventory. */
  constructor(
    private readonly data: InventoryData,
    setup: PythonPluginSetup & { varsStage?: VarsStage },
    warn: (message: string) => void,
    private readonly stage: VarsStage = setup.varsStage ?? 'task',
  ) {
    this.sinks = { ...setup, warn };
  }

  /** Ansible's inventory stage, run once the sources are read, over each source's directory. */
  inventoryStage(paths: string[]): void {
    if (this.sinks.varsPlugins) applyInventoryStage(paths, this.data, this.sinks);
  }

  /** host_group_vars of `path` with the plug-ins' variables for it under them. */
  wrap(path: string, own: GroupHostVars): GroupHostVars {
    return this.sinks.varsPlugins ? withPluginVars(own, pluginVarsLookup(path, this.stage, this.data, this.sinks)) : own;
  }
}

/** Ansible's inventory stage: after the sources are read, the plug-ins' variables join the hosts' and groups' own. */
function applyInventoryStage(paths: string[], data: InventoryData, sinks: NoteSinks & PythonPluginSetup): void {
  for (const path of paths) {
    const reply = requestVars(path, 'inventory', [...data.groups.keys()], [...data.hosts.keys()], sinks);
    for (const [name, vars] of Object.entries(reply.groups)) for (const [k, v] of Object.entries(vars)) data.setVar(name, k, v);
    for (const [name, vars] of Object.entries(reply.hosts)) for (const [k, v] of Object.entries(vars)) setCombined(data.hosts.get(name)?.vars ?? {}, k, v);
  }
}

function requestVars(path: string, stage: VarsStage, groups: string[], hosts: string[], setup: NoteSinks & PythonPluginSetup): VarsReply {
  try {
    return callPython({ op: 'vars', path, stage, groups, hosts, basedir: setup.basedir ?? null }, setup) as VarsReply;
  } catch (err) {
    // Ansible stops the run when a vars plug-in fails.
    if (err instanceof PluginFailure) throw new TsibleError(`vars plugin failed for ${path}: ${err.message}`, { exitCode: ExitCode.error });
    throw err;
  }
}
