import { TaskResult } from '../../output/events';
import { ExecutorEnv } from '../env';
import { TaskFrame } from '../task-frame';

export interface ActionInput {
  frame: TaskFrame;
  host: string;
  vars: Record<string, unknown>;
  /** The task's arguments, templated, with omitted ones removed. */
  args: Record<string, unknown>;
  env: ExecutorEnv;
}

/** An action the controller carries out itself, with the variables at hand (Ansible's action plugins). */
export type ExecutorAction = (input: ActionInput) => Promise<TaskResult>;
