import { PythonConnectionSpec } from '../connection/python-connection';
import { SshOptions } from '../connection/ssh-options';
import { portNumber } from '../connection/host-ssh-options';
import { ExecutorEnv } from './env';
import { connectionTypeNamed, PythonPlugin } from './connection-plugins';
import { stripUnsafe } from '../template/unsafe';
import { TaskFrame } from './task-frame';

/** ssh options as plain data: what the task resolved, without the pool's callbacks. */
export type SshSettings = Omit<SshOptions, 'askPassphrase' | 'debug'>;

/**
 * The connection a task uses on a host, resolved from variables, keywords, the command line and
 * ansible.cfg. Plain data: the pool keys its open connections by it, so tasks that resolve alike share one.
 */
export type ConnectionSettings =
  | { type: 'local'; host: string }
  | { type: 'ssh'; host: string; ssh: SshSettings }
  | { type: 'python'; host: string; python: Omit<PythonConnectionSpec, 'verbosity'> };

/** The play and task keywords that say how to connect (nearest definition), templated. */
export interface ConnectionKeywords {
  connection?: string;
  remoteUser?: string;
  port?: number;
}

/**
 * Where the task connects. Under delegate_to it is the delegate, with the delegate's variables (the task's
 * own `vars:` included), so nothing of the original host's address, port or user leaks to it; in both
 * cases connection variables beat the keywords, which beat -c/-u and ansible.cfg, as in Ansible.
 */
export function connectionSettingsFor(
  frame: TaskFrame,
  host: string,
  vars: Record<string, unknown>,
  delegateTo: string | undefined,
  keyword: (name: string) => unknown,
  env: ExecutorEnv,
): ConnectionSettings {
  const target = delegateTo === undefined || delegateTo === host ? host : delegateTo;
  const targetVars = target === host ? vars : delegateVars(target, frame, env);
  const keywords = connectionKeywords(keyword);
  const given = targetVars.ansible_connection;
  const name = given === undefined || given === null || given === '' ? (keywords.connection ?? env.connections.defaultConnection) : String(given);
  // Ansible finds connection plugins beside the playbook and in the task's role.
  const type = connectionTypeNamed(name, [...(frame.task.role ? [frame.task.role.path] : []), frame.play.baseDir]);
  if (type === 'local') return { type, host: target };
  const ssh = env.connections.sshSettings(targetVars, keywords);
  if (type === 'ssh') return { type, host: target, ssh };
  return { type: 'python', host: target, python: pythonSpec(type, target, targetVars, keywords, ssh) };
}

/**
 * What Ansible's executor gives a Python plug-in: a PlayContext from the same variables and keywords as
 * ssh's, the keywords its options may name, and the variables it declares, templated (only those: another
 * variable's template error is none of the connection's business).
 */
function pythonSpec(plugin: PythonPlugin, host: string, vars: Record<string, unknown>, keywords: ConnectionKeywords, ssh: SshSettings): Omit<PythonConnectionSpec, 'verbosity'> {
  const defined = (o: Record<string, unknown>) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
  const declared = (names: string[]) => defined(Object.fromEntries(names.map((n) => [n, stripUnsafe(vars[n])])));
  const play = defined({
    remote_addr: ssh.hostname ?? host,
    remote_user: ssh.user,
    port: ssh.port,
    password: ssh.password,
    private_key_file: ssh.privateKeyFile,
    timeout: ssh.timeoutSec ?? 10,
  });
  const taskKeys = defined({ remote_user: keywords.remoteUser, port: keywords.port, timeout: play.timeout, password: ssh.password });
  return { name: plugin.name, dirs: plugin.dirs, play, taskKeys, vars: declared(plugin.vars), shellVars: declared(plugin.shellVars) };
}

/**
 * A delegate outside the inventory is reached by its name with the keywords' and the run's settings: it has
 * no variables of its own, and the delegating host's (its address first) must not be used for it.
 */
function delegateVars(target: string, frame: TaskFrame, env: ExecutorEnv): Record<string, unknown> {
  return env.inventory.getHost(target) ? env.vars.taskVars(target, frame) : { ansible_host: target };
}

function connectionKeywords(keyword: (name: string) => unknown): ConnectionKeywords {
  const text = (name: string) => {
    const value = keyword(name);
    return value === undefined || value === null || value === '' ? undefined : String(value);
  };
  const port = text('port');
  return { connection: text('connection'), remoteUser: text('remote_user'), port: port === undefined ? undefined : portNumber(port) };
}
