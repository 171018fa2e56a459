import { GetHostsOptions, GroupHostVars, Host, Inventory, VarLayer } from '../inventory/types';

type DynamicChange = { kind: 'host'; name: string; groups: string[]; vars: Record<string, unknown> } | { kind: 'group'; host: string; group: string; parents: string[] };

/**
 * The run's inventory, which meta: refresh_inventory can read again from its sources. Like Ansible, the
 * hosts and groups that add_host and group_by made during the run are made again in the new one, in
 * the order they were first made.
 */
export class RefreshableInventory implements Inventory {
  private readonly changes: DynamicChange[] = [];

  constructor(private current: Inventory) {}

  /** Puts a freshly read inventory in place of the current one. */
  replace(next: Inventory): void {
    this.current = next;
    for (const c of this.changes) {
      if (c.kind === 'host') next.addDynamicHost(c.name, c.groups, c.vars);
      // A grouping of a host the sources no longer have is dropped with the host.
      else if (next.getHost(c.host)) next.addDynamicGroup(c.host, c.group, c.parents);
    }
  }

  get sources(): string[] {
    return this.current.sources;
  }

  get hosts(): Map<string, Host> {
    return this.current.hosts;
  }

  get groups(): Inventory['groups'] {
    return this.current.groups;
  }

  getHosts(pattern: string | string[], opts?: GetHostsOptions): Host[] {
    return this.current.getHosts(pattern, opts);
  }

  getHost(name: string): Host | undefined {
    return this.current.getHost(name);
  }

  groupNames(host: string): string[] {
    return this.current.groupNames(host);
  }

  hostVars(host: string): Record<string, unknown> {
    return this.current.hostVars(host);
  }

  hostVarLayers(host: string, playbookAdjacent?: GroupHostVars): VarLayer[] {
    return this.current.hostVarLayers(host, playbookAdjacent);
  }

  withPluginVars(dir: string, own: GroupHostVars): GroupHostVars {
    return this.current.withPluginVars?.(dir, own) ?? own;
  }

  groupsMap(): Record<string, string[]> {
    return this.current.groupsMap();
  }

  addDynamicHost(name: string, groups: string[], vars: Record<string, unknown>): boolean {
    this.changes.push({ kind: 'host', name, groups: [...groups], vars: { ...vars } });
    return this.current.addDynamicHost(name, groups, vars);
  }

  addDynamicGroup(host: string, group: string, parents: string[]): boolean {
    this.changes.push({ kind: 'group', host, group, parents: [...parents] });
    return this.current.addDynamicGroup(host, group, parents);
  }
}
