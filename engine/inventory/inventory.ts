import { dirname } from 'path';
import { TsibleError } from '../errors';
import { combineAll } from '../vars/combine';
import { InventoryData, InventoryDataError } from './inventory-data';
import { LOCALHOST_NAMES } from './localhost';
import { matchHosts, PatternScope, splitHostPattern } from './patterns';
import type { PluginVars } from './python/vars-plugins';
import { GetHostsOptions, Group, GroupHostVars, Host, Inventory, VarLayer } from './types';

type Vars = Record<string, unknown>;

export interface InventoryParts {
  data: InventoryData;
  sources: string[];
  /** group_vars/host_vars beside each inventory source, in source order. */
  adjacent: GroupHostVars[];
  /** The vars plug-ins besides host_group_vars, for the playbook directory's variables. */
  pluginVars?: PluginVars;
  /** ansible_python_interpreter of the implicit localhost. */
  localPython: string;
  warn: (message: string) => void;
}

/** The loaded inventory: lookups, host patterns and variable merging over {@link InventoryData}. */
export class LoadedInventory implements Inventory {
  readonly sources: string[];
  readonly hosts: Map<string, Host>;
  readonly groups: Map<string, Group>;
  private implicitLocalhost?: Host;
  private depths = new Map<string, number>();

  constructor(private readonly parts: InventoryParts) {
    this.sources = parts.sources;
    this.hosts = parts.data.hosts;
    this.groups = parts.data.groups;
  }

  getHosts(pattern: string | string[], opts: GetHostsOptions = {}): Host[] {
    // An empty list names no hosts, while an empty string, like any pattern of only `!`/`&` parts, starts from all.
    if (Array.isArray(pattern) && pattern.length === 0) return [];
    const hosts = matchHosts(splitHostPattern(pattern), this.scope());
    if (!opts.limit) return hosts;
    const allowed = new Set(matchHosts(splitHostPattern(opts.limit), this.scope()));
    return hosts.filter((h) => allowed.has(h));
  }

  getHost(name: string): Host | undefined {
    return this.hosts.get(name) ?? this.implicitHost(name);
  }

  groupNames(host: string): string[] {
    return this.hostGroups(this.requireHost(host)).sort();
  }

  /** The host's groups (ancestors included, 'all' excluded) in merge order: by depth, priority, name. */
  sortedGroups(host: string): string[] {
    const key = (g: string): [number, number] => [this.depth(g), this.groups.get(g)?.priority ?? 1];
    return this.hostGroups(this.requireHost(host)).sort((a, b) => {
      const [da, pa] = key(a);
      const [db, pb] = key(b);
      return da - db || pa - pb || (a < b ? -1 : a > b ? 1 : 0);
    });
  }

  hostVars(host: string): Vars {
    return combineAll(this.hostVarLayers(host).map((l) => l.vars));
  }

  hostVarLayers(hostName: string, play?: GroupHostVars): VarLayer[] {
    const host = this.requireHost(hostName);
    const groups = this.sortedGroups(hostName);
    const adjacent = this.parts.adjacent;
    const fromDirs = (dirs: GroupHostVars[], kind: 'groupVars' | 'hostVars', names: string[]): Vars =>
      combineAll(dirs.flatMap((d) => names.map((n) => d[kind].get(n))));
    return [
      { name: 'all_inventory', vars: { ...this.groups.get('all')?.vars } },
      { name: 'groups_inventory', vars: combineAll(groups.map((g) => this.groups.get(g)?.vars)) },
      { name: 'all_plugins_inventory', vars: fromDirs(adjacent, 'groupVars', ['all']) },
      { name: 'all_plugins_play', vars: fromDirs(play ? [play] : [], 'groupVars', ['all']) },
      { name: 'groups_plugins_inventory', vars: fromDirs(adjacent, 'groupVars', groups) },
      { name: 'groups_plugins_play', vars: fromDirs(play ? [play] : [], 'groupVars', groups) },
      { name: 'host_inventory', vars: this.ownVars(host) },
      { name: 'host_plugins_inventory', vars: fromDirs(adjacent, 'hostVars', [host.name]) },
      { name: 'host_plugins_play', vars: fromDirs(play ? [play] : [], 'hostVars', [host.name]) },
    ];
  }

  withPluginVars(dir: string, own: GroupHostVars): GroupHostVars {
    return this.parts.pluginVars ? this.parts.pluginVars.wrap(dir, own) : own;
  }

  /** group_vars/host_vars beside each inventory source, in source order. */
  adjacentVars(): GroupHostVars[] {
    return this.parts.adjacent;
  }

  groupsMap(): Record<string, string[]> {
    const out: Record<string, string[]> = {};
    for (const name of this.groups.keys()) out[name] = this.groupHosts(name).map((h) => h.name);
    return out;
  }

  addDynamicHost(name: string, groups: string[], vars: Vars): boolean {
    return this.mutate(() => {
      const data = this.parts.data;
      let changed = !this.hosts.has(name);
      const host = data.addHost(name, 'all');
      for (const [k, v] of Object.entries(vars)) {
        changed ||= !(k in host.vars) || host.vars[k] !== v;
        host.vars[k] = v;
      }
      for (const given of groups) {
        changed = !this.groups.has(given) || changed;
        changed = data.addHostToGroup(host, data.addGroup(given).name) || changed;
      }
      return changed;
    });
  }

  addDynamicGroup(hostName: string, given: string, parents: string[]): boolean {
    const host = this.getHost(hostName);
    if (!host) throw new TsibleError(`${hostName} cannot be matched in inventory`);
    return this.mutate(() => {
      const data = this.parts.data;
      let changed = false;
      const group = data.addGroup(given).name;
      for (const parentGiven of parents) {
        changed = !this.groups.has(parentGiven) || changed;
        const parent = data.addGroup(parentGiven).name;
        changed = !this.groups.get(parent)?.children.includes(group) || changed;
        data.addChild(parent, group);
      }
      return data.addHostToGroup(host, group) || changed;
    });
  }

  /** Run-time changes re-apply the inventory's rules (all, ungrouped) and forget cached depths. */
  private mutate(change: () => boolean): boolean {
    let changed: boolean;
    try {
      changed = change();
    } catch (err) {
      if (err instanceof InventoryDataError) throw new TsibleError(err.message);
      throw err;
    }
    if (changed) {
      this.parts.data.reconcile();
      this.depths.clear();
    }
    return changed;
  }

  /** The hosts of a group and of every group below it: its own first, then its children's, level by level. */
  groupHosts(group: string): Host[] {
    const order = [group];
    const seen = new Set(order);
    for (let i = 0; i < order.length; i++) {
      for (const child of this.groups.get(order[i])?.children ?? []) {
        if (!seen.has(child)) order.push(child);
        seen.add(child);
      }
    }
    const names = new Set(order.flatMap((g) => this.groups.get(g)?.hosts ?? []));
    // A group_by can put the implicit localhost in a group; it still never counts as part of 'all'.
    const hosts = [...names].map((n) => this.hosts.get(n) ?? this.implicitHost(n)).filter((h): h is Host => h !== undefined);
    return group === 'all' ? hosts.filter((h) => h !== this.implicitLocalhost) : hosts;
  }

  /** Distance from 'all' along the longest path, which is how Ansible orders groups for merging. */
  depth(group: string): number {
    let d = this.depths.get(group);
    if (d === undefined) {
      const parents = this.parts.data.parentsOf(group);
      d = parents.length ? 1 + Math.max(...parents.map((p) => this.depth(p))) : group === 'all' ? 0 : 1;
      this.depths.set(group, d);
    }
    return d;
  }

  private ownVars(host: Host): Vars {
    if (host === this.implicitLocalhost) return { ...host.vars };
    const source = this.parts.data.hostSource.get(host.name);
    return { inventory_file: source ?? null, inventory_dir: source ? dirname(source) : null, ...host.vars };
  }

  private hostGroups(host: Host): string[] {
    const names = new Set<string>();
    for (const g of host.groups) {
      names.add(g);
      for (const a of this.parts.data.ancestors(g)) names.add(a);
    }
    names.delete('all');
    return [...names];
  }

  private requireHost(name: string): Host {
    const host = this.getHost(name);
    if (!host) throw new TsibleError(`Host '${name}' is not in the inventory`);
    return host;
  }

  private implicitHost(name: string): Host | undefined {
    if (!LOCALHOST_NAMES.includes(name)) return undefined;
    this.implicitLocalhost ??= {
      name,
      vars: { ansible_python_interpreter: this.parts.localPython, ansible_connection: 'local' },
      groups: [],
    };
    return this.implicitLocalhost;
  }

  private scope(): PatternScope {
    return {
      hosts: this.hosts,
      groups: this.groups,
      groupHosts: (g) => this.groupHosts(g),
      implicitHost: (n) => this.implicitHost(n),
      warn: this.parts.warn,
    };
  }
}
