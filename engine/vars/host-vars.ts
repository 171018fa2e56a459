import { GroupHostVars, Inventory } from '../inventory/types';
import { Block, Play, Role, Task } from '../playbook/types';
import { combineVars } from './combine';
import { Layer, VarStack } from './precedence';

/** Everything that can contribute variables for one host at one point of a play. */
export interface VarsRequest {
  inventory: Inventory;
  host: string;
  /** group_vars/host_vars beside the playbook (loadGroupHostVarsDir on the playbook's directory). */
  playbookAdjacent?: GroupHostVars;
  facts?: Record<string, unknown>;
  play?: Play;
  /** Answers to the play's vars_prompt. */
  prompted?: Record<string, unknown>;
  /** The play's vars_files, loaded, in order. */
  varsFiles?: Record<string, unknown>[];
  /** Roles whose vars apply, later ones winning. */
  roles?: Role[];
  /** Roles whose defaults apply, later ones winning; `roles` when not given. */
  defaultRoles?: Role[];
  /** The task's role and the roles that brought it in as a dependency, outermost first: their params apply. */
  roleChain?: Role[];
  /** Blocks enclosing the task, outermost first. */
  blocks?: Block[];
  task?: Task;
  includeVars?: Record<string, unknown>;
  /** set_fact and registered results for the host. */
  setFacts?: Record<string, unknown>;
  includeParams?: Record<string, unknown>;
  extraVars?: Record<string, unknown>;
  magic?: Record<string, unknown>;
}

/** The host's variables as labelled layers, ready to fold or to ask which layer won a key. */
export function buildVarStack(req: VarsRequest): VarStack {
  const stack = new VarStack().addInventory(req.inventory.hostVarLayers(req.host, req.playbookAdjacent));
  const add = (name: Layer['name'], vars: Record<string, unknown> | undefined, source?: string) => {
    if (vars && Object.keys(vars).length) stack.add({ name, vars, source });
  };
  for (const role of req.defaultRoles ?? req.roles ?? []) add('role_defaults', role.defaults, role.name);
  for (const role of req.roles ?? []) add('role_vars', combineVars(role.vars, role.useVars), role.name);
  // Params given where a role is used reach that role and the roles it depends on, never the play's other roles;
  // the nearest use wins.
  for (const role of req.roleChain ?? []) add('role_params', role.params, role.name);
  add('host_facts', req.facts);
  add('play_vars', req.play?.vars);
  add('play_vars_prompt', req.prompted);
  for (const vars of req.varsFiles ?? []) add('play_vars_files', vars);
  for (const block of req.blocks ?? []) add('block_vars', varsKeyword(block.keywords.vars));
  add('task_vars', varsKeyword(req.task?.keywords.vars));
  add('include_vars', req.includeVars);
  add('set_fact', req.setFacts);
  add('include_params', req.includeParams);
  add('extra_vars', req.extraVars);
  add('magic_vars', req.magic);
  return stack;
}

function varsKeyword(v: unknown): Record<string, unknown> | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}
