import { dirname, join } from 'path';
import { TsibleError } from '../errors';
import { loadTaskList, Scope } from '../playbook/block';
import { findFile, LoadContext, LoadOptions } from '../playbook/context';
import { isOldStyleRoleName, loadRole, rolesToRun } from '../playbook/roles';
import { Role } from '../playbook/types';
import { roleHandlerGroups } from './handlers';
import { IncludeLoader } from './include-runtime';
import { TaskFrame } from './task-frame';

/**
 * Loads include_tasks files and include_role roles at run time, with the same loader and checks as the
 * playbook itself. A task file is looked for beside the including file, in the role's tasks/, then in
 * the play's directory.
 */
export function playbookIncludes(opts: LoadOptions): IncludeLoader {
  const scopeFor = (frame: TaskFrame, file: string, dirs: string[], importedRoles: Role[] = []): Scope => ({
    file,
    dirs,
    baseDir: frame.play.baseDir,
    role: frame.task.role,
    tags: frame.task.tags,
    handler: frame.isHandler,
    reachedRoles: [],
    importedRoles,
    dynamic: true,
    collections: frame.task.collections,
  });
  const check = (ctx: LoadContext) => {
    if (ctx.problems.length) throw ctx.problems[0];
  };
  return {
    tasks(args, frame) {
      const name = String(args._raw_params ?? args.file ?? '');
      const role = frame.task.role;
      const dirs = [dirname(frame.task.origin.file), ...(role ? [join(role.path, 'tasks')] : []), frame.play.baseDir];
      const file = findFile(name, dirs);
      if (!file) throw new TsibleError(`Could not find or access '${name}'`, { origin: frame.task.origin, hint: `searched in: ${dirs.join(', ')}` });
      const ctx = new LoadContext(opts);
      const ds = ctx.loadYaml(file, frame.task.origin);
      check(ctx);
      const imported: Role[] = [];
      const tasks = loadTaskList(ds, scopeFor(frame, file, [dirname(file), ...dirs], imported), ctx, { file, line: 1, column: 1 });
      check(ctx);
      return { file, tasks, handlers: imported.flatMap(roleHandlerGroups) };
    },
    role(args, frame) {
      const name = String(args.name ?? args._raw_params ?? '');
      const str = (k: string) => (typeof args[k] === 'string' ? (args[k] as string) : undefined);
      const ctx = new LoadContext(opts);
      if (isOldStyleRoleName(name, frame.task.origin, ctx)) check(ctx);
      const role = loadRole(
        {
          name,
          origin: frame.task.origin,
          params: {},
          useVars: {},
          keywords: {},
          tags: frame.task.tags,
          from: { tasks: str('tasks_from'), handlers: str('handlers_from'), vars: str('vars_from'), defaults: str('defaults_from') },
          includedFrom: frame.task.role,
        },
        scopeFor(frame, frame.task.origin.file, [dirname(frame.task.origin.file)]),
        ctx,
      );
      check(ctx);
      const tasksFile = str('tasks_from') ?? 'main';
      return {
        file: join(role!.path, 'tasks', /\.ya?ml$/.test(tasksFile) ? tasksFile : `${tasksFile}.yml`),
        tasks: rolesToRun([role!]).flatMap((r) => r.tasks),
        handlers: roleHandlerGroups(role!),
      };
    },
  };
}
