import { didYouMean } from '../module/did-you-mean';
import { ExitCode } from '../errors';
import { isTemplated, LoadContext } from './context';
import { roleHandlers, roleTasks } from './roles';
import { Play, Role, Task, TaskOrBlock } from './types';
import { originOf } from './yaml';

/** Every task in a list, blocks flattened (block, rescue and always). */
export function allTasks(items: TaskOrBlock[]): Task[] {
  return items.flatMap((t) => (t.kind === 'task' ? [t] : allTasks([...t.block, ...t.rescue, ...t.always])));
}

/**
 * Ansible finds a `notify` naming no handler only when the task changes something, mid-run. A typo is
 * found here instead, before anything runs: a notify must name a handler of the play (or of a role used
 * in it, also as `role : handler`) or a `listen` topic.
 */
export function checkNotify(play: Play, roles: Role[], ctx: LoadContext): void {
  if (ctx.opts.errorOnMissingHandler === false) return;
  const handlers = [...allTasks(play.handlers), ...roles.flatMap((r) => allTasks(roleHandlers(r)))];
  // A templated handler name can match anything; there is nothing to check against.
  if (handlers.some((h) => isTemplated(h.name))) return;
  const known = new Set<string>();
  for (const h of handlers) {
    if (h.name !== undefined) known.add(h.name);
    if (h.name !== undefined && h.role) known.add(`${h.role.name} : ${h.name}`);
    for (const topic of h.listen ?? []) known.add(topic);
  }
  // Imported roles' tasks are in the play's lists and in `roles`: a Set keeps one report per task.
  const tasks = new Set([
    ...allTasks([...play.preTasks, ...play.tasks, ...play.postTasks]),
    ...roles.flatMap((r) => allTasks(roleTasks(r))),
    ...handlers,
  ]);
  for (const task of tasks) {
    for (const name of task.notify) {
      if (known.has(name) || isTemplated(name)) continue;
      const guess = didYouMean(name, known);
      ctx.report(`The requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`, originOf(task.keywords, 'notify', 'value') ?? task.origin, ExitCode.error, guess ? `did you mean '${guess}'?` : `handlers in this play: ${[...known].join(', ') || 'none'}`);
    }
  }
}
