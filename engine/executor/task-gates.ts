import { fnmatchRegExp, hasWildcard } from '../fnmatch';
import { ExecutorEnv } from './env';
import { TaskFrame } from './task-frame';
import { asBool, templatedKeyword } from './task-settings';

/**
 * What decides, before a task runs, whether and how widely it runs: --start-at-task, --step, run_once
 * and throttle.
 */

/** --start-at-task: true while the named task has not been reached (fact gathering always runs). */
export function beforeStartAt(env: ExecutorEnv, frame: TaskFrame): boolean {
  const wanted = env.startAt.name;
  if (wanted === undefined || frame.task.action === 'setup' || frame.isHandler) return false;
  const name = frame.info.name;
  if (name === wanted || (hasWildcard(wanted) && (fnmatchRegExp(wanted).test(name) || fnmatchRegExp(wanted).test(frame.task.name ?? '')))) {
    env.startAt.name = undefined;
    return false;
  }
  return true;
}

/** --step: the user decides task by task, until they answer `continue`. */
export async function stepAllows(env: ExecutorEnv, frame: TaskFrame): Promise<boolean> {
  if (!env.step || frame.task.action === 'setup') return true;
  const answer = await env.step(frame.info.name);
  if (answer === 'continue') env.step = undefined;
  return answer !== 'no';
}

/** run_once: the task runs on the first host only (its result is then shared). */
export function runsOnce(env: ExecutorEnv, frame: TaskFrame, hosts: string[]): boolean {
  return hosts.length > 1 && asBool(templatedKeyword(frame, 'run_once', env.vars.taskVars(hosts[0], frame), env));
}

/** `throttle:` caps how many hosts run this task at once, below forks. */
export function throttle(env: ExecutorEnv, frame: TaskFrame, hosts: string[]): number {
  const limit = Number(templatedKeyword(frame, 'throttle', env.vars.taskVars(hosts[0], frame), env) ?? 0);
  return limit > 0 ? Math.min(limit, env.options.forks) : env.options.forks;
}

