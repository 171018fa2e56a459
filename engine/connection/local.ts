import { spawn } from 'child_process';
import { promises as fs, Stats } from 'fs';
import { userInfo } from 'os';
import { basename, dirname, join } from 'path';
import { BecomeWrap, wrapBecome } from './become';
import { chdirInto } from './chdir';
import { BecomeError, BecomeSpec, Connection, ExecOptions, ExecResult, ExecTimeoutError, FileOptions, FileStat, PutContent, PutOptions } from './connection';
import { ChannelAbort, CommandIo, RawResult, runCommandIo } from './exec-channel';
import { Digests, digestFile, openPrivate, trackPartial, writeBody, writeFetched } from './file-stream';
import { groupId, groupName, userId, userName } from './local-users';
import { shellPutScript } from './shell-put';
import { shellQuote } from './shell-quote';

function fileType(st: Stats): FileStat['type'] {
  if (st.isSymbolicLink()) return 'link';
  if (st.isDirectory()) return 'directory';
  if (st.isFile()) return 'file';
  return 'other';
}

/** Bytes of stdout (and of stderr) kept per command, as over ssh. */
const MAX_OUTPUT = 64 * 1024 * 1024;
/** How long su or sudo may take to ask or to let us through: Ansible's default timeout plus its two seconds. */
const BECOME_TIMEOUT_MS = 12_000;
/** How long an ended command's processes get to go after SIGTERM before SIGKILL. */
const TERM_GRACE_MS = 3_000;

/** Process groups of every local command still running, ended when tsible exits however it exits. */
const allGroups = new Set<number>();
let exitHookSet = false;

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch {
    // Already gone.
  }
}

function track(pid: number): void {
  allGroups.add(pid);
  if (exitHookSet) return;
  exitHookSet = true;
  // No time to wait here: SIGTERM lets su pass the signal on to its command, SIGKILL ends the rest.
  process.on('exit', () => allGroups.forEach((group) => (signalGroup(group, 'SIGTERM'), signalGroup(group, 'SIGKILL'))));
}

/**
 * The command line as the become user runs it, with the task's environment set inside (sudo would reset
 * one given to it), and how to recognise its prompts and marker.
 */
export function localBecome(command: string, become: BecomeSpec, hasStdin: boolean, env?: Record<string, string>): BecomeWrap {
  return wrapBecome(`${envAssignments(env)}/bin/sh -c ${shellQuote(command)}`, become, { stdin: hasStdin, terminal: false });
}

/** The controller itself as a host: child processes for commands, fs for files. */
export class LocalConnection implements Connection {
  private readonly me = userInfo().username;

  constructor(readonly host: string = 'localhost') {}

  async connect(): Promise<void> {}

  /** Commands still running, by process group, with how each ends; close() ends them, as closing ssh ends its sessions. */
  private readonly running = new Map<number, { ended: Promise<void>; stop(): void }>();

  /** Temporary files of writes in progress. */
  private readonly partials = new Set<string>();

  async close(): Promise<void> {
    await Promise.all([...this.partials].map((tmp) => fs.rm(tmp, { force: true })));
    const all = [...this.running.values()];
    all.forEach((command) => command.stop());
    await Promise.all(all.map((command) => command.ended));
  }

  private needsBecome(become?: BecomeSpec): become is BecomeSpec {
    return become !== undefined && become.user !== this.me;
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const chdir = opts.cwd !== undefined ? chdirInto(opts.cwd, command) : undefined;
    const line = chdir?.script ?? command;
    const become = this.needsBecome(opts.become) ? localBecome(line, opts.become, opts.stdin !== undefined, opts.env) : undefined;
    let raw: RawResult;
    try {
      raw = await this.spawnRun(become?.command ?? line, opts, become);
    } catch (abort) {
      throw abortError(this.host, abort, opts);
    }
    const stdout = raw.stdout.toString('utf8');
    const stderr = raw.stderr.toString('utf8');
    const failure = chdir?.failure(raw.rc, `${stderr}\n${stdout}`);
    if (failure) throw failure;
    return { rc: raw.rc, stdout, stderr, ...(raw.truncated ? { truncated: true } : {}) };
  }

  /**
   * Runs a line with /bin/sh in its own process group (so ending it ends the whole pipeline) through the
   * same runner as an ssh channel: under become, stdin carries the password only after a prompt.
   */
  private spawnRun(line: string, opts: ExecOptions, become?: BecomeWrap): Promise<RawResult> {
    // Under become the line sets the environment itself.
    const env = become ? process.env : { ...process.env, ...opts.env };
    const child = spawn('/bin/sh', ['-c', line], { env, detached: true });
    const pid = child.pid as number;
    let killTimer: NodeJS.Timeout | undefined;
    const stop = () => {
      // The shell may be gone while what it started still holds the output open: the group is signalled.
      if (killTimer) return;
      signalGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => signalGroup(pid, 'SIGKILL'), TERM_GRACE_MS);
    };
    const ended = new Promise<void>((resolve) =>
      child.once('close', () => {
        clearTimeout(killTimer);
        this.running.delete(pid);
        allGroups.delete(pid);
        resolve();
      }),
    );
    this.running.set(pid, { ended, stop });
    track(pid);
    child.stdin.on('error', () => undefined);
    const io: CommandIo = {
      onStdout: (listener) => child.stdout.on('data', listener),
      onStderr: (listener) => child.stderr.on('data', listener),
      onExit: (listener) => child.on('exit', listener),
      onClose: (listener) => child.on('close', () => listener()),
      write: (data) => child.stdin.write(data),
      end: () => child.stdin.end(),
      kill: stop,
    };
    const run = { command: line, stdin: opts.stdin, timeoutMs: opts.timeoutMs, maxBytes: MAX_OUTPUT, become, becomeTimeoutMs: BECOME_TIMEOUT_MS };
    return new Promise((resolve, reject) => {
      child.once('error', reject);
      runCommandIo(io, run).then(resolve, reject);
    });
  }

  async readFile(path: string, opts: FileOptions = {}): Promise<Buffer | null> {
    if (this.needsBecome(opts.become)) {
      const r = await this.exec(`test -e ${shellQuote(path)} || exit 3; base64 < ${shellQuote(path)}`, opts);
      if (r.rc === 3) return null;
      if (r.rc !== 0) throw new Error(`cannot read ${path}: ${r.stderr.trim()}`);
      return Buffer.from(r.stdout, 'base64');
    }
    try {
      return await fs.readFile(path);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw e;
    }
  }

  async stat(path: string, opts: FileOptions & { checksum?: boolean; follow?: boolean } = {}): Promise<FileStat> {
    if (this.needsBecome(opts.become)) return this.statAs(path, opts as typeof opts & { become: BecomeSpec });
    let st: Stats;
    try {
      st = opts.follow ? await fs.stat(path) : await fs.lstat(path);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || code === 'ENOTDIR') return { exists: false };
      throw e;
    }
    const result: FileStat = {
      exists: true,
      type: fileType(st),
      mode: st.mode & 0o7777,
      uid: st.uid,
      gid: st.gid,
      owner: userName(st.uid),
      group: groupName(st.gid),
      size: st.size,
      mtime: st.mtimeMs / 1000,
    };
    if (st.isSymbolicLink()) result.linkTarget = await fs.readlink(path);
    if (opts.checksum && st.isFile()) result.checksum = (await digestFile(path)).sha1;
    return result;
  }

  /** stat through sudo: one command printing GNU stat's fields and the sha1. */
  private async statAs(path: string, opts: { become: BecomeSpec; checksum?: boolean; follow?: boolean }): Promise<FileStat> {
    const q = shellQuote(path);
    const sum = opts.checksum ? `; test -f ${q} && sha1sum < ${q}` : '';
    const r = await this.exec(`stat ${opts.follow ? '-L ' : ''}-c '%F|%a|%u|%g|%U|%G|%s|%Y' ${q} 2>/dev/null || exit 3${sum}`, opts);
    if (r.rc === 3) return { exists: false };
    const [fields, checksum] = r.stdout.split('\n');
    const [kind, mode, uid, gid, owner, group, size, mtime] = fields.split('|');
    const type = kind.includes('link') ? 'link' : kind === 'directory' ? 'directory' : kind.startsWith('regular') ? 'file' : 'other';
    const result: FileStat = { exists: true, type, mode: parseInt(mode, 8), uid: +uid, gid: +gid, owner, group, size: +size, mtime: +mtime };
    if (type === 'link') result.linkTarget = (await this.exec(`readlink ${q}`, opts)).stdout.replace(/\n$/, '');
    if (checksum) result.checksum = checksum.split(' ')[0];
    return result;
  }

  async putFile(path: string, content: PutContent, opts: PutOptions = {}): Promise<void> {
    if (this.needsBecome(opts.become)) return this.putFileAs(path, content, opts as PutOptions & { become: BecomeSpec });
    const existing = await fs.stat(path).catch(() => undefined);
    const tmp = join(dirname(path), `.${basename(path)}.tsible-${process.pid}-${Date.now()}`);
    const handle = await openPrivate(tmp);
    const partial = this.partial(tmp);
    try {
      await writeBody(handle, typeof content === 'string' ? Buffer.from(content) : content);
      await handle.sync();
      const uid = opts.owner !== undefined ? userId(opts.owner) : existing?.uid;
      const gid = opts.group !== undefined ? groupId(opts.group) : existing?.gid;
      if (uid !== undefined || gid !== undefined) await handle.chown(uid ?? -1, gid ?? -1);
      // A new file gets the umask's default, an existing one keeps its mode, as Ansible's atomic move does.
      await handle.chmod(opts.mode ?? (existing ? existing.mode & 0o7777 : 0o666 & ~process.umask()));
      await handle.close();
      await fs.rename(tmp, path);
    } catch (e) {
      await handle.close().catch(() => undefined);
      await fs.rm(tmp, { force: true });
      throw e;
    } finally {
      partial.done();
    }
  }

  private async putFileAs(path: string, content: PutContent, opts: PutOptions & { become: BecomeSpec }): Promise<void> {
    // The content is the command's stdin: a controller file is read whole here.
    const data = typeof content === 'string' ? Buffer.from(content) : Buffer.isBuffer(content) ? content : await fs.readFile(content.localPath);
    const r = await this.exec(shellPutScript(path, opts, data.length), { become: opts.become, stdin: data });
    if (r.rc !== 0) throw new Error(`cannot write ${path}: ${r.stderr.trim()}`);
  }

  async fetchFile(path: string, localPath: string, opts: FileOptions = {}): Promise<Digests | null> {
    if (this.needsBecome(opts.become)) {
      const data = await this.readFile(path, opts);
      return data === null ? null : writeFetched(localPath, async function* () {
        yield data;
      });
    }
    const source = await fs.open(path, 'r').catch((e: NodeJS.ErrnoException) => (e.code === 'ENOENT' ? null : Promise.reject(e)));
    if (source === null) return null;
    try {
      return await writeFetched(localPath, () => source.createReadStream({ autoClose: false }));
    } finally {
      await source.close();
    }
  }

  /** Tracks a temporary file until its transfer ends; close() removes those of transfers still running. */
  private partial(tmp: string): { done(): void } {
    const global = trackPartial(tmp);
    this.partials.add(tmp);
    return { done: () => (global.done(), this.partials.delete(tmp)) };
  }
}

/** `K=v ` assignments for a command line; names are checked, values quoted. */
function envAssignments(env: Record<string, string> = {}): string {
  return Object.entries(env)
    .map(([k, v]) => {
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new Error(`invalid environment variable name: ${k}`);
      return `${k}=${shellQuote(v)} `;
    })
    .join('');
}

/** How a local run that could not finish is reported: as the ssh connection reports the same. */
function abortError(host: string, abort: unknown, opts: ExecOptions): Error {
  if (abort instanceof Error) return abort;
  const why = abort as ChannelAbort;
  if (why.kind === 'timeout') return new ExecTimeoutError(host, opts.timeoutMs ?? 0);
  if (why.kind === 'become') return new BecomeError(host, why.message);
  return new Error(`the command ended without an exit status (${why.kind})`);
}
