import { homedir, userInfo } from 'os';
import { join } from 'path';
import { parseSshArgs, SshOptionList } from './ssh-args';
import { readSshConfigFile } from './ssh-config-file';
import { expandTokens } from './ssh-tokens';

/**
 * How to reach one host, as the executor knows it from the host's vars and Config. Every field is
 * optional; what is missing comes from ~/.ssh/config and then OpenSSH's defaults.
 */
export interface SshOptions {
  /** ansible_host (ansible_ssh_host); the inventory name when absent. */
  hostname?: string;
  /** ansible_port. */
  port?: number;
  /** ansible_user, or remote_user from play/Config. */
  user?: string;
  /** ansible_ssh_private_key_file / private_key_file. */
  privateKeyFile?: string;
  /** ansible_password: enables password authentication after keys and agent. */
  password?: string;
  /** Passphrase for encrypted private keys. */
  passphrase?: string;
  /** Asked for an encrypted key's passphrase when `passphrase` is absent or wrong; undefined skips the key. */
  askPassphrase?: (keyFile: string) => Promise<string | undefined>;
  /** ssh_args from Config.ssh_connection (or ansible_ssh_args). */
  sshArgs?: string;
  /** ansible_ssh_common_args / ssh_common_args. */
  sshCommonArgs?: string;
  /** ansible_ssh_extra_args. */
  sshExtraArgs?: string;
  /** host_key_checking (ansible_host_key_checking); default true. */
  hostKeyChecking?: boolean;
  /** Connect timeout in seconds: Config.defaults.timeout or -T; default 10. */
  timeoutSec?: number;
  /**
   * The ssh_config file to read; default ~/.ssh/config and then /etc/ssh/ssh_config, as ssh reads them
   * when not given -F; null reads none.
   */
  sshConfigFile?: string | null;
  /** Home directory for ~ and the default files; default the current user's. */
  homeDir?: string;
  /** ssh-agent socket; default $SSH_AUTH_SOCK; null disables the agent. */
  agentSocket?: string | null;
  /**
   * ssh_connection retries (ansible_ssh_retries): connection attempts after the first, paused 0, 1, 3, 7 …
   * (at most 30) seconds apart; a refused host key or login is not retried. Default 0.
   */
  retries?: number;
  /** Bytes of stdout (and of stderr) kept per command; the rest is dropped and flagged. Default 64 MiB. */
  maxOutputBytes?: number;
  /** Connection details for -vvv (level 3) and -vvvv (level 4); never command text, which may be secret. */
  debug?: (level: number, message: string) => void;
}

/** The settings a connection is opened with, after OpenSSH's "first value wins" over all sources. */
export interface ResolvedSsh {
  hostname: string;
  port: number;
  user: string;
  /** Key files to try in order; the defaults when none was given anywhere. */
  identityFiles: string[];
  password?: string;
  strictHostKeyChecking: 'yes' | 'no' | 'accept-new';
  knownHostsFiles: string[];
  /** Write new known_hosts entries hashed. */
  hashKnownHosts: boolean;
  proxyCommand?: string;
  proxyJump?: string;
  connectTimeoutSec: number;
  serverAliveIntervalSec: number;
  serverAliveCountMax: number;
}

const DEFAULT_KEYS = ['id_ed25519', 'id_rsa', 'id_ecdsa'];
const SYSTEM_CONFIG = '/etc/ssh/ssh_config';

/**
 * Orders the options as Ansible's ssh connection puts them on ssh's command line (ssh_args, then its own
 * -o options from host vars, then common and extra args), followed by the matching ssh_config entries.
 */
export function resolveSsh(inventoryName: string, opts: SshOptions): ResolvedSsh {
  const home = opts.homeDir ?? homedir();
  const cmdline: SshOptionList = [...parseSshArgs(opts.sshArgs)];
  if (opts.hostKeyChecking === false) cmdline.push(['stricthostkeychecking', 'no']);
  if (opts.port !== undefined) cmdline.push(['port', String(opts.port)]);
  if (opts.privateKeyFile) cmdline.push(['identityfile', opts.privateKeyFile]);
  if (opts.user) cmdline.push(['user', opts.user]);
  cmdline.push(['connecttimeout', String(opts.timeoutSec ?? 10)]);
  cmdline.push(...parseSshArgs(opts.sshCommonArgs), ...parseSshArgs(opts.sshExtraArgs));

  const target = opts.hostname ?? inventoryName;
  checkCommandLineNames(target, opts.user);
  const configFile = first(cmdline, 'configfile') ?? opts.sshConfigFile;
  const configs = configFile === undefined ? [join(home, '.ssh', 'config'), SYSTEM_CONFIG] : configFile === null ? [] : [configFile];
  const all = [...cmdline, ...configs.flatMap((file) => readSshConfigFile(file, target, home))];
  const get = (key: string) => first(all, key);
  const port = Number(get('port') ?? 22);
  const user = get('user') ?? userInfo().username;
  const hostname = expandTokens(get('hostname') ?? target, { h: target, n: target, p: String(port), r: user }, home);
  const tokens = { h: hostname, n: target, p: String(port), r: user };
  const given = all.filter(([k]) => k === 'identityfile').map(([, v]) => expandTokens(v, tokens, home));
  const proxyCommand = get('proxycommand');
  const proxyJump = get('proxyjump');
  return {
    hostname,
    port,
    user,
    identityFiles: given.length ? given : DEFAULT_KEYS.map((k) => join(home, '.ssh', k)),
    password: opts.password,
    strictHostKeyChecking: strictness(get('stricthostkeychecking')),
    knownHostsFiles: knownHostsFiles(get('userknownhostsfile'), get('globalknownhostsfile'), tokens, home),
    hashKnownHosts: get('hashknownhosts')?.toLowerCase() === 'yes',
    proxyCommand: proxyCommand && proxyCommand.toLowerCase() !== 'none' ? expandTokens(proxyCommand, tokens, home) : undefined,
    proxyJump: proxyJump && proxyJump.toLowerCase() !== 'none' ? proxyJump : undefined,
    connectTimeoutSec: Number(get('connecttimeout')),
    serverAliveIntervalSec: Number(get('serveraliveinterval') ?? 0),
    serverAliveCountMax: Number(get('serveralivecountmax') ?? 3),
  };
}

/**
 * The host and user ssh would get on its command line (ansible_host, ansible_user) end up in a
 * ProxyCommand's %h, %n and %r, which a shell on the controller runs. OpenSSH refuses names holding shell
 * syntax outright, with these messages; so do we, whether or not a ProxyCommand is set. Unlike OpenSSH,
 * `$` is refused in user names too: it would expand in the ProxyCommand.
 */
function checkCommandLineNames(host: string, user: string | undefined): void {
  if (host.startsWith('-') || /['`"$\\;&<>|(){}\s\p{Cc},]/u.test(host)) throw new Error('Failed to connect to the host via ssh: hostname contains invalid characters');
  if (user !== undefined && (user.startsWith('-') || /['`"$;&<>|(){}\\\p{Cc}]|\s-/u.test(user))) {
    throw new Error('Failed to connect to the host via ssh: remote username contains invalid characters');
  }
}

function first(list: SshOptionList, key: string): string | undefined {
  return list.find(([k]) => k === key)?.[1];
}

function strictness(value: string | undefined): ResolvedSsh['strictHostKeyChecking'] {
  const v = (value ?? 'ask').toLowerCase();
  if (v === 'no' || v === 'off') return 'no';
  if (v === 'accept-new') return 'accept-new';
  // 'ask' needs a terminal to answer; Ansible runs ssh without one, so it behaves as 'yes'.
  return 'yes';
}

function knownHostsFiles(user: string | undefined, global: string | undefined, tokens: Record<string, string>, home: string): string[] {
  const userFiles = user ? user.split(/\s+/) : ['~/.ssh/known_hosts', '~/.ssh/known_hosts2'];
  const globalFiles = global ? global.split(/\s+/) : ['/etc/ssh/ssh_known_hosts', '/etc/ssh/ssh_known_hosts2'];
  return [...userFiles, ...globalFiles].filter((f) => f.toLowerCase() !== 'none').map((f) => expandTokens(f, tokens, home));
}
