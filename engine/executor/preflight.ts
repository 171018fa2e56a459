import { ExitCode, TsibleError } from '../errors';
import { AnyModule } from '../module/types';
import { formatArgProblems, validateArgs } from '../module/validate';
import { roleHandlers, roleTasks } from '../playbook/roles';
import { Playbook, Task, TaskOrBlock } from '../playbook/types';

/**
 * Checks every task's arguments against its module's schema before any host is contacted. Ansible
 * finds a bad argument only when it reaches the task, after earlier tasks changed hosts; the exit code
 * stays the one Ansible would end with (2, a failed task).
 */
export async function checkTaskArguments(books: Playbook[], moduleFor: (name: string) => Promise<AnyModule | undefined>): Promise<TsibleError[]> {
  const problems: TsibleError[] = [];
  for (const task of books.flatMap(allTasksOf)) {
    // Actions the executor runs itself are checked too where a module file describes their arguments
    // (debug, assert, fail): an unknown option there is an error in Ansible as well.
    const mod = await moduleFor(task.action);
    // Arguments given as one template are only known when the task runs.
    if (!mod || '_variable_params' in task.args) continue;
    const { problems: found } = validateArgs(mod, task.args, { stage: 'parse' });
    if (found.length) {
      problems.push(new TsibleError(formatArgProblems(task.actionAsWritten, found), { origin: task.origin, exitCode: ExitCode.hostFailed, context: [`task "${task.name ?? task.actionAsWritten}"`] }));
    }
  }
  return problems;
}

function allTasksOf(book: Playbook): Task[] {
  const out: Task[] = [];
  const walk = (items: TaskOrBlock[]) => {
    for (const item of items) {
      if (item.kind === 'task') out.push(item);
      else [item.block, item.rescue, item.always].forEach(walk);
    }
  };
  for (const play of book.plays) {
    [play.preTasks, play.tasks, play.postTasks, play.handlers, ...play.roles.map(roleTasks), ...play.roles.map(roleHandlers)].forEach(walk);
  }
  return out;
}
