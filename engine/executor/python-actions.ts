import { dirname } from 'path';
import { TsibleError } from '../errors';
import { controllerAnsible } from '../module/python/ansible-core';
import { TaskResult } from '../output/events';
import { ActionPlugins, PythonActionPlugin } from '../plugins/actions';
import { ActionRequest, localUser, PythonActionProcess, shimCalls } from './python-action';
import { ConnectionSettings } from './connection-settings';
import { ExecutorEnv } from './env';
import { searchPathsFor } from './run-action';
import { TaskFrame } from './task-frame';
import { ResolvedTask } from './task-stage';

export interface PythonActionsOptions {
  plugins: ActionPlugins;
  /** Library directories (-M, beside the playbook, roles', ansible.cfg's), for the modules a plug-in runs. */
  libraries: string[];
  /** ansible.cfg's pipelining, for hosts without ansible_pipelining. */
  pipelining: boolean;
}

/**
 * The run's Python action plug-ins: which action runs through one, and running it in the controller's
 * ansible-core with the task's connection behind its shim (see python-action-host.ts).
 */
export class PythonActions {
  private process?: PythonActionProcess;

  constructor(private readonly opts: PythonActionsOptions) {}

  find(action: string): PythonActionPlugin | undefined {
    return this.opts.plugins.find(action);
  }

  async run(plugin: PythonActionPlugin, frame: TaskFrame, host: string, task: ResolvedTask, vars: Record<string, unknown>, env: ExecutorEnv): Promise<TaskResult> {
    const core = controllerAnsible();
    if (!core) {
      throw new TsibleError(
        `the action '${task.action}' runs through the Python action plug-in ${plugin.file}, which needs ansible-core on the controller: ` +
          `'python3 -c "import ansible"' fails. Install it (pip install ansible-core, or apt install ansible-core)`,
        { origin: task.origin },
      );
    }
    this.process ??= new PythonActionProcess(core.python);
    const { settings } = task;
    env.emit({ kind: 'verbose', level: 3, message: `Using the Python action plug-in ${plugin.file}`, host });
    const request = this.request(plugin, frame, task, vars, env);
    let connecting: ReturnType<ExecutorEnv['connections']['get']> | undefined;
    const result = await this.process.run(request, {
      call: shimCalls(() => (connecting ??= env.connections.get(settings.connection, settings.noLog)), settings.become ?? null),
      display: (e) => env.emit(e.kind === 'warning' ? e : { ...e, host: e.host ?? host }),
    });
    // A job the plug-in started in the background is checked on by Ansible's executor; tsible does not poll it.
    if (settings.async > 0 && settings.poll > 0 && result.ansible_job_id !== undefined && !result.failed && !result.skipped) {
      throw new TsibleError(`unsupported: the Python action plug-in ${plugin.file} started an async job (${String(result.ansible_job_id)}), and tsible cannot poll it: use poll: 0 and async_status`, { origin: task.origin });
    }
    return asTaskResult(result);
  }

  close(): void {
    this.process?.close();
  }

  private request(plugin: PythonActionPlugin, frame: TaskFrame, task: ResolvedTask, vars: Record<string, unknown>, env: ExecutorEnv): ActionRequest {
    const { settings } = task;
    const conn = settings.connection;
    const searchPaths = searchPathsFor(frame);
    const text = (name: string) => {
      const v = readVar(vars, name);
      return v === undefined || v === null || v === '' ? undefined : String(v);
    };
    const pipelining = readVar(vars, 'ansible_pipelining') ?? readVar(vars, 'ansible_ssh_pipelining');
    return {
      action: plugin.name,
      resolved: plugin.name,
      args: task.args,
      vars: snapshot(vars),
      check: settings.check,
      diff: settings.diff,
      noLog: settings.noLog,
      async: settings.async,
      poll: settings.poll,
      verbosity: env.options.verbosity,
      become: settings.become ?? null,
      environment: settings.environment ?? null,
      delegateTo: settings.delegateTo ?? null,
      collections: [],
      searchPaths,
      basedir: frame.play.baseDir,
      dirs: [...new Set([frame.play.baseDir, ...(frame.task.role ? [frame.task.role.path] : []), dirname(frame.task.origin.file)])],
      libraries: this.opts.libraries,
      ...transportOf(conn),
      pipelining: pipelining === undefined ? this.opts.pipelining : pipelining === true || /^(1|true|yes|on)$/i.test(String(pipelining)),
      executable: text('ansible_shell_executable') ?? '/bin/sh',
      shellType: text('ansible_shell_type') ?? null,
    };
  }
}

function transportOf(conn: ConnectionSettings): Pick<ActionRequest, 'transport' | 'connectionPlugin' | 'remoteAddr' | 'remoteUser'> {
  if (conn.type === 'local') return { transport: 'local', connectionPlugin: null, remoteAddr: conn.host, remoteUser: localUser() };
  if (conn.type === 'ssh') return { transport: 'ssh', connectionPlugin: null, remoteAddr: conn.ssh.hostname ?? conn.host, remoteUser: conn.ssh.user ?? localUser() };
  const play = conn.python.play;
  return {
    transport: conn.python.name,
    connectionPlugin: conn.python.name,
    remoteAddr: String(play.remote_addr ?? conn.host),
    remoteUser: String(play.remote_user ?? localUser()),
  };
}

function readVar(vars: Record<string, unknown>, name: string): unknown {
  try {
    return vars[name];
  } catch {
    return undefined;
  }
}

/**
 * The task's variables as the plug-in gets them (its task_vars): each one templated, as tsible reads it;
 * one that fails to template is left out, as nothing asked for it.
 */
function snapshot(vars: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(vars)) {
    const value = readVar(vars, key);
    if (value !== undefined) out[key] = value;
  }
  return out;
}

/**
 * The plug-in's result as a task result: Ansible's internal keys (`_ansible_no_log`, `_ansible_parsed`…)
 * are not part of what is registered.
 */
function asTaskResult(result: Record<string, unknown>): TaskResult {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(result)) if (!k.startsWith('_ansible_')) out[k] = v;
  return out as TaskResult;
}
