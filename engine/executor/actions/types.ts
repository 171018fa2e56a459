import { TaskResult } from '../../output/events';
import { ExecutorEnv } from '../env';
import { TaskFrame } from '../task-frame';
import { TaskSettings } from '../task-stage';

export interface ActionInput {
  frame: TaskFrame;
  host: string;
  vars: Record<string, unknown>;
  /** The task's arguments, templated, with omitted ones removed. */
  args: Record<string, unknown>;
  env: ExecutorEnv;
  /** How the task reaches the host (connection, become, check mode), for actions that go there. */
  settings: TaskSettings;
}

/** An action the controller carries out itself, with the variables at hand (Ansible's action plugins). */
export type ExecutorAction = (input: ActionInput) => Promise<TaskResult>;

/**
 * Results shown even without -v (debug's, assert's), as Ansible's `_ansible_verbose_always`: only a
 * result the action itself produced is marked, so a skipped or failed-to-template debug stays terse.
 */
export const alwaysShown = new WeakSet<object>();

export function shownAlways<T extends object>(result: T): T {
  alwaysShown.add(result);
  return result;
}
