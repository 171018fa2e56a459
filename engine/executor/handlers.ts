import { allTasks } from '../playbook/notify';
import { roleHandlers } from '../playbook/roles';
import { Play, Task } from '../playbook/types';

/** A play's handlers in the order they run: the play's own after those of its roles, as Ansible. */
export function playHandlers(play: Play): Task[] {
  return [...allTasks(play.roles.flatMap(roleHandlers)), ...allTasks(play.handlers)];
}

/**
 * The handlers a `notify:` name reaches: by name (also `role : name` for a role's handler) or by a
 * `listen` topic. Several handlers may listen to one topic; all of them run.
 */
export function handlersFor(name: string, handlers: Task[]): Task[] {
  return handlers.filter((h) => {
    if (h.name === name || (h.role && `${h.role.name} : ${h.name}` === name)) return true;
    return (h.listen ?? []).includes(name);
  });
}
