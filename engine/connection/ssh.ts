import { readFile } from 'fs/promises';
import { randomBytes } from 'crypto';
import { SFTPWrapper } from 'ssh2';
import { wrapBecome } from './become';
import { ChannelLimit } from './channel-limit';
import { chdirInto } from './chdir';
import { BecomeError, BecomeSpec, Connection, ExecOptions, ExecResult, ExecTimeoutError, FileOptions, FileStat, PutContent, PutOptions, UnreachableError } from './connection';
import { ChannelAbort, RawResult, runChannel } from './exec-channel';
import { Digests, writeFetched } from './file-stream';
import { parseStat, statCommand } from './remote-stat';
import { sftpGet } from './sftp-get';
import { call, sftpPut } from './sftp-put';
import { ConnectError, OpenedClient, openClient } from './ssh-connect';
import { ResolvedSsh, SshOptions, resolveSsh } from './ssh-options';
import { shellPutScript } from './shell-put';
import { shellQuote } from './shell-quote';

export type { SshOptions } from './ssh-options';

const DEFAULT_MAX_OUTPUT = 64 * 1024 * 1024;
const SFTP_NO_SUCH_FILE = 2;
// One below sshd's default MaxSessions, leaving room for the SFTP session.
const MAX_CHANNELS = 9;
const OPEN_RETRIES = 5;
const PARTIAL_CLEANUP_MS = 2000;

/** A Connection over one persistent SSH connection: commands on exec channels, files over SFTP. */
export function createSshConnection(host: string, opts: SshOptions = {}): Connection {
  return new SshConnection(host, opts);
}

class SshConnection implements Connection {
  private opening?: Promise<OpenedClient>;
  private opened?: OpenedClient;
  private sftpSession?: Promise<SFTPWrapper>;
  private noSftp = false;
  /** Temporary files of SFTP writes in progress. */
  private readonly partials = new Set<string>();
  private fileMode?: Promise<number>;
  /** Why the connection is gone; every later call fails with it. */
  private lost?: string;
  private readonly channels = new ChannelLimit(MAX_CHANNELS);
  /** Settles when the connection drops: ssh2 leaves calls on a dead connection pending for ever. */
  private dropped?: Promise<never>;

  constructor(
    readonly host: string,
    private readonly opts: SshOptions,
  ) {}

  async connect(): Promise<void> {
    await this.client();
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const raw = await this.run(command, opts);
    return { rc: raw.rc, stdout: raw.stdout.toString('utf8'), stderr: raw.stderr.toString('utf8'), ...(raw.truncated ? { truncated: true } : {}) };
  }

  async readFile(path: string, opts: FileOptions = {}): Promise<Buffer | null> {
    const sftp = opts.become ? null : await this.sftpIfAny();
    if (!sftp) return this.readByShell(path, opts.become);
    return this.guard(call<Buffer>((cb) => sftp.readFile(path, cb))).catch((err: Error & { code?: number }) => {
      if (err.code === SFTP_NO_SUCH_FILE) return null;
      throw err;
    });
  }

  async stat(path: string, opts: FileOptions & { checksum?: boolean; follow?: boolean } = {}): Promise<FileStat> {
    const raw = await this.run(statCommand(path, opts), { become: opts.become });
    if (raw.rc !== 0) throw new Error(`cannot stat ${path}: ${raw.stderr.toString().trim()}`);
    return parseStat(raw.stdout.toString('utf8'));
  }

  async putFile(path: string, content: PutContent, opts: PutOptions = {}): Promise<void> {
    const sftp = opts.become ? null : await this.sftpIfAny();
    if (!sftp) {
      // Through the shell the content is one command's stdin, so a controller file is read whole.
      const data = typeof content === 'string' ? Buffer.from(content) : Buffer.isBuffer(content) ? content : await readFile(content.localPath);
      const raw = await this.run(shellPutScript(path, opts, data.length), { become: opts.become, stdin: data });
      if (raw.rc !== 0) throw new Error(`cannot write ${path}: ${raw.stderr.toString().trim()}`);
      return;
    }
    const ids = opts.owner || opts.group ? await this.ids(opts.owner, opts.group) : {};
    const body = typeof content === 'string' ? Buffer.from(content) : content;
    await this.guard(sftpPut(sftp, path, body, { mode: opts.mode, ...ids, newFileMode: () => this.newFileMode(), partials: this.partials }));
  }

  async fetchFile(path: string, localPath: string, opts: FileOptions = {}): Promise<Digests | null> {
    const sftp = opts.become ? null : await this.sftpIfAny();
    if (sftp) return this.guard(sftpGet(sftp, path, localPath));
    // Through the shell the file is one command's output, read whole.
    const data = await this.readByShell(path, opts.become);
    if (data === null) return null;
    return writeFetched(localPath, async function* () {
      yield data;
    });
  }

  async close(): Promise<void> {
    this.lost ??= 'the connection was closed';
    const opened = await this.opening?.catch(() => undefined);
    await this.removePartials();
    opened?.close();
  }

  /** Temporary files of transfers cut short by close(): removed while the session can still do it. */
  private async removePartials(): Promise<void> {
    const sftp = this.partials.size ? await this.sftpSession?.catch(() => undefined) : undefined;
    if (!sftp) return;
    const removals = [...this.partials].map((tmp) => call((cb) => sftp.unlink(tmp, cb)).catch(() => undefined));
    // A host that stopped answering must not hold up the end of the run.
    await Promise.race([Promise.all(removals), new Promise((resolve) => setTimeout(resolve, PARTIAL_CLEANUP_MS).unref())]);
  }

  /** What a new file's mode is without one asked for: 0666 less the login's umask, asked once. */
  private newFileMode(): Promise<number> {
    this.fileMode ??= this.run('umask', {}).then((raw) => 0o666 & ~parseInt(raw.stdout.toString().trim() || '022', 8));
    return this.fileMode;
  }

  /** cat, or base64 through su's terminal, which would mangle raw bytes. */
  private async readByShell(path: string, become?: BecomeSpec): Promise<Buffer | null> {
    const reader = become?.method === 'su' ? 'base64' : 'cat';
    // One-off, so no file name in an error message can fake it; looked for in stdout too, where su's
    // terminal puts what the command writes to stderr.
    const missing = `TSIBLE-NO-SUCH-FILE-${randomBytes(12).toString('hex')}`;
    const script = `if [ -e ${shellQuote(path)} ]; then exec ${reader} -- ${shellQuote(path)}; else echo ${missing} >&2; exit 1; fi`;
    const raw = await this.run(script, { become });
    // Output past the cap is dropped: a file cut short must not pass for the whole file.
    if (raw.truncated) throw new Error(`cannot read ${path} through the shell: larger than ${this.opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT} bytes of output`);
    if (raw.rc === 0) return reader === 'base64' ? Buffer.from(raw.stdout.toString(), 'base64') : raw.stdout;
    if (raw.stderr.includes(missing) || raw.stdout.includes(missing)) return null;
    throw new Error(`cannot read ${path}: ${raw.stderr.toString().trim()}`);
  }

  private async client(): Promise<OpenedClient> {
    if (this.lost) throw new UnreachableError(this.host, this.lost);
    this.opening ??= this.open().then((opened) => this.watch(opened));
    try {
      return await this.opening;
    } catch (err) {
      this.lost = (err as Error).message;
      throw new UnreachableError(this.host, this.lost);
    }
  }

  private async open(): Promise<OpenedClient> {
    const resolved = resolveSsh(this.host, this.opts);
    this.opts.debug?.(3, `ESTABLISH SSH CONNECTION FOR USER: ${resolved.user}`);
    this.opts.debug?.(4, describeResolved(resolved));
    for (let attempt = 0; ; attempt++) {
      try {
        const started = performance.now();
        const opened = await openClient(resolved, this.opts);
        this.opts.debug?.(3, `SSH: connected to ${resolved.hostname}:${resolved.port} in ${Math.round(performance.now() - started)} ms`);
        return opened;
      } catch (err) {
        this.opts.debug?.(3, `SSH: connection attempt ${attempt + 1} failed: ${(err as Error).message}`);
        if (attempt >= (this.opts.retries ?? 0) || !(err instanceof ConnectError && err.retryable)) throw err;
        // Ansible's back-off between attempts.
        await new Promise((resolve) => setTimeout(resolve, Math.min(2 ** attempt - 1, 30) * 1000));
      }
    }
  }

  private watch(opened: OpenedClient): OpenedClient {
    this.opened = opened;
    let reason = 'Connection closed by remote host';
    opened.client.on('error', (err: Error) => {
      reason = `Connection lost (${err.message})`;
    });
    this.dropped = new Promise<never>((_resolve, reject) => {
      opened.client.on('close', () => {
        this.lost ??= `Failed to connect to the host via ssh: ${reason}`;
        this.sftpSession = undefined;
        reject(new UnreachableError(this.host, this.lost));
      });
    });
    // Only calls in flight care; nobody else awaits this.
    this.dropped.catch(() => undefined);
    return opened;
  }

  /** The SFTP session, or null on a host that offers none (files then go through the shell). */
  private async sftpIfAny(): Promise<SFTPWrapper | null> {
    if (this.noSftp) return null;
    const { client } = await this.client();
    this.sftpSession ??= call<SFTPWrapper>((cb) => client.sftp(cb));
    try {
      return await this.guard(this.sftpSession);
    } catch (err) {
      if (err instanceof UnreachableError) throw err;
      this.noSftp = true;
      return null;
    }
  }

  /** Runs a command line (with env, cwd and become applied) and maps how it ended to our errors. */
  private async run(command: string, opts: ExecOptions): Promise<RawResult> {
    const { client } = await this.client();
    const chdir = opts.cwd !== undefined ? chdirInto(opts.cwd, command) : undefined;
    const line = commandLine(chdir?.script ?? command, opts);
    const become = opts.become ? wrapBecome(line, opts.become, { stdin: opts.stdin !== undefined }) : undefined;
    const maxBytes = this.opts.maxOutputBytes ?? DEFAULT_MAX_OUTPUT;
    // Ansible allows escalation two seconds more than the connect timeout.
    const becomeTimeoutMs = ((this.opts.timeoutSec ?? 10) + 2) * 1000;
    const run = { command: become ? become.command : line, stdin: opts.stdin, timeoutMs: opts.timeoutMs, maxBytes, become, becomeTimeoutMs };
    for (let attempt = 0; ; attempt++) {
      try {
        const raw = await this.guard(this.channels.run(() => runChannel(client, run)));
        const failure = chdir?.failure(raw.rc, `${raw.stderr.toString()}\n${raw.stdout.toString()}`);
        if (failure) throw failure;
        return raw;
      } catch (abort) {
        if (abort instanceof Error) throw abort;
        const why = abort as ChannelAbort;
        if (why.kind === 'refused' && !this.lost && attempt < OPEN_RETRIES) {
          // A session that just ended may not be counted as gone by sshd yet.
          await new Promise((resolve) => setTimeout(resolve, 50 * 2 ** attempt));
          continue;
        }
        throw this.abortError(why, opts);
      }
    }
  }

  private abortError(why: ChannelAbort, opts: ExecOptions): Error {
    if (why.kind === 'timeout') return new ExecTimeoutError(this.host, opts.timeoutMs ?? 0);
    if (why.kind === 'become') return new BecomeError(this.host, why.message);
    if (this.lost) return new UnreachableError(this.host, this.lost);
    if (why.kind === 'refused') return new Error(`the host refused a new ssh session: ${why.message}`);
    return new UnreachableError(this.host, 'Failed to connect to the host via ssh: the command channel closed unexpectedly');
  }

  /** Ends the call when the connection drops; a failure while it is gone is about the host, not the file. */
  private guard<T>(work: Promise<T>): Promise<T> {
    const raced = this.dropped ? Promise.race([work, this.dropped]) : work;
    return raced.catch((err) => {
      if (this.lost) throw new UnreachableError(this.host, this.lost);
      throw err;
    });
  }

  private async ids(owner?: string, group?: string): Promise<{ uid?: number; gid?: number }> {
    const numeric = (v?: string) => (v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined);
    const script = [
      owner ? `id -u -- ${shellQuote(owner)}` : 'echo',
      group ? `getent group ${shellQuote(group)} | cut -d: -f3` : 'echo',
    ].join('; ');
    const raw = await this.run(script, {});
    const [uid, gid] = raw.stdout.toString().split('\n');
    const result = { uid: numeric(owner) ?? numeric(uid.trim()), gid: numeric(group) ?? numeric(gid?.trim()) };
    if (owner && result.uid === undefined) throw new Error(`chown failed: failed to look up user ${owner}`);
    if (group && result.gid === undefined) throw new Error(`chgrp failed: failed to look up group ${group}`);
    return result;
  }
}

/**
 * The user's command under /bin/sh whatever the login shell is, with its environment. With a
 * timeout, coreutils' timeout(1) kills the command's whole process group on the host: closing the channel
 * alone leaves it running, and sshd ignores signal requests.
 */
function commandLine(command: string, opts: ExecOptions): string {
  const env = Object.entries(opts.env ?? {}).map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`invalid environment variable name: ${k}`);
    return `${k}=${shellQuote(v)} `;
  });
  // A second later than our own timer, which then reports the timeout before the host kills the command.
  const timeout = opts.timeoutMs ? `timeout -s KILL ${opts.timeoutMs / 1000 + 1} ` : '';
  return `${env.join('')}${timeout}/bin/sh -c ${shellQuote(command)}`;
}

/** What -vvvv shows of the settings a connection was opened with (no password, only whether there is one). */
function describeResolved(r: ResolvedSsh): string {
  const parts = [
    `hostname=${r.hostname}`,
    `port=${r.port}`,
    `user=${r.user}`,
    `identity files=${r.identityFiles.join(',') || 'none'}`,
    `password=${r.password === undefined ? 'no' : 'yes'}`,
    `StrictHostKeyChecking=${r.strictHostKeyChecking}`,
    `known hosts=${r.knownHostsFiles.join(',')}`,
    `ConnectTimeout=${r.connectTimeoutSec}`,
    `ServerAliveInterval=${r.serverAliveIntervalSec}`,
  ];
  if (r.proxyJump) parts.push(`ProxyJump=${r.proxyJump}`);
  if (r.proxyCommand) parts.push(`ProxyCommand=${r.proxyCommand}`);
  return `SSH: ${parts.join(' ')}`;
}
