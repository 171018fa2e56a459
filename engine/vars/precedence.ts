import { VarLayer } from '../inventory/types';
import { combineAll } from './combine';

/**
 * Ansible's variable precedence as one ordered table, lowest first. A host's variables for a task are
 * the layers that apply folded in this order: a later layer replaces a whole key, or under
 * hash_behaviour=merge merges its dicts into the ones below (combineVars). The inventory's layers come from Inventory.hostVarLayers with their
 * own names, in the place ansible-core's default VARIABLE_PRECEDENCE gives them.
 */
export const LAYER_ORDER = [
  'role_defaults',
  'all_inventory',
  'groups_inventory',
  'all_plugins_inventory',
  'all_plugins_play',
  'groups_plugins_inventory',
  'groups_plugins_play',
  'host_inventory',
  'host_plugins_inventory',
  'host_plugins_play',
  'host_facts',
  'play_vars',
  'play_vars_prompt',
  'play_vars_files',
  'role_vars',
  'block_vars',
  'task_vars',
  'include_vars',
  'set_fact',
  'role_params',
  'include_params',
  'extra_vars',
  // inventory_hostname, groups, hostvars…: Ansible adds them last, so no variable can shadow them.
  'magic_vars',
] as const;

export type LayerName = (typeof LAYER_ORDER)[number];

const RANK = new Map<string, number>(LAYER_ORDER.map((name, i) => [name, i]));

export interface Layer {
  name: LayerName;
  vars: Record<string, unknown>;
  /** Says which instance of a repeated layer this is, e.g. `role 'web'` or a vars_files path. */
  source?: string;
}

/** The labelled layers of one host's variables; add in any order, they are kept in precedence order. */
export class VarStack {
  private readonly layers: Layer[] = [];

  constructor(layers: Layer[] = []) {
    for (const layer of layers) this.add(layer);
  }

  /** Adds a layer above every layer of lower or equal rank (equal ranks stay in the order added). */
  add(layer: Layer): this {
    const rank = RANK.get(layer.name)!;
    let i = this.layers.length;
    while (i > 0 && RANK.get(this.layers[i - 1].name)! > rank) i--;
    this.layers.splice(i, 0, layer);
    return this;
  }

  /** The inventory's layers for a host, as Inventory.hostVarLayers gives them. */
  addInventory(layers: VarLayer[]): this {
    for (const l of layers) this.add({ name: l.name, vars: l.vars });
    return this;
  }

  /** Every variable, the highest layer winning each key. */
  fold(): Record<string, unknown> {
    return combineAll(this.layers.map((l) => l.vars));
  }

  /** Which layer a key's value comes from (for -vvv and tests); undefined when no layer sets it. */
  winner(key: string): Layer | undefined {
    for (let i = this.layers.length - 1; i >= 0; i--) {
      if (Object.prototype.hasOwnProperty.call(this.layers[i].vars, key)) return this.layers[i];
    }
    return undefined;
  }

  list(): readonly Layer[] {
    return this.layers;
  }
}
