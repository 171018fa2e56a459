import { Config } from '../config/types';
import { Connection } from '../connection/connection';
import { LocalConnection } from '../connection/local';
import { PythonConnection } from '../connection/python-connection';
import { DisplayEvent, PythonConnectionProcess } from '../connection/python-process';
import { controllerPython } from '../config/controller-python';
import { createSshConnection, SshOptions } from '../connection/ssh';
import { sshOptionsFor } from '../connection/host-ssh-options';
import { ConnectionKeywords, ConnectionSettings, SshSettings } from './connection-settings';

/** What the command line says about connecting, above what host vars say only where Ansible puts it. */
export interface ConnectionDefaults {
  /** -c, else ansible.cfg's transport; the `connection:` keyword and then ansible_connection win over it. */
  connection?: string;
  /** -u; the `remote_user:` keyword and then ansible_user win over it. */
  remoteUser?: string;
  /** --private-key. */
  privateKeyFile?: string;
  /** -k / ansible_password from a prompt. */
  password?: string;
  /** -T. */
  timeoutSec?: number;
  sshCommonArgs?: string;
  sshExtraArgs?: string;
}

/**
 * The command line's connection flags sit where Ansible puts them: below host variables, above
 * ansible.cfg. Laying them over the config keeps one precedence rule, in sshOptionsFor.
 */
function withCommandLine(config: Config, d: ConnectionDefaults): Config {
  return {
    ...config,
    defaults: {
      ...config.defaults,
      remote_user: d.remoteUser ?? config.defaults.remote_user,
      private_key_file: d.privateKeyFile ?? config.defaults.private_key_file,
      timeout: d.timeoutSec ?? config.defaults.timeout,
    },
    ssh_connection: { ...config.ssh_connection, ssh_common_args: d.sshCommonArgs ?? config.ssh_connection.ssh_common_args },
  };
}

/**
 * One open connection per distinct resolved connection settings for the whole run: every task, loop item
 * and handler on a host reuses it, which is where most of the speed over spawning ssh per task comes from.
 * A task that connects otherwise (another remote_user, port or connection type) gets a connection of its own.
 */
export class ConnectionPool {
  /** By connection key; the host is kept to find a host's connections again for reset_connection. */
  private readonly open = new Map<string, { host: string; conn: Promise<Connection> }>();

  private readonly config: Config;

  /** Started at the first Python connection plug-in, shared by all of them. */
  private python?: PythonConnectionProcess;

  constructor(
    private readonly defaults: ConnectionDefaults,
    config: Config,
    /** Where -vvv connection details go, by the address connected to (Ansible shows `<address> …`). */
    private readonly debug?: (address: string, level: number, message: string) => void,
    /** What Python connection plug-ins need of the run: its verbosity (they may read it) and its warnings. */
    private readonly pluginOutput: { verbosity: number; warn(message: string): void } = { verbosity: 0, warn: () => undefined },
  ) {
    this.config = withCommandLine(config, defaults);
  }

  /** -c, else ansible.cfg's transport, else ssh (Ansible's smart). */
  get defaultConnection(): string {
    return this.defaults.connection ?? 'ssh';
  }

  /** ssh options for a host's variables: variables beat the task's keywords, which beat -u and ansible.cfg. */
  sshSettings(vars: Record<string, unknown>, keywords: ConnectionKeywords): SshSettings {
    const opts = sshOptionsFor(vars, this.config, keywords);
    opts.password ??= this.defaults.password;
    opts.sshExtraArgs ??= this.defaults.sshExtraArgs;
    return opts;
  }

  /**
   * `quiet`: the connection is opened for a no_log task, whose connection details (a delegate's name
   * may be the secret) show at no verbosity.
   */
  get(settings: ConnectionSettings, quiet = false): Promise<Connection> {
    const { host } = settings;
    const key = JSON.stringify(settings);
    const cached = this.open.get(key);
    if (cached) return cached.conn;
    const ssh = (s: SshOptions) => (quiet ? s : this.withDebug(host, s));
    const made: Connection =
      settings.type === 'ssh'
        ? createSshConnection(host, ssh(settings.ssh))
        : settings.type === 'python'
          ? new PythonConnection(host, this.pythonProcess(), { ...settings.python, verbosity: this.pluginOutput.verbosity }, quiet ? undefined : this.pluginDisplay(host))
          : new LocalConnection(host);
    const conn = made.connect().then(() => made);
    // A failed connect is not cached: the next task on the host tries again, as Ansible does.
    conn.catch(() => this.open.get(key)?.conn === conn && this.open.delete(key));
    this.open.set(key, { host, conn });
    return conn;
  }

  /**
   * meta: reset_connection. The host's connections are closed, so its next task logs in afresh and sees
   * what only a new login sees (a group the user was just added to, for one).
   */
  async reset(host: string): Promise<void> {
    const mine = [...this.open].filter(([, entry]) => entry.host === host);
    mine.forEach(([key]) => this.open.delete(key));
    await closeEach(mine.map(([, entry]) => entry.conn));
  }

  private pythonProcess(): PythonConnectionProcess {
    this.python ??= new PythonConnectionProcess(controllerPython() ?? 'python3');
    return this.python;
  }

  /** A plug-in's display.vvv(…, host=) names its host itself; without one, the inventory name. */
  private pluginDisplay(host: string): (e: DisplayEvent) => void {
    return (e) => (e.kind === 'warning' ? this.pluginOutput.warn(e.message) : this.debug?.(e.host ?? host, e.level, e.message));
  }

  private withDebug(host: string, ssh: SshOptions): SshOptions {
    const debug = this.debug;
    return debug ? { ...ssh, debug: (level, message) => debug(ssh.hostname ?? host, level, message) } : ssh;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()].map((entry) => entry.conn);
    this.open.clear();
    await closeEach(all);
    this.python?.close();
    this.python = undefined;
  }
}

/** Closing is best effort: a connection that never opened, or dropped, has nothing left to close. */
async function closeEach(conns: Promise<Connection>[]): Promise<void> {
  await Promise.all(conns.map((c) => c.then((x) => x.close()).catch(() => undefined)));
}
