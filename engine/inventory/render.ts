import { LoadedInventory } from './inventory';
import { GroupHostVars } from './types';

/**
 * The inventory in the shapes `ansible-inventory` prints: `--list` (the inventory script JSON format),
 * its YAML variant, and `--host`. Variables Ansible adds itself (inventory_file, group_names…) are left
 * out, as there.
 */

type Vars = Record<string, unknown>;

export interface RenderOptions {
  /** `--export`: host entries carry only host-level vars and groups carry their own vars. */
  export?: boolean;
  /** The `--playbook-dir` group_vars/host_vars, when given. */
  playbookAdjacent?: GroupHostVars;
  /** `-e` variables, which win over everything (but are not part of an --export). */
  extraVars?: Vars;
}

const INTERNAL_VARS = new Set([
  'ansible_diff_mode', 'ansible_config_file', 'ansible_facts', 'ansible_forks', 'ansible_inventory_sources',
  'ansible_limit', 'ansible_playbook_python', 'ansible_run_tags', 'ansible_skip_tags', 'ansible_verbosity',
  'ansible_version', 'inventory_dir', 'inventory_file', 'inventory_hostname', 'inventory_hostname_short',
  'groups', 'group_names', 'omit', 'playbook_dir',
]);

function withoutInternal(vars: Vars): Vars {
  return Object.fromEntries(Object.entries(vars).filter(([k]) => !INTERNAL_VARS.has(k)));
}

/** A host's variables as `--host` shows them. */
export function hostVarsForDisplay(inv: LoadedInventory, host: string, opts: RenderOptions = {}): Vars {
  const layers = inv.hostVarLayers(host, opts.playbookAdjacent);
  if (opts.export) return withoutInternal(Object.assign({}, ...layers.filter((l) => l.name.startsWith('host_')).map((l) => l.vars)));
  return withoutInternal(Object.assign({}, ...layers.map((l) => l.vars), opts.extraVars));
}

/** A group's own variables (and those beside the inventory), as `--export` and `--graph --vars` show them. */
export function groupVarsForDisplay(inv: LoadedInventory, group: string, opts: RenderOptions = {}): Vars {
  const g = inv.groups.get(group);
  const out: Vars = { ...g?.vars };
  for (const dir of [...inv.adjacentVars(), ...(opts.playbookAdjacent ? [opts.playbookAdjacent] : [])]) {
    Object.assign(out, dir.groupVars.get(group));
  }
  if (g?.priority !== undefined && g.priority !== 1) out.ansible_group_priority = g.priority;
  return withoutInternal(out);
}

/** `--list`: each group once with its direct hosts and children, and every host's vars under `_meta`. */
export function listInventory(inv: LoadedInventory, opts: RenderOptions = {}): Vars {
  const out: Vars = {};
  const seen = new Set<string>();
  const visit = (name: string): void => {
    const group = inv.groups.get(name);
    if (!group) return;
    const entry: Vars = {};
    if (name !== 'all' && group.hosts.length) entry.hosts = [...group.hosts];
    if (group.children.length) entry.children = [...group.children];
    if (opts.export) {
      const vars = groupVarsForDisplay(inv, name, opts);
      if (Object.keys(vars).length) entry.vars = vars;
    }
    if (Object.keys(entry).length) out[name] = entry;
    for (const child of group.children) {
      if (!seen.has(child)) {
        seen.add(child);
        visit(child);
      }
    }
  };
  visit('all');
  const hostvars: Vars = {};
  for (const host of inv.getHosts('all')) {
    const vars = hostVarsForDisplay(inv, host.name, opts);
    if (Object.keys(vars).length) hostvars[host.name] = vars;
  }
  out._meta = { hostvars };
  return out;
}

/** `--list --yaml`: the tree of groups, each host's vars given where the host first appears. */
export function yamlInventory(inv: LoadedInventory, opts: RenderOptions = {}): Vars {
  const shown = new Set<string>();
  const visit = (name: string): Vars => {
    const group = inv.groups.get(name);
    const entry: Vars = {};
    const children = Object.assign({}, ...(group?.children ?? []).filter((c) => c !== 'all').map(visit));
    if (Object.keys(children).length) entry.children = children;
    if (name !== 'all' && group?.hosts.length) {
      entry.hosts = Object.fromEntries(
        group.hosts.map((h) => {
          const first = !shown.has(h);
          shown.add(h);
          return [h, first ? hostVarsForDisplay(inv, h, opts) : {}];
        }),
      );
    }
    if (opts.export) {
      const vars = groupVarsForDisplay(inv, name, opts);
      if (Object.keys(vars).length) entry.vars = vars;
    }
    return { [name]: entry };
  };
  return visit('all');
}
