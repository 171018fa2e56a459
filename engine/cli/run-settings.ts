import { Config } from '../config/types';
import { CommonOptions } from './options';

/** What a run uses once the command line is laid over the config: flags beat ANSIBLE_*, which beat ansible.cfg. */
export interface RunSettings {
  inventory: string[];
  forks: number;
  /** ANSIBLE_VERBOSITY plus one per -v, as Ansible counts. */
  verbosity: number;
  remoteUser?: string;
  privateKeyFile?: string;
  /** The connection plugin name; `smart` means ssh for tsible. */
  connection: string;
  timeout: number;
  become: boolean;
  becomeMethod: string;
  becomeUser: string;
  askBecomePass: boolean;
  askPass: boolean;
  /** -M directories first, then the configured library. */
  modulePath: string[];
  sshCommonArgs: string;
  sshExtraArgs: string;
}

/**
 * Lays the command line over the config. A boolean flag can only switch a setting on (there is no
 * --no-become), so `become = yes` in ansible.cfg cannot be undone from the command line, as in Ansible.
 */
export function withConfig(opts: CommonOptions, config: Config): RunSettings {
  const { defaults, privilege_escalation: pe, ssh_connection: ssh } = config;
  return {
    inventory: opts.inventory.length ? opts.inventory : defaults.inventory,
    forks: opts.forks ?? defaults.forks,
    verbosity: (defaults.verbosity ?? 0) + opts.verbose,
    remoteUser: opts.user ?? defaults.remote_user,
    privateKeyFile: opts.privateKey ?? defaults.private_key_file,
    connection: opts.connection ?? defaults.transport ?? 'smart',
    timeout: opts.timeout ?? defaults.timeout,
    become: opts.become || pe.become,
    becomeMethod: opts.becomeMethod ?? pe.become_method,
    becomeUser: opts.becomeUser ?? pe.become_user,
    askBecomePass: opts.askBecomePass || pe.become_ask_pass,
    askPass: opts.askPass || (defaults.ask_pass ?? false),
    modulePath: [...opts.modulePath, ...defaults.library],
    sshCommonArgs: opts.sshCommonArgs ?? ssh.ssh_common_args ?? '',
    sshExtraArgs: opts.sshExtraArgs ?? ssh.ssh_extra_args ?? '',
  };
}
