import { setOwn } from '../template/own-keys';
import { isDict } from '../template/values';

type Vars = Record<string, unknown>;

/** How two sets of variables that both define a dict combine: the later one replaces it, or is merged into it. */
export type HashBehaviour = 'replace' | 'merge';

// Ansible's hash_behaviour is one setting for the whole process, read wherever variables are combined
// (inventory sources, group_vars files, precedence layers, -e, include_vars); the CLI sets it once per run.
let current: HashBehaviour = 'replace';

/** Sets hash_behaviour (ANSIBLE_HASH_BEHAVIOUR) for every later combination of variables. */
export function setHashBehaviour(behaviour: HashBehaviour | undefined): void {
  current = behaviour ?? 'replace';
}

export function hashBehaviour(): HashBehaviour {
  return current;
}

/**
 * `a` with `b`'s variables on top, as a new dict (neither is changed). Under hash_behaviour=merge a dict
 * in both is merged key by key, at every depth; otherwise, and for any other value, `b`'s wins whole.
 */
export function combineVars(a: Vars, b: Vars, merge = current === 'merge'): Vars {
  return addInto({ ...a }, b, merge);
}

/** Every dict combined in order, the last winning (see combineVars). */
export function combineAll(dicts: Array<Vars | undefined>, merge = current === 'merge'): Vars {
  const out: Vars = {};
  for (const d of dicts) if (d) addInto(out, d, merge);
  return out;
}

/** Sets `vars[key]` to `value` combined with what it held (see combineVars), changing `vars` itself. */
export function setCombined(vars: Vars, key: string, value: unknown, merge = current === 'merge'): void {
  const before = Object.prototype.hasOwnProperty.call(vars, key) ? vars[key] : undefined;
  // Defined, not assigned: a `__proto__` variable (from a vars file or a host) is a variable like any other.
  setOwn(vars, key, merge && isDict(before) && isDict(value) ? combineVars(before, value, true) : value);
}

// `out` is the caller's own copy; the dicts inside it and in `b` belong to the variables and are never changed.
function addInto(out: Vars, b: Vars, merge: boolean): Vars {
  for (const key of Object.keys(b)) setCombined(out, key, b[key], merge);
  return out;
}
