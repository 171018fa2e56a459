import { Connection, UnreachableError } from '../connection/connection';
import { isTsibleError, taskErrorPosition, TsibleError } from '../errors';
import { runModule } from '../module/run';
import type { ContextOptions } from '../module/context';
import { NOT_SUPPORTED, refused, runAsyncModule } from './async-task';
import { createControllerSide, ControllerFileNotFound } from '../module/controller';
import { dirname } from 'path';
import { TaskResult } from '../output/events';
import { ExecutorEnv } from './env';
import { executorActions } from './actions';
import { stripOmitted } from './omit';
import { stripUnsafe } from '../template';
import { pyStr } from '../template/python';
import { PythonException, UndefinedError } from '../template/values';
import { keywordReader, KeywordReader } from './task-settings';
import { TaskFrame } from './task-frame';
import { withNoLog } from './no-log';
import { ResolvedTask, resolveSettings } from './task-stage';

/**
 * Runs a task's action once on a host with the given variables (one loop item, or the whole task). Under
 * no_log, what the action says on the way (module warnings and messages) is censored with its result.
 * An error templating the task (its arguments, its connection settings) is thrown, not returned: as in
 * Ansible, it fails the whole task, and in a loop ends the loop there with that one failure.
 */
export async function runAction(frame: TaskFrame, host: string, vars: Record<string, unknown>, taskEnv: ExecutorEnv): Promise<TaskResult> {
  const env = withNoLog(frame, vars, taskEnv);
  let resolved: ResolvedTask;
  try {
    resolved = resolveTask(frame, host, vars, env);
  } catch (err) {
    // A Python exception in a template (5 / 0) is not an Ansible error: Ansible returns it as this item's
    // failure and the loop goes on.
    if (isTsibleError(err) && err.cause instanceof PythonException) return failureOf(err);
    throw err;
  }
  try {
    const own = executorActions[resolved.action];
    // Ansible's actions here are plug-ins without async support.
    if (resolved.settings.async > 0 && Object.hasOwn(executorActions, resolved.action)) return refused(NOT_SUPPORTED);
    const plugin = Object.hasOwn(executorActions, resolved.action) ? undefined : env.pythonActions?.find(resolved.action);
    const running = own
      ? own({ frame, host, vars, args: resolved.args, env, settings: resolved.settings })
      : plugin && env.pythonActions
        ? env.pythonActions.run(plugin, frame, host, resolved, vars, env)
        : runHostModule(frame, host, resolved, vars, env);
    return await withTimeout(running, resolved.settings.timeout, resolved.action);
  } catch (err) {
    return failureOf(err);
  }
}

/** The task on this host: its keywords templated once, its arguments, where and how it connects. */
function resolveTask(frame: TaskFrame, host: string, vars: Record<string, unknown>, env: ExecutorEnv): ResolvedTask {
  const kw = keywordReader(frame, vars, env);
  return { action: frame.task.action, args: templateArgs(frame, vars, kw, env), settings: resolveSettings(frame, host, vars, kw, env), origin: frame.task.origin };
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
function moduleDefaults(action: string, kw: KeywordReader): Record<string, unknown> {
  const all = kw('module_defaults');
  const list = Array.isArray(all) ? all : [all];
  const out: Record<string, unknown> = {};
  for (const entry of list) {
    if (!entry || typeof entry !== 'object') continue;
    for (const [name, defaults] of Object.entries(entry as Record<string, unknown>)) {
      if ((name === action || name.endsWith(`.${action}`)) && defaults && typeof defaults === 'object') Object.assign(out, defaults);
    }
  }
  return out;
}

const SERVICE_ACTIONS = new Set(['service', 'ansible.builtin.service', 'ansible.legacy.service']);
const SERVICE_BACKENDS = new Set(['systemd', 'sysvinit']);

/**
 * The service action hands the task to the manager's own module (`use:`, else the service_mgr fact), so that
 * module's module_defaults apply too, under the service task's arguments, as in Ansible.
 */
function withServiceBackendDefaults(action: string, args: Record<string, unknown>, vars: Record<string, unknown>, kw: KeywordReader): Record<string, unknown> {
  if (!SERVICE_ACTIONS.has(action)) return args;
  const facts = vars.ansible_facts as Record<string, unknown> | undefined;
  // Gathered facts hold host text wrapped as unsafe; only its plain value is compared here.
  const given = stripUnsafe(args.use);
  const use = typeof given === 'string' && given.toLowerCase() !== 'auto' ? given.toLowerCase() : stripUnsafe(facts?.service_mgr);
  if (typeof use !== 'string' || !SERVICE_BACKENDS.has(use)) return args;
  return { ...moduleDefaults(use, kw), ...args };
}

/**
 * Where a task's controller-side files (src:, lookups) are looked for, in Ansible's order: the role,
 * the directory of the task's file, the playbook's directory.
 */
export function searchPathsFor(frame: TaskFrame): string[] {
  const paths = [...(frame.task.role ? [frame.task.role.path] : []), dirname(frame.task.origin.file), frame.play.baseDir];
  return [...new Set(paths)];
}

function templateArgs(frame: TaskFrame, vars: Record<string, unknown>, kw: KeywordReader, env: ExecutorEnv): Record<string, unknown> {
  let templated: unknown;
  try {
    templated = env.templar.template(frame.task.args, vars, { origin: frame.task.origin, searchPaths: searchPathsFor(frame), preserveTypes: true });
  } catch (err) {
    if (!(isTsibleError(err) && err.cause instanceof UndefinedError)) throw err;
    // Ansible's wording (which playbooks test registered results for), with the error said twice as Ansible's wrapped exception says it.
    const message = `The task includes an option with an undefined variable. The error was: ${err.message}. ${err.message}\n\n${taskErrorPosition(frame.task.origin)}`;
    throw new TsibleError(message, { origin: frame.task.origin, cause: err.cause });
  }
  const args = { ...moduleDefaults(frame.task.action, kw), ...withVariableParams((templated ?? {}) as Record<string, unknown>) };
  return stripOmitted(withServiceBackendDefaults(frame.task.action, args, vars, kw));
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

async function runHostModule(frame: TaskFrame, host: string, task: ResolvedTask, vars: Record<string, unknown>, env: ExecutorEnv): Promise<TaskResult> {
  const mod = await env.module(task.action);
  if (!mod) return { failed: true, changed: false, msg: `couldn't resolve module/action '${task.action}'` };
  const { settings } = task;
  // Where Ansible says which module file it sends, -vvv says a TypeScript module runs (a Python one names its file).
  if (!mod.source) env.emit({ kind: 'verbose', level: 3, message: `Using tsible's native module ${mod.name}`, host });
  const connection = await env.connections.get(settings.connection, settings.noLog);
  // Modules take plain text; unsafe text matters only while values are variables on the controller.
  const options: ContextOptions = {
    connection: settings.environment ? withEnvironment(connection, settings.environment) : connection,
    check: settings.check,
    diff: settings.diff,
    become: settings.become,
    noLog: settings.noLog,
    remoteFiles: env.remoteFiles,
    vars,
    controller: createControllerSide({ searchPaths: searchPathsFor(frame), templar: env.templar, vars, templateOptions: { origin: task.origin, searchPaths: searchPathsFor(frame) } }),
    log: (level, message) => env.emit(level === 'warning' ? { kind: 'warning', message } : { kind: 'verbose', level: level === 'debug' ? 3 : 1, message, host }),
  };
  const args = stripUnsafe(task.args) as Record<string, unknown>;
  if (settings.async > 0) return runAsyncModule(mod, args, options, { limit: settings.async, poll: settings.poll, task: frame.info, host, emit: env.emit });
  return (await runModule(mod, args, options, true)) as TaskResult;
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
  // As in Ansible, a Python exception while templating gives no message, only the exception's traceback.
  if (isTsibleError(err) && err.cause instanceof PythonException) return { failed: true, changed: false, exception: err.cause.traceback() };
  if (isTsibleError(err) || err instanceof ControllerFileNotFound) return { failed: true, changed: false, msg: err.message };
  const e = err as Error;
  return { failed: true, changed: false, msg: `MODULE FAILURE: ${e?.message ?? String(err)}`, exception: e?.stack };
}
