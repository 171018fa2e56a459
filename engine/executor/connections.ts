import { Config } from '../config/types';
import { Connection } from '../connection/connection';
import { LocalConnection } from '../connection/local';
import { createSshConnection, SshOptions } from '../connection/ssh';

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

const str = (v: unknown): string | undefined => (v === undefined || v === null || v === '' ? undefined : String(v));
const first = (vars: Record<string, unknown>, ...names: string[]): string | undefined => {
  for (const n of names) {
    const v = str(vars[n]);
    if (v !== undefined) return v;
  }
  return undefined;
};

/** ansible_connection for a host: implicit localhost and `local` are the controller itself. */
export function connectionType(vars: Record<string, unknown>, defaults: ConnectionDefaults): 'local' | 'ssh' {
  const type = first(vars, 'ansible_connection') ?? defaults.connection ?? 'ssh';
  return type === 'local' ? 'local' : 'ssh';
}

/** SshOptions for a host from its variables, the command line and ansible.cfg, in Ansible's order. */
export function sshOptionsFor(host: string, vars: Record<string, unknown>, defaults: ConnectionDefaults, config?: Config): SshOptions {
  const port = first(vars, 'ansible_port', 'ansible_ssh_port');
  const checking = first(vars, 'ansible_host_key_checking', 'ansible_ssh_host_key_checking');
  return {
    hostname: first(vars, 'ansible_host', 'ansible_ssh_host') ?? host,
    port: port === undefined ? undefined : Number(port),
    user: first(vars, 'ansible_user', 'ansible_ssh_user') ?? defaults.remoteUser ?? config?.defaults.remote_user,
    privateKeyFile: first(vars, 'ansible_ssh_private_key_file', 'ansible_private_key_file') ?? defaults.privateKeyFile ?? config?.defaults.private_key_file,
    password: first(vars, 'ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password') ?? defaults.password,
    sshArgs: first(vars, 'ansible_ssh_args') ?? config?.ssh_connection.ssh_args,
    sshCommonArgs: first(vars, 'ansible_ssh_common_args') ?? defaults.sshCommonArgs ?? config?.ssh_connection.ssh_common_args,
    sshExtraArgs: first(vars, 'ansible_ssh_extra_args') ?? defaults.sshExtraArgs,
    hostKeyChecking: checking === undefined ? config?.defaults.host_key_checking : /^(1|true|yes|on|y|t)$/i.test(checking),
    timeoutSec: Number(first(vars, 'ansible_timeout', 'ansible_ssh_timeout') ?? defaults.timeoutSec ?? config?.defaults.timeout ?? 10),
  };
}

/**
 * One open connection per distinct host address for the whole run: every task, loop item and handler on
 * a host reuses it, which is where most of the speed over spawning ssh per task comes from.
 */
export class ConnectionPool {
  private readonly open = new Map<string, Promise<Connection>>();

  constructor(
    private readonly defaults: ConnectionDefaults,
    private readonly config?: Config,
  ) {}

  get(host: string, vars: Record<string, unknown>): Promise<Connection> {
    const type = connectionType(vars, this.defaults);
    const ssh = type === 'ssh' ? sshOptionsFor(host, vars, this.defaults, this.config) : undefined;
    const key = JSON.stringify([type, host, ssh]);
    let conn = this.open.get(key);
    if (!conn) {
      const made: Connection = ssh ? createSshConnection(host, ssh) : new LocalConnection(host);
      conn = made.connect().then(() => made);
      // A failed connect is not cached: the next task on the host tries again, as Ansible does.
      conn.catch(() => this.open.delete(key));
      this.open.set(key, conn);
    }
    return conn;
  }

  async closeAll(): Promise<void> {
    const all = [...this.open.values()];
    this.open.clear();
    await Promise.all(all.map((c) => c.then((x) => x.close()).catch(() => undefined)));
  }
}
