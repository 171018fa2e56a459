import { ExitCode, TsibleError } from '../errors';
import { controllerAnsible } from '../module/python/ansible-core';
import { argSpecOf, checkPythonArgs, PythonArgSpec } from '../module/python/argspec';
import { collectionOfFile, PythonModuleDoc, readPythonDocs } from '../module/python/docs';
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
  // In task order: a native module's problems at once, a Python module's once its spec is read.
  const found: Array<{ task: Task; message?: string; file?: string }> = [];
  for (const task of books.flatMap(checkableTasksOf)) {
    // Actions the executor runs itself are checked too where a module file describes their arguments
    // (debug, assert, fail): an unknown option there is an error in Ansible as well.
    const mod = await moduleFor(task.action);
    // Arguments given as one template are only known when the task runs.
    if (!mod || '_variable_params' in task.args) continue;
    if (mod.source?.kind === 'python') {
      found.push({ task, file: mod.source.file });
      continue;
    }
    const { problems } = validateArgs(mod, task.args, { stage: 'parse' });
    if (problems.length) found.push({ task, message: formatArgProblems(task.actionAsWritten, problems) });
  }
  const specs = pythonSpecs(found.flatMap((f) => (f.file ? [f.file] : [])));
  return found.flatMap(({ task, message, file }) => {
    const spec = file === undefined ? undefined : specs.get(file);
    const text = message ?? (spec && checkPythonArgs(task.actionAsWritten, spec, task.args));
    return text ? [new TsibleError(text, { origin: task.origin, exitCode: ExitCode.hostFailed, context: [`task "${task.name ?? task.actionAsWritten}"`] })] : [];
  });
}

/**
 * The argument specs of these Python module files, read in one pass (one short-lived Python for those not
 * read yet in this run). Without ansible-core on the controller there is none: each module then checks its
 * own arguments when it runs, as it does for whatever cannot be known statically.
 */
function pythonSpecs(files: string[]): Map<string, PythonArgSpec | undefined> {
  if (files.length === 0) return new Map();
  const core = controllerAnsible();
  const requests = [...new Set(files)].map((file) => ({
    file,
    name: file,
    collection: collectionOfFile(file) ?? (core && file.startsWith(`${core.dir}/modules/`) ? 'ansible.builtin' : undefined),
  }));
  let docs: Map<string, PythonModuleDoc>;
  try {
    docs = readPythonDocs(requests);
  } catch {
    return new Map();
  }
  return new Map(requests.map(({ file }) => [file, argSpecOf(file, docs.get(file))]));
}

/**
 * The tasks whose bad arguments would stop the run under Ansible too. A task whose failure is handled
 * (ignore_errors, failed_when, a rescue around it) fails where it runs instead, as playbooks testing a
 * module's own error rely on; under module_defaults the arguments are only complete when it runs.
 */
function checkableTasksOf(book: Playbook): Task[] {
  const out: Task[] = [];
  const skips = (keywords: Record<string, unknown>) => keywords.module_defaults !== undefined || (keywords.ignore_errors !== undefined && keywords.ignore_errors !== false);
  const walk = (items: TaskOrBlock[], handled: boolean) => {
    for (const item of items) {
      if (item.kind === 'task') {
        if (!handled && !skips(item.keywords) && item.keywords.failed_when === undefined) out.push(item);
        continue;
      }
      const inner = handled || skips(item.keywords);
      walk(item.block, inner || item.rescue.length > 0);
      walk(item.rescue, inner);
      walk(item.always, inner);
    }
  };
  for (const play of book.plays) {
    const handled = skips(play.keywords);
    for (const items of [play.preTasks, play.tasks, play.postTasks, play.handlers]) walk(items, handled);
    for (const role of play.roles) for (const items of [roleTasks(role), roleHandlers(role)]) walk(items, handled || skips(role.keywords));
  }
  return out;
}
