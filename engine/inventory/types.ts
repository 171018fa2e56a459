/** The inventory as every stage after loading sees it. */
export interface Host {
  name: string;
  /** Variables set on the host itself (inventory host vars), not yet merged with its groups'. */
  vars: Record<string, unknown>;
  /** Names of the groups the host is directly in (not their ancestors); 'all' is implied. */
  groups: string[];
}

export interface Group {
  name: string;
  vars: Record<string, unknown>;
  /** Direct child group names. */
  children: string[];
  /** Direct member host names, in inventory order. */
  hosts: string[];
  /** `ansible_group_priority` (default 1): among groups at the same depth, higher wins the merge. */
  priority?: number;
}

/** group_vars/ and host_vars/ read from one directory (beside an inventory source, or a playbook). */
export interface GroupHostVars {
  groupVars: VarsLookup;
  hostVars: VarsLookup;
}

/** The variables a directory gives one group or host name, if any. */
export interface VarsLookup {
  get(name: string): Record<string, unknown> | undefined;
}

/**
 * One layer of a host's variables below play level, lowest precedence first, named as Ansible names
 * them (`*_inventory` from inventory sources and the group_vars/host_vars beside them, `*_play` from
 * the playbook directory's group_vars/host_vars).
 */
export interface VarLayer {
  name:
    | 'all_inventory'
    | 'groups_inventory'
    | 'all_plugins_inventory'
    | 'all_plugins_play'
    | 'groups_plugins_inventory'
    | 'groups_plugins_play'
    | 'host_inventory'
    | 'host_plugins_inventory'
    | 'host_plugins_play';
  vars: Record<string, unknown>;
}

export interface GetHostsOptions {
  /** `--limit` patterns, `@file`s already read (see parseLimit): only hosts that also match them are returned. */
  limit?: string[];
}

export interface Inventory {
  /** The inventory sources as given (-i / ansible.cfg), made absolute. */
  sources: string[];
  hosts: Map<string, Host>;
  /** Always holds 'all' and 'ungrouped'. */
  groups: Map<string, Group>;
  /** Hosts matching an Ansible host pattern (`web:&prod:!db`, `~re`, `g[0:2]`…), in inventory order. */
  getHosts(pattern: string | string[], opts?: GetHostsOptions): Host[];
  /** A host by name; `localhost` (or 127.0.0.1, ::1) is the implicit local host when not in the inventory. */
  getHost(name: string): Host | undefined;
  /** Names of every group the host belongs to, ancestors included, 'all' excluded, sorted (group_names). */
  groupNames(host: string): string[];
  /**
   * The host's inventory variables merged in Ansible's order: all, then groups parents-before-children
   * (siblings by ansible_group_priority then name), then the host's own. Playbook-adjacent group_vars and
   * host_vars are not included here: they depend on the playbook directory (see vars precedence).
   */
  hostVars(host: string): Record<string, unknown>;
  /**
   * The same variables as labelled layers in Ansible's default precedence, with the playbook directory's
   * group_vars/host_vars (from loadGroupHostVarsDir) slotted in where Ansible puts them.
   */
  hostVarLayers(host: string, playbookAdjacent?: GroupHostVars): VarLayer[];
  /** The playbook directory's group_vars/host_vars (`own`) with the vars plug-ins' variables for `dir` under them. */
  withPluginVars?(dir: string, own: GroupHostVars): GroupHostVars;
  /** group name → host names, as the `groups` magic variable (with 'all' and 'ungrouped'). */
  groupsMap(): Record<string, string[]>;
  /**
   * `add_host` at run time: the host is created when new, `vars` are merged over its own, and it is put
   * in `groups` (created as needed). Returns whether anything changed.
   */
  addDynamicHost(name: string, groups: string[], vars: Record<string, unknown>): boolean;
  /** `group_by` at run time: the host joins `group` (created as needed), which joins `parents`. Returns whether anything changed. */
  addDynamicGroup(host: string, group: string, parents: string[]): boolean;
}
