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
}

export interface Inventory {
  /** The inventory sources as given (-i / ansible.cfg), made absolute. */
  sources: string[];
  hosts: Map<string, Host>;
  /** Always holds 'all' and 'ungrouped'. */
  groups: Map<string, Group>;
  /** Hosts matching an Ansible host pattern (`web:&prod:!db`, `~re`, `g[0:2]`…), in inventory order. */
  getHosts(pattern: string | string[]): Host[];
  /** Names of every group the host belongs to, ancestors included, 'all' excluded, sorted (group_names). */
  groupNames(host: string): string[];
  /**
   * The host's inventory variables merged in Ansible's order: all, then groups parents-before-children
   * (siblings by ansible_group_priority then name), then the host's own. Playbook-adjacent group_vars and
   * host_vars are not included here: they depend on the playbook directory (see vars precedence).
   */
  hostVars(host: string): Record<string, unknown>;
  /** group name → host names, as the `groups` magic variable (with 'all' and 'ungrouped'). */
  groupsMap(): Record<string, string[]>;
}
