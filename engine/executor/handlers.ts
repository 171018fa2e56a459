import { allTasks } from '../playbook/notify';
import { Play, Role, Task } from '../playbook/types';

/**
 * A play's handlers in the order they run, in the groups Ansible keeps them in (one per handlers file):
 * its roles' (dependencies first), the play's own, then those of the roles its tasks import.
 */
export function playHandlers(play: Play): Task[][] {
  return [...play.roles.flatMap(roleHandlerGroups), allTasks(play.handlers), ...play.importedRoles.flatMap(roleHandlerGroups)].filter((g) => g.length > 0);
}

/** An included role's handlers, one group for it and one for each dependency. */
export function roleHandlerGroups(role: Role): Task[][] {
  return [...role.dependencies.flatMap(roleHandlerGroups), allTasks(role.handlers)];
}

/**
 * The handlers a `notify:` name reaches: by name (also `role : name` for a role's handler) one handler,
 * the first so named in the last group that has one, as Ansible searches; and every handler that
 * `listen`s to the name.
 */
export function handlersFor(name: string, groups: Task[][]): Task[] {
  const named = groups
    .slice()
    .reverse()
    .map((g) => g.find((h) => h.name === name || (h.role !== undefined && `${h.role.name} : ${h.name}` === name)))
    .find((h) => h !== undefined);
  return groups.flat().filter((h) => h === named || (h.listen ?? []).includes(name));
}
