/**
 * A real OpenSSH server for tests: `sshd -D -e` on a free loopback port with its own config, host key and
 * authorized keys in a temporary directory. Needs root (CI and the dev container run tests as root) to
 * create the login users once and to write their sudo rules, which stop() removes again.
 */
import { ChildProcess, execFileSync, spawn } from 'child_process';
import { chmodSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync, mkdirSync } from 'fs';
import { createServer } from 'net';
import { tmpdir } from 'os';
import { join } from 'path';
import type { SshOptions } from '../../engine/connection/ssh';

export const SSHD_BINARY = '/usr/sbin/sshd';
/** Logs in with a password or key; sudo asks for the password. */
export const TEST_USER = 'tsible-test';
export const TEST_PASSWORD = 'tsible-pass-7Q';
/** Logs in with a key; sudo without a password. */
export const NOPASSWD_USER = 'tsible-nopw';
export const KEY_PASSPHRASE = 'open sesame';

export interface Sshd {
  port: number;
  dir: string;
  pid: number;
  /** Unencrypted OpenSSH-format ed25519 key authorised for both users. */
  clientKey: string;
  /** The same kind of key, encrypted with KEY_PASSPHRASE. */
  encryptedKey: string;
  /** An RSA key in PEM (-m PEM) format. */
  pemKey: string;
  /** `dir`/.ssh/known_hosts, holding this server's key for [127.0.0.1]:port. */
  knownHosts: string;
  /** The server's public host key line (`ssh-ed25519 AAAA…`). */
  hostKey: string;
  /** Options reaching this server as TEST_USER with the client key; `dir` stands in for the home directory. */
  options(extra?: SshOptions): SshOptions;
  /** SIGKILLs the server and every session process it forked, as a crashed host would look. */
  kill(): void;
  /**
   * Signals the processes serving current connections (SIGKILL: they die; SIGSTOP: they hang silently);
   * the server keeps accepting new connections.
   */
  signalSessions(signal: NodeJS.Signals): void;
  /** What sshd has logged so far (with `LogLevel DEBUG1` in `config`, every authentication method tried). */
  log(): string;
  stop(): Promise<void>;
}

export function sshdAvailable(): boolean {
  return existsSync(SSHD_BINARY) && process.getuid?.() === 0;
}

export interface SshdOptions {
  /** false: no SFTP subsystem, as on some hardened hosts. */
  sftp?: boolean;
  /** Extra sshd_config lines (e.g. `SetEnv PATH=…` to put fake commands first). */
  config?: string[];
}

export async function startSshd(opts: SshdOptions = {}): Promise<Sshd> {
  ensureUsers();
  const dir = mkdtempSync(join(tmpdir(), 'tsible-sshd-'));
  // sshd reads authorized_keys as the login user, so the directory must be traversable.
  chmodSync(dir, 0o755);
  // The directory doubles as the client's home: its .ssh holds the default key and known_hosts.
  const ssh = join(dir, '.ssh');
  mkdirSync(ssh);
  const keygen = (file: string, ...args: string[]) => execFileSync('ssh-keygen', ['-q', '-f', file, ...args], { stdio: 'ignore' });
  keygen(join(dir, 'host_ed25519'), '-t', 'ed25519', '-N', '');
  keygen(join(ssh, 'id_ed25519'), '-t', 'ed25519', '-N', '');
  // Few KDF rounds: ssh2 decrypts in JavaScript, and the default 16 cost a second per attempt.
  keygen(join(ssh, 'id_encrypted'), '-t', 'ed25519', '-a', '2', '-N', KEY_PASSPHRASE);
  keygen(join(ssh, 'id_rsa_pem'), '-t', 'rsa', '-b', '2048', '-m', 'PEM', '-N', '');
  const pubs = ['id_ed25519', 'id_encrypted', 'id_rsa_pem'].map((k) => readFileSync(join(ssh, `${k}.pub`), 'utf8'));
  writeFileSync(join(dir, 'authorized_keys'), pubs.join(''), { mode: 0o644 });
  const port = await freePort();
  const hostKey = readFileSync(join(dir, 'host_ed25519.pub'), 'utf8').trim().split(' ').slice(0, 2).join(' ');
  writeFileSync(join(ssh, 'known_hosts'), `[127.0.0.1]:${port} ${hostKey}\n`);
  writeFileSync(join(dir, 'sshd_config'), [...(opts.config ?? []), sshdConfig(dir, port, opts.sftp ?? true)].join('\n'));
  const sudoers = writeSudoers();
  mkdirSync('/run/sshd', { recursive: true });
  const child = spawn(SSHD_BINARY, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (log.length < 4 * 1024 * 1024) log += d.toString();
  });
  await listening(child);
  const sshd: Sshd = {
    port,
    dir,
    pid: child.pid as number,
    clientKey: join(ssh, 'id_ed25519'),
    encryptedKey: join(ssh, 'id_encrypted'),
    pemKey: join(ssh, 'id_rsa_pem'),
    knownHosts: join(ssh, 'known_hosts'),
    hostKey,
    options: (extra = {}) => ({
      hostname: '127.0.0.1',
      port,
      user: TEST_USER,
      privateKeyFile: join(ssh, 'id_ed25519'),
      sshConfigFile: null,
      homeDir: dir,
      agentSocket: null,
      timeoutSec: 5,
      ...extra,
    }),
    kill: () => killTree(child.pid as number),
    signalSessions: (signal) => sessionPids(child.pid as number).forEach((pid) => killTree(pid, signal)),
    log: () => log,
    stop: async () => {
      killTree(child.pid as number);
      rmSync(sudoers, { force: true });
      rmSync(dir, { recursive: true, force: true });
    },
  };
  return sshd;
}

export function stopSshd(sshd: Sshd | undefined): Promise<void> {
  return sshd ? sshd.stop() : Promise.resolve();
}

function sshdConfig(dir: string, port: number, sftp: boolean): string {
  return [
    `Port ${port}`,
    'ListenAddress 127.0.0.1',
    `HostKey ${join(dir, 'host_ed25519')}`,
    `PidFile ${join(dir, 'sshd.pid')}`,
    `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
    'UsePAM no',
    'StrictModes no',
    'PasswordAuthentication yes',
    'KbdInteractiveAuthentication no',
    'PubkeyAuthentication yes',
    'PermitRootLogin no',
    'AllowTcpForwarding yes',
    'MaxStartups 50',
    sftp ? 'Subsystem sftp internal-sftp' : '',
    'LogLevel INFO',
    '',
  ].join('\n');
}

/**
 * Creates the two login users if missing, both with TEST_PASSWORD; retried because parallel test files
 * race on /etc/passwd locks. Exported for tests that need a user to become with a password.
 */
export function ensureUsers(): void {
  for (const user of [TEST_USER, NOPASSWD_USER]) {
    for (let attempt = 0; ; attempt++) {
      try {
        execFileSync('sh', ['-c', `id -u ${user} >/dev/null 2>&1 || useradd -m -s /bin/bash ${user}; echo '${user}:${TEST_PASSWORD}' | chpasswd`], { stdio: 'pipe' });
        break;
      } catch (err) {
        if (attempt >= 5) throw err;
        execFileSync('sleep', ['0.3']);
      }
    }
  }
}

/** One file per server process, so parallel test files do not remove each other's rules. */
function writeSudoers(): string {
  mkdirSync('/etc/sudoers.d', { recursive: true });
  removeStaleSudoers();
  // sudo ignores files in sudoers.d whose names contain a dot.
  const file = `/etc/sudoers.d/tsible-test-${process.pid}-${Date.now()}`;
  const rules = [
    // Ask every time: a cached sudo ticket would hide a wrong password.
    `Defaults:${TEST_USER} timestamp_timeout=0, !lecture`,
    `${TEST_USER} ALL=(ALL:ALL) ALL`,
    `${NOPASSWD_USER} ALL=(ALL:ALL) NOPASSWD: ALL`,
    '',
  ].join('\n');
  writeFileSync(file, rules, { mode: 0o440 });
  return file;
}

/** Rules left by a test process that was killed before its afterAll ran. */
function removeStaleSudoers(): void {
  for (const name of readdirSync('/etc/sudoers.d')) {
    const pid = /^tsible-test-(\d+)-\d+$/.exec(name)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join('/etc/sudoers.d', name), { force: true });
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

function listening(child: ChildProcess): Promise<void> {
  return new Promise((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`sshd did not start:\n${log}`)), 10_000);
    child.stderr?.on('data', (d: Buffer) => {
      if (log.length < 8192) log += d.toString();
      if (log.includes('Server listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`sshd exited with ${code}:\n${log}`));
    });
  });
}

function childrenByParent(): Map<number, number[]> {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      parents.set(ppid, [...(parents.get(ppid) ?? []), Number(entry)]);
    } catch {
      // The process ended while we looked.
    }
  }
  return parents;
}

function sessionPids(listener: number): number[] {
  return childrenByParent().get(listener) ?? [];
}

/**
 * Signals the pid and every descendant (sshd forks a process per connection), parents first: a session
 * process killed after its command could still report the command's death to the client.
 */
function killTree(root: number, signal: NodeJS.Signals = 'SIGKILL'): void {
  const parents = childrenByParent();
  const order: number[] = [];
  const visit = (pid: number) => {
    order.push(pid);
    for (const child of parents.get(pid) ?? []) visit(child);
  };
  visit(root);
  for (const pid of order) {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

/** An INI inventory line for `name` logging into this sshd as `user` with the client key. */
export function inventoryLine(sshd: Sshd, name: string, user: string): string {
  return (
    `${name} ansible_host=127.0.0.1 ansible_port=${sshd.port} ansible_user=${user} ansible_ssh_private_key_file=${sshd.clientKey} ` +
    `ansible_ssh_common_args='-o UserKnownHostsFile=${sshd.knownHosts}' ansible_python_interpreter=/usr/bin/python3`
  );
}
