import { setCombined } from '../vars/combine';
import { applyGroupNameRule, GroupNameOutcome, GroupNameRule } from './group-name-rule';
import { Group, Host } from './types';

/** Raised for a structural mistake (a loop, an unknown group); parsers add the file and line. */
export class InventoryDataError extends Error {}

export interface InventoryDataOptions {
  /** TRANSFORM_INVALID_GROUP_CHARS; `never` (Ansible's default) when not given. */
  groupNameRule?: GroupNameRule;
  /** Told what the rule had to say about each new group with invalid characters. */
  onGroupName?: (outcome: GroupNameOutcome) => void;
}

/**
 * The hosts and groups of an inventory while sources are read, with the rules Ansible keeps between
 * them: a group never contains itself, every group hangs under `all`, and a host that is in no group
 * is in `ungrouped`.
 */
export class InventoryData {
  readonly hosts = new Map<string, Host>();
  readonly groups = new Map<string, Group>();
  private readonly parents = new Map<string, string[]>();
  /** Each group's direct hosts as a set, so adding thousands of hosts stays linear. */
  private readonly members = new Map<string, Set<string>>();
  /** Where each host was first seen: `inventory_file`. */
  readonly hostSource = new Map<string, string | undefined>();
  /** The file being read, recorded on the hosts it creates. */
  currentSource?: string;

  constructor(private readonly opts: InventoryDataOptions = {}) {
    this.addGroup('all');
    this.addGroup('ungrouped');
    this.addChild('all', 'ungrouped');
  }

  /** Parsers go on with the returned group's name: the rule may have replaced characters of `given`. */
  addGroup(given: string): Group {
    if (!given) throw new InventoryDataError(`Invalid empty group name provided: ${JSON.stringify(given)}`);
    const existing = this.groups.get(given);
    if (existing) return existing;
    const name = this.groupName(given);
    let group = this.groups.get(name);
    if (!group) {
      group = { name, vars: {}, children: [], hosts: [] };
      this.groups.set(name, group);
      this.parents.set(name, []);
      this.members.set(name, new Set());
    }
    return group;
  }

  /** The name TRANSFORM_INVALID_GROUP_CHARS gives a group, saying so as it goes. */
  groupName(given: string): string {
    const outcome = applyGroupNameRule(given, this.opts.groupNameRule ?? 'never');
    if (outcome.warning) this.opts.onGroupName?.(outcome);
    return outcome.name;
  }

  /** Add a host (once; a later port is ignored, as Ansible does) and put it in `group`. */
  addHost(name: string, group?: string, port?: number): Host {
    if (!name) throw new InventoryDataError(`Invalid empty host name provided: ${JSON.stringify(name)}`);
    if (group !== undefined && !this.groups.has(group)) throw new InventoryDataError(`Could not find group ${group} in inventory`);
    let host = this.hosts.get(name);
    if (!host) {
      host = { name, vars: {}, groups: [] };
      if (port !== undefined) host.vars.ansible_port = port;
      this.hosts.set(name, host);
      this.hostSource.set(name, this.currentSource);
    }
    if (group !== undefined) this.addHostToGroup(host, group);
    return host;
  }

  /** Put a host or a group (by name) under `parent`. */
  addChild(parent: string, child: string): void {
    const group = this.groups.get(parent);
    if (!group) throw new InventoryDataError(`${parent} is not a known group`);
    const childHost = this.hosts.get(child);
    if (this.groups.has(child)) this.addChildGroup(group, child);
    else if (childHost) this.addHostToGroup(childHost, parent);
    else throw new InventoryDataError(`${child} is not a known host nor group`);
  }

  /** A variable on a group or, failing that, a host: a group's `ansible_group_priority` sets its priority. */
  setVar(entity: string, key: string, value: unknown): void {
    const group = this.groups.get(entity);
    if (group) {
      if (key === 'ansible_group_priority') group.priority = groupPriority(value);
      else setCombined(group.vars, key, value);
      return;
    }
    const host = this.hosts.get(entity);
    if (!host) throw new InventoryDataError(`Could not identify group or host named ${entity}`);
    // A variable set again (another source, another group entry) is merged under hash_behaviour=merge, as Ansible's set_variable does.
    setCombined(host.vars, key, value);
  }

  parentsOf(group: string): string[] {
    return this.parents.get(group) ?? [];
  }

  /** Every group above `group`, nearest first. */
  ancestors(group: string): string[] {
    const seen = new Set<string>();
    let frontier = this.parentsOf(group);
    while (frontier.length) {
      const next: string[] = [];
      for (const g of frontier) {
        if (seen.has(g)) continue;
        seen.add(g);
        next.push(...this.parentsOf(g));
      }
      frontier = next;
    }
    return [...seen];
  }

  /** After every source is read: hang top groups under `all`, and keep `ungrouped` to hosts in no other group. */
  reconcile(): void {
    for (const name of this.groups.keys()) {
      if (name !== 'all' && this.parentsOf(name).length === 0) this.addChild('all', name);
    }
    const leaving = new Set<string>();
    for (const host of this.hosts.values()) {
      const others = host.groups.filter((g) => g !== 'ungrouped');
      if (host.groups.includes('ungrouped') && others.length) {
        leaving.add(host.name);
        host.groups = others;
      } else if (!others.length && !host.groups.includes('ungrouped')) {
        this.addHostToGroup(host, 'ungrouped');
      }
    }
    if (leaving.size) {
      const ungrouped = this.groups.get('ungrouped') as Group;
      ungrouped.hosts = ungrouped.hosts.filter((h) => !leaving.has(h));
      for (const h of leaving) this.members.get('ungrouped')?.delete(h);
    }
  }

  /** Put a host object (which may be the implicit localhost) in an existing group; false when already there. */
  addHostToGroup(host: Host, group: string): boolean {
    const members = this.members.get(group) as Set<string>;
    if (members.has(host.name)) return false;
    members.add(host.name);
    (this.groups.get(group) as Group).hosts.push(host.name);
    // 'all' is implied for every host, so only real groups are recorded on the host.
    if (group !== 'all') host.groups.push(group);
    return true;
  }

  private addChildGroup(parent: Group, child: string): void {
    if (parent.name === child) throw new InventoryDataError(`can't add group to itself: ${child}`);
    if (parent.children.includes(child)) return;
    if (this.ancestors(parent.name).includes(child)) {
      throw new InventoryDataError(`Adding group '${child}' as child to '${parent.name}' creates a recursive dependency loop.`);
    }
    parent.children.push(child);
    this.parentsOf(child).push(parent.name);
  }
}

function groupPriority(value: unknown): number {
  const n = typeof value === 'string' && value.trim() === '' ? NaN : Number(value);
  if (!Number.isFinite(n)) throw new InventoryDataError(`ansible_group_priority must be an integer, got: ${String(value)}`);
  return Math.trunc(n);
}
