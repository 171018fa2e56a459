import { isTemplatedName, shortName } from '../playbook/action';
import { ExecutorEnv } from './env';
import { TaskFrame } from './task-frame';

/**
 * The frame with its action name templated for this host (`action: "{{ pkg_mgr }}"`): Ansible resolves such
 * names as each host runs the task, so the loader lets them through unchecked. The task's title keeps the name as
 * written, as Ansible shows it.
 */
export function withConcreteAction(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): TaskFrame {
  if (!isTemplatedName(frame.task.action)) return frame;
  const action = shortName(String(env.templar.template(frame.task.action, vars, { origin: frame.task.origin })).trim());
  return { ...frame, task: { ...frame.task, action }, info: { ...frame.info, action } };
}
