import { Connection, UnreachableError } from '../connection/connection';
import { isTsibleError, TsibleError } from '../errors';
import { runModule } from '../module/run';
import { createControllerSide, ControllerFileNotFound } from '../module/controller';
import { dirname } from 'path';
import { TaskResult } from '../output/events';
import { ExecutorEnv } from './env';
import { executorActions } from './actions';
import { stripOmitted } from './omit';
import { stripUnsafe } from '../template';
import { pyStr } from '../template/python';
import { becomeFor, environmentFor, modeFor, templatedKeyword } from './task-settings';
import { TaskFrame } from './task-frame';
import { withNoLog } from './no-log';

/**
 * Runs a task's action once on a host with the given variables (one loop item, or the whole task). Under
 * no_log, what the action says on the way (module warnings and messages) is censored with its result.
 */
export async function runAction(frame: TaskFrame, host: string, vars: Record<string, unknown>, taskEnv: ExecutorEnv): Promise<TaskResult> {
  const { task } = frame;
  const env = withNoLog(frame, vars, taskEnv);
  try {
    const args = templateArgs(frame, vars, env);
    const own = executorActions[task.action];
    const running = own ? own({ frame, host, vars, args, env }) : runHostModule(frame, host, vars, args, env);
    return await withTimeout(running, Number(templatedKeyword(frame, 'timeout', vars, env) ?? 0), task.action);
  } catch (err) {
    return failureOf(err);
  }
}

/** The `timeout:` keyword: past it the task fails with Ansible's message (0 means no limit). */
async function withTimeout(running: Promise<TaskResult>, seconds: number, action: string): Promise<TaskResult> {
  if (!(seconds > 0)) return running;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<TaskResult>((resolve) => {
    timer = setTimeout(() => resolve({ failed: true, changed: false, msg: `The ${action} action failed to execute in the expected time frame (${seconds}) and was terminated` }), seconds * 1000);
  });
  try {
    return await Promise.race([running, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * module_defaults: arguments given once for a module (by short or fully qualified name) on the play,
 * a block or the task; the task's own arguments win.
 */
function moduleDefaults(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): Record<string, unknown> {
  const all = templatedKeyword(frame, 'module_defaults', vars, env);
  const list = Array.isArray(all) ? all : [all];
  const out: Record<string, unknown> = {};
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    for (const [name, defaults] of Object.entries(entry as Record<string, unknown>)) {
      if ((name === frame.task.action || name.endsWith(`.${frame.task.action}`)) && defaults && typeof defaults === 'object') Object.assign(out, defaults);
    }
  }
  return out;
}

/**
 * Where a task's controller-side files (src:, lookups) are looked for, in Ansible's order: the role,
 * the directory of the task's file, the playbook's directory.
 */
export function searchPathsFor(frame: TaskFrame): string[] {
  const paths = [...(frame.task.role ? [frame.task.role.path] : []), dirname(frame.task.origin.file), frame.play.baseDir];
  return [...new Set(paths)];
}

function templateArgs(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): Record<string, unknown> {
  const templated = env.templar.template(frame.task.args, vars, { origin: frame.task.origin, searchPaths: searchPathsFor(frame), preserveTypes: true });
  return stripOmitted({ ...moduleDefaults(frame, vars, env), ...withVariableParams((templated ?? {}) as Record<string, unknown>) });
}

/**
 * `file: "{{ file_args }}"`: arguments given as one template are a dict once templated, under the task's
 * own key=value arguments (which win), as in Ansible; anything else cannot be arguments.
 */
function withVariableParams(args: Record<string, unknown>): Record<string, unknown> {
  if (!('_variable_params' in args)) return args;
  const { _variable_params: given, ...explicit } = args;
  if (given === null || typeof given !== 'object' || Array.isArray(given)) throw new TsibleError(`invalid or malformed argument: '${pyStr(given)}'`);
  return { ...(given as Record<string, unknown>), ...explicit };
}

async function runHostModule(frame: TaskFrame, host: string, vars: Record<string, unknown>, args: Record<string, unknown>, env: ExecutorEnv): Promise<TaskResult> {
  const mod = await env.module(frame.task.action);
  if (!mod) return { failed: true, changed: false, msg: `couldn't resolve module/action '${frame.task.action}'` };
  const connection = await connectionFor(frame, host, vars, env);
  const envVars = environmentFor(frame, vars, env);
  // Modules take plain text; unsafe text matters only while values are variables on the controller.
  const result = await runModule(mod, stripUnsafe(args) as Record<string, unknown>, {
    connection: envVars ? withEnvironment(connection, envVars) : connection,
    check: modeFor(frame, 'check_mode', vars, env, env.options.check),
    diff: modeFor(frame, 'diff', vars, env, env.options.diff),
    become: becomeFor(frame, vars, env),
    vars,
    controller: createControllerSide({ searchPaths: searchPathsFor(frame), templar: env.templar, vars, templateOptions: { origin: frame.task.origin, searchPaths: searchPathsFor(frame) } }),
    log: (level, message) => env.emit(level === 'warning' ? { kind: 'warning', message } : { kind: 'verbose', level: level === 'debug' ? 3 : 1, message, host }),
  });
  return result as TaskResult;
}

/** delegate_to: the delegated host's connection settings, the task's own variables for the rest. */
async function connectionFor(frame: TaskFrame, host: string, vars: Record<string, unknown>, env: ExecutorEnv): Promise<Connection> {
  const delegate = templatedKeyword(frame, 'delegate_to', vars, env);
  if (delegate === undefined || delegate === null || String(delegate) === host) return env.connections.get(host, vars);
  const target = String(delegate);
  return env.connections.get(target, env.vars.taskVars(target, frame));
}

/** Every command a module runs gets the task's `environment:`. */
function withEnvironment(conn: Connection, envVars: Record<string, string>): Connection {
  return {
    host: conn.host,
    connect: () => conn.connect(),
    close: () => conn.close(),
    exec: (command, opts = {}) => conn.exec(command, { ...opts, env: { ...envVars, ...opts.env } }),
    readFile: (path, opts) => conn.readFile(path, opts),
    stat: (path, opts) => conn.stat(path, opts),
    putFile: (path, content, opts) => conn.putFile(path, content, opts),
    fetchFile: (path, localPath, opts) => conn.fetchFile(path, localPath, opts),
  };
}

/** A thrown error as the task result a user sees: unreachable, their mistake, or a module's crash. */
export function failureOf(err: unknown): TaskResult {
  if (err instanceof UnreachableError) return { unreachable: true, changed: false, msg: err.message };
  if (isTsibleError(err) || err instanceof ControllerFileNotFound) return { failed: true, changed: false, msg: err.message };
  const e = err as Error;
  return { failed: true, changed: false, msg: `MODULE FAILURE: ${e?.message ?? String(err)}`, exception: e?.stack };
}
