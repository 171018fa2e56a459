import { Config } from '../config/types';
import { Connection } from '../connection/connection';
import { LocalConnection } from '../connection/local';
import { createSshConnection, SshOptions } from '../connection/ssh';
import { sshOptionsFor } from '../connection/host-ssh-options';

/** What the command line says about connecting, above what host vars say only where Ansible puts it. */
export interface ConnectionDefaults {
  /** -c / play `connection:`; host's ansible_connection wins over the play keyword, as in Ansible. */
  connection?: string;
  /** -u / play `remote_user:`; ansible_user wins over both. */
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

/** ansible_connection for a host: implicit localhost and `local` are the controller itself. */
export function connectionType(vars: Record<string, unknown>, defaults: ConnectionDefaults): 'local' | 'ssh' {
  const given = vars.ansible_connection;
  const type = given === undefined || given === null || given === '' ? (defaults.connection ?? 'ssh') : String(given);
  return type === 'local' ? 'local' : 'ssh';
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
 * One open connection per distinct host address for the whole run: every task, loop item and handler on
 * a host reuses it, which is where most of the speed over spawning ssh per task comes from.
 */
export class ConnectionPool {
  /** By connection key; the host is kept to find a host's connections again for reset_connection. */
  private readonly open = new Map<string, { host: string; conn: Promise<Connection> }>();

  private readonly config: Config;

  constructor(
    private readonly defaults: ConnectionDefaults,
    config: Config,
    /** Where -vvv connection details go, by the address connected to (Ansible shows `<address> …`). */
    private readonly debug?: (address: string, level: number, message: string) => void,
  ) {
    this.config = withCommandLine(config, defaults);
  }

  get(host: string, vars: Record<string, unknown>): Promise<Connection> {
    const type = connectionType(vars, this.defaults);
    const ssh = type === 'ssh' ? this.sshOptions(vars) : undefined;
    const key = JSON.stringify([type, host, ssh]);
    const cached = this.open.get(key);
    if (cached) return cached.conn;
    const made: Connection = ssh ? createSshConnection(host, this.withDebug(host, ssh)) : new LocalConnection(host);
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

  private sshOptions(vars: Record<string, unknown>): SshOptions {
    const opts = sshOptionsFor(vars, this.config);
    opts.password ??= this.defaults.password;
    opts.sshExtraArgs ??= this.defaults.sshExtraArgs;
    return opts;
  }

  private withDebug(host: string, ssh: SshOptions): SshOptions {
    const debug = this.debug;
    return debug ? { ...ssh, debug: (level, message) => debug(ssh.hostname ?? host, level, message) } : ssh;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()].map((entry) => entry.conn);
    this.open.clear();
    await closeEach(all);
  }
}

/** Closing is best effort: a connection that never opened, or dropped, has nothing left to close. */
async function closeEach(conns: Promise<Connection>[]): Promise<void> {
  await Promise.all(conns.map((c) => c.then((x) => x.close()).catch(() => undefined)));
}
