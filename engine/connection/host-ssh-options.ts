import { Config } from '../config/types';
import { TsibleError } from '../errors';
import { SshOptions } from './ssh-options';

/**
 * Builds the ssh options of one host from its (templated) variables, the task's `remote_user` and `port`
 * keywords and Config, with Ansible's precedence: host variables over the keywords over ansible.cfg; when
 * several variable names mean the same thing, the later one in Ansible's list wins
 * (`ansible_ssh_host` over `ansible_host`, `ansible_ssh_user` over `ansible_user` …).
 */
export function sshOptionsFor(vars: Record<string, unknown>, config: Config, keywords: { remoteUser?: string; port?: number } = {}): SshOptions {
  const pick = (...names: string[]) => {
    for (const name of [...names].reverse()) {
      const value = vars[name];
      if (value !== undefined && value !== null && value !== '') return value;
    }
    return undefined;
  };
  const text = (...names: string[]) => {
    const value = pick(...names);
    return value === undefined ? undefined : String(value);
  };
  const port = text('ansible_port', 'ansible_ssh_port');
  const timeout = text('ansible_ssh_timeout');
  const retries = text('ansible_ssh_retries');
  const checking = pick('ansible_host_key_checking', 'ansible_ssh_host_key_checking');
  return {
    hostname: text('ansible_host', 'ansible_ssh_host'),
    port: port === undefined ? keywords.port : portNumber(port),
    user: text('ansible_user', 'ansible_ssh_user') ?? keywords.remoteUser ?? config.defaults.remote_user,
    privateKeyFile: text('ansible_private_key_file', 'ansible_ssh_private_key_file') ?? config.defaults.private_key_file,
    password: text('ansible_password', 'ansible_ssh_pass', 'ansible_ssh_password'),
    sshArgs: text('ansible_ssh_args') ?? config.ssh_connection.ssh_args,
    sshCommonArgs: text('ansible_ssh_common_args') ?? config.ssh_connection.ssh_common_args,
    sshExtraArgs: text('ansible_ssh_extra_args'),
    hostKeyChecking: checking === undefined ? config.defaults.host_key_checking : truthy(checking),
    timeoutSec: timeout === undefined ? config.defaults.timeout : Number(timeout),
    retries: retries === undefined ? config.ssh_connection.retries : Number(retries),
  };
}

/** Ansible's boolean reading of a variable: yes/on/true/1 (any case) are true. */
function truthy(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  return ['yes', 'on', 'true', '1', 'y', 't'].includes(String(value).trim().toLowerCase());
}

/** A port as Ansible reads it (Python's int()): anything else fails the task instead of connecting nowhere. */
export function portNumber(text: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new TsibleError(`the field 'port' has an invalid value (${text}), and could not be converted to an int`);
  return Number(text);
}
