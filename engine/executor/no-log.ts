import { isTsibleError, TsibleError } from '../errors';
import { EventSink, RunEvent, TaskResult } from '../output/events';
import { ExecutorEnv } from './env';
import { TaskFrame } from './task-frame';
import { asBool, templatedKeyword } from './task-settings';

/** What a no_log task shows instead of its result, in Ansible's words. */
export const CENSORED = "the output has been hidden due to the fact that 'no_log: true' was specified for this result";
/** What a no_log task shows instead of an included file's loop item, an included file or a delegated host. */
export const CENSORED_LABEL = '(censored due to no_log)';
/**
 * What a no_log loop item's result line shows as its item: Ansible censors the result before its callback
 * reads the label from it, so the label is Python's None (`(item=None)`), at every verbosity.
 */
const CENSORED_ITEM = 'None';

/** Counters that say nothing about the data, kept as Ansible keeps them. */
const PRESERVED = ['attempts', 'changed', 'retries'] as const;

/** A result as a no_log task shows it: the censored notice and the counters, never a value. */
export function censoredResult(result: TaskResult): TaskResult {
  const shown: Record<string, unknown> = { censored: CENSORED };
  for (const key of PRESERVED) if (key in result) shown[key] = result[key];
  for (const status of ['failed', 'skipped', 'unreachable'] as const) if (result[status]) shown[status] = true;
  return shown as TaskResult;
}

/**
 * Whether the task hides what it does with these variables. A no_log that cannot be templated counts as
 * set: the task's error must not be the way its secret gets out.
 */
export function noLogFor(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): boolean {
  try {
    return asBool(templatedKeyword(frame, 'no_log', vars, env), env.options.noLog ?? false);
  } catch {
    return true;
  }
}

/**
 * An error that stops the run (a keyword such as delegate_to or notify that fails to template, as in
 * Ansible), as shown: under no_log it says where, not what, since its message may quote the secret
 * (Ansible prints it).
 */
export function shownError(err: unknown, frame: TaskFrame, noLog: boolean): unknown {
  if (!noLog) return err;
  return new TsibleError("the error has been hidden due to the fact that 'no_log: true' was specified for this task", {
    origin: frame.task.origin,
    exitCode: isTsibleError(err) ? err.exitCode : undefined,
  });
}

/** The env to run a task (or one loop item) with: under no_log, every event it emits is censored. */
export function withNoLog(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): ExecutorEnv {
  if (!noLogFor(frame, vars, env)) return env;
  return { ...env, emit: censoring(env.emit, (name) => env.inventory.getHost(name) !== undefined) };
}

/**
 * Every event a no_log task emits, censored once here for every stdout callback: results (retries and
 * loop items too), item labels, a delegated host that is not an inventory name, the file an include
 * templated. Warnings and messages of the module go with its result, which is hidden, as in Ansible.
 */
export function censoring(emit: EventSink, isInventoryHost: (name: string) => boolean): EventSink {
  return (event) => {
    const shown = censor(event, isInventoryHost);
    if (shown) emit(shown);
  };
}

/** Exhaustive over event kinds: a new kind does not compile until it is decided here. */
function censor(event: RunEvent, isInventoryHost: (name: string) => boolean): RunEvent | undefined {
  switch (event.kind) {
    case 'runner_ok':
    case 'runner_changed':
    case 'runner_failed':
    case 'runner_skipped':
    case 'runner_unreachable':
    case 'runner_retry': {
      const { itemLabel, delegatedTo } = event.display;
      const display = {
        ...event.display,
        verboseAlways: false,
        itemLabel: itemLabel === undefined ? undefined : CENSORED_ITEM,
        delegatedTo: delegatedTo === undefined || isInventoryHost(delegatedTo) ? delegatedTo : CENSORED_LABEL,
        delegatedAddress: delegatedTo === undefined || isInventoryHost(delegatedTo) ? event.display.delegatedAddress : undefined,
      };
      return { ...event, result: event.result.censored === CENSORED ? event.result : censoredResult(event.result), display };
    }
    case 'included':
      return { ...event, file: CENSORED_LABEL, itemLabel: event.itemLabel === undefined ? undefined : CENSORED_LABEL };
    case 'handler_notified':
      return { ...event, handler: CENSORED_LABEL };
    case 'warning':
    case 'deprecation':
    case 'error':
    case 'verbose':
      return undefined;
    case 'playbook_start':
    case 'play_start':
    case 'no_hosts_matched':
    case 'no_hosts_remaining':
    case 'task_start':
    case 'task_progress':
    case 'async_poll':
    case 'async_done':
    case 'stats':
      return event;
  }
}
