import { dirname } from 'path';
import { ExitCode } from '../errors';
import { loadTaskList, Scope, wrapImport } from './block';
import { findFile, isTemplated, LoadContext, union } from './context';
import { isOldStyleRoleName, loadRole, roleTasks } from './roles';
import { Task, TaskOrBlock } from './types';
import { copyOrigin, originOf } from './yaml';

/**
 * `import_tasks`/`import_role` are expanded now, as Ansible does when it loads the playbook; the imported
 * tasks keep their own file's origin. `include_tasks`/`include_role` stay tasks for the executor, which
 * loads and checks what they name when they run: a handler never notified or a task never reached may
 * include a file that could not run here, as Ansible allows. A file or role named without templating is
 * only looked into now for the roles it brings in.
 */
export function expandInclude(task: Task, scope: Scope, ctx: LoadContext): TaskOrBlock[] {
  switch (task.action) {
    case 'import_tasks':
      return importTasks(task, scope, ctx);
    case 'include':
      return legacyInclude(task, scope, ctx);
    case 'include_tasks':
      lookIntoInclude(task, scope, ctx);
      return [task];
    case 'import_role':
    case 'include_role':
      return roleInclude(task, scope, ctx);
    default:
      return [task];
  }
}

function fileArg(task: Task): unknown {
  return task.args._raw_params ?? task.args.file;
}

/** The variables an import's file name may use: those known at load plus the task's own vars. */
function loadVars(task: Task, scope: Scope): Record<string, unknown> {
  const own = task.keywords.vars;
  return { ...scope.vars, ...(own && typeof own === 'object' && !Array.isArray(own) ? own : {}) };
}

function argOrigin(task: Task) {
  return originOf(task.keywords, task.actionAsWritten, 'value') ?? task.origin;
}

function importTasks(task: Task, scope: Scope, ctx: LoadContext): TaskOrBlock[] {
  if (task.loop) {
    ctx.report("loops cannot be used on 'import_tasks' (it is expanded before any loop runs)", task.origin, undefined, "use 'include_tasks' to run a file once per item");
    return [];
  }
  const name = ctx.renderStatic(fileArg(task), loadVars(task, scope));
  if (name === undefined) return [task];
  const tasks = loadTasksFile(name, task, scope, ctx);
  return tasks ? [wrapImport(tasks, task.keywords, task.tags, scope, task.origin)] : [];
}

/**
 * `include` (deprecated, still accepted by 2.14) is static like import_tasks when it can be: a plain
 * file name, no loop, and not itself in a file or role a dynamic include loaded. Its other arguments
 * are variables for the included tasks (below set_fact); its vars are their include params (above).
 */
function legacyInclude(task: Task, scope: Scope, ctx: LoadContext): TaskOrBlock[] {
  const name = fileArg(task);
  if (task.loop || isTemplated(name) || scope.dynamic) {
    lookIntoInclude(task, scope, ctx);
    return [task];
  }
  const { _raw_params: _name, file: _file, ...params } = task.args;
  const tasks = loadTasksFile(name, task, scope, ctx);
  const own = task.keywords.vars;
  const vars = { ...(own && typeof own === 'object' && !Array.isArray(own) ? own : {}), ...params };
  // Its vars are include params (above set_fact); its arguments only task vars (below), as in Ansible.
  const includeParams = own && typeof own === 'object' && !Array.isArray(own) ? (own as Record<string, unknown>) : {};
  return tasks ? [{ ...wrapImport(tasks, copyOrigin(task.keywords, { ...task.keywords, vars }), task.tags, scope, task.origin), includeParams }] : [];
}

function lookIntoInclude(task: Task, scope: Scope, ctx: LoadContext): void {
  const name = fileArg(task);
  // An include's name may use facts and registered results: only a plain name is looked into now.
  if (isTemplated(name)) return;
  loadTasksFile(name, task, { ...scope, dynamic: true }, ctx.lookahead());
}

/** Loads a task file found relative to the including file. */
function loadTasksFile(name: unknown, task: Task, scope: Scope, ctx: LoadContext): TaskOrBlock[] | undefined {
  if (typeof name !== 'string' || !name) {
    ctx.report(`'${task.actionAsWritten}' needs a file name`, argOrigin(task));
    return undefined;
  }
  const file = findFile(name, scope.dirs);
  if (!file) {
    ctx.report(`could not find or access '${name}'`, argOrigin(task), ExitCode.error, `searched in: ${scope.dirs.join(', ')}`);
    return undefined;
  }
  // A file that includes itself (a dynamic recursion guarded by `when`) is validated once.
  if (ctx.loading.includes(file)) return [];
  ctx.loading.push(file);
  try {
    const ds = ctx.loadYaml(file, argOrigin(task));
    const dirs = union([dirname(file)], scope.dirs);
    return loadTaskList(ds, { ...scope, file, dirs, tags: task.tags }, ctx, { file, line: 1, column: 1 });
  } finally {
    ctx.loading.pop();
  }
}

function roleInclude(task: Task, scope: Scope, ctx: LoadContext): TaskOrBlock[] {
  // `role:` is an undocumented alias of `name:` that Ansible accepts.
  const written = task.args.name ?? task.args.role ?? task.args._raw_params;
  if (typeof written !== 'string' || !written) {
    ctx.report(`'name' is a required argument for ${task.action}`, argOrigin(task), undefined, `${task.action}:\n        name: my_role`);
    return [];
  }
  const isImport = task.action === 'import_role';
  if (isImport && task.loop) {
    ctx.report("loops cannot be used on 'import_role'", task.origin, undefined, "use 'include_role' to run a role once per item");
    return [];
  }
  const name = isImport ? ctx.renderStatic(written, loadVars(task, scope)) : isTemplated(written) ? undefined : written;
  if (name === undefined) return [task];
  if (isImport && isOldStyleRoleName(name, argOrigin(task), ctx)) return [];
  const from = (key: string) => (typeof task.args[key] === 'string' ? (task.args[key] as string) : undefined);
  const role = loadRole(
    {
      name,
      origin: argOrigin(task),
      params: {},
      useVars: {},
      keywords: isImport ? task.keywords : {},
      tags: isImport ? task.tags : [],
      from: { tasks: from('tasks_from'), handlers: from('handlers_from'), vars: from('vars_from'), defaults: from('defaults_from') },
      includedFrom: scope.role,
    },
    isImport ? scope : { ...scope, dynamic: true },
    isImport ? ctx : ctx.lookahead(),
  );
  if (!role) return isImport ? [] : [task];
  scope.reachedRoles.push(role);
  if (isImport) scope.importedRoles.push(role);
  return isImport ? [wrapImport(roleTasks(role), task.keywords, task.tags, scope, task.origin, role)] : [task];
}
