import { BecomeSpec } from '../connection/connection';
import { Origin } from '../errors';
import { ConnectionSettings, connectionSettingsFor } from './connection-settings';
import { ExecutorEnv } from './env';
import { noLogFor } from './no-log';
import { TaskFrame } from './task-frame';
import { becomeFor, environmentFor, KeywordReader, modeOf } from './task-settings';

/** How a task runs on one host, every keyword that says so resolved once. */
export interface TaskSettings {
  become?: BecomeSpec;
  check: boolean;
  diff: boolean;
  noLog: boolean;
  /** The delegate's inventory name (or address) under delegate_to. */
  delegateTo?: string;
  connection: ConnectionSettings;
  /** `environment:` from the play down to the task, for every command the module runs. */
  environment?: Record<string, string>;
  /** The `timeout:` keyword in seconds; 0 for none. */
  timeout: number;
  /** `async:`, the job's time limit in seconds (0: the task runs in the foreground), and `poll:`, how often it is checked. */
  async: number;
  poll: number;
}

/**
 * A task as it runs on one host (one loop item): the action, its templated arguments and its settings,
 * all plain data, handed as they are to the action and the connection.
 */
export interface ResolvedTask {
  action: string;
  args: Record<string, unknown>;
  settings: TaskSettings;
  origin: Origin;
}

/** The task's settings on a host, from its keywords (read through `kw`), its variables and the run's options. */
export function resolveSettings(frame: TaskFrame, host: string, vars: Record<string, unknown>, kw: KeywordReader, env: ExecutorEnv): TaskSettings {
  const delegate = kw('delegate_to');
  const delegateTo = delegate === undefined || delegate === null ? undefined : String(delegate);
  return {
    become: becomeFor(kw, vars, env),
    check: modeOf('check_mode', kw('check_mode'), env.options.check),
    diff: modeOf('diff', kw('diff'), env.options.diff),
    noLog: noLogFor(frame, vars, env),
    delegateTo,
    connection: connectionSettingsFor(frame, host, vars, delegateTo, kw, env),
    environment: environmentFor(frame, vars, env),
    timeout: Number(kw('timeout') ?? 0),
    async: Number(kw('async') ?? 0),
    // Ansible's default poll interval, DEFAULT_POLL_INTERVAL.
    poll: Number(kw('poll') ?? 15),
  };
}
