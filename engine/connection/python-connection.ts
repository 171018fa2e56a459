import { mkdtemp, rm, writeFile } from 'fs/promises';
import { createReadStream } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { TsibleError } from '../errors';
import { chdirInto } from './chdir';
import { BecomeSpec, Connection, ExecOptions, ExecResult, ExecTimeoutError, FileOptions, FileStat, PutContent, PutOptions, UnreachableError } from './connection';
import { Digests, writeFetched } from './file-stream';
import { DisplayEvent, PythonCallError, PythonConnectionProcess } from './python-process';
import { parseStat, statCommand } from './remote-stat';
import { shellPutScript } from './shell-put';
import { shellQuote } from './shell-quote';

/** How a Python connection plug-in is made, as Ansible's executor makes it: all plain data. */
export interface PythonConnectionSpec {
  /** The plug-in's name as the play gives it (redirects are Ansible's loader's business). */
  name: string;
  /** Where plug-ins are looked for besides Ansible's settings: the playbook's and the role's directories. */
  dirs: string[];
  /** PlayContext attributes: remote_addr, remote_user, port, password, private_key_file, timeout. */
  play: Record<string, unknown>;
  /** Keywords the plug-in's options may be read from (remote_user, port, timeout, password). */
  taskKeys: Record<string, unknown>;
  /** The variables the plug-in reads its options from, templated. */
  vars: Record<string, unknown>;
  /** The same for its shell plug-in. */
  shellVars: Record<string, unknown>;
  verbosity: number;
}

interface RawExec {
  rc: number;
  stdout: string;
  stderr: string;
}

/** killed by SIGKILL, as timeout(1) reports a command it had to kill. */
const KILLED = 137;

/**
 * A Connection through a Python connection plug-in running in the controller's python3: commands go to
 * its exec_command (privilege escalation by Ansible's become plug-ins, which the plug-in may look at),
 * files to put_file/fetch_file through a private staging directory on the host. What it raises is sorted
 * as Ansible sorts it: AnsibleConnectionFailure makes the host unreachable, AnsibleError fails the task.
 */
export class PythonConnection implements Connection {
  private opened?: Promise<void>;
  private readonly id: number;

  constructor(
    readonly host: string,
    private readonly python: PythonConnectionProcess,
    private readonly spec: PythonConnectionSpec,
    display?: (e: DisplayEvent) => void,
  ) {
    this.id = python.open(display);
  }

  connect(): Promise<void> {
    this.opened ??= this.call('open', { ...this.spec, pid: process.pid }).then(() => undefined);
    return this.opened;
  }

  async exec(command: string, opts: ExecOptions = {}): Promise<ExecResult> {
    const chdir = opts.cwd !== undefined ? chdirInto(opts.cwd, command) : undefined;
    const r = await this.run(commandLine(chdir?.script ?? command, opts), opts.become, opts.stdin);
    if (opts.timeoutMs && r.rc === KILLED) throw new ExecTimeoutError(this.host, opts.timeoutMs);
    const failure = chdir?.failure(r.rc, `${r.stderr}\n${r.stdout}`);
    if (failure) throw failure;
    return r;
  }

  async readFile(path: string, opts: FileOptions = {}): Promise<Buffer | null> {
    const missing = 'TSIBLE-NO-SUCH-FILE';
    const p = shellQuote(path);
    // base64: the reply is text, and a file's bytes must come back as they are.
    const r = await this.run(`if [ -e ${p} ]; then base64 -w0 -- ${p}; else echo ${missing} >&2; exit 1; fi`, opts.become);
    if (r.rc === 0) return Buffer.from(r.stdout, 'base64');
    if (r.rc === 1 && r.stderr.trim() === missing) return null;
    throw new TsibleError(`cannot read ${path}: ${r.stderr.trim()}`);
  }

  async stat(path: string, opts: FileOptions & { checksum?: boolean; follow?: boolean } = {}): Promise<FileStat> {
    const r = await this.run(statCommand(path, opts), opts.become);
    if (r.rc !== 0) throw new TsibleError(`cannot stat ${path}: ${r.stderr.trim()}`);
    return parseStat(r.stdout);
  }

  /**
   * put_file into a directory only the login user can read, then, as the become user when there is one,
   * the shell's atomic write from there (owner, mode, rename), as Ansible stages files in its remote tmp.
   */
  async putFile(path: string, content: PutContent, opts: PutOptions = {}): Promise<void> {
    await this.withLocalCopy(content, async (local) => {
      await this.withStage(opts.become, async (stage) => {
        await this.call('put', { src: local, dest: stage });
        const r = await this.run(`/bin/sh -c ${shellQuote(shellPutScript(path, opts))} < ${shellQuote(stage)}`, opts.become);
        if (r.rc !== 0) throw new TsibleError(`cannot write ${path}: ${r.stderr.trim()}`);
      });
    });
  }

  async fetchFile(path: string, localPath: string, opts: FileOptions = {}): Promise<Digests | null> {
    if (opts.become) {
      // fetch_file reads as the login user: a file only the become user may read is read as them.
      const data = await this.readFile(path, opts);
      if (data === null) return null;
      return writeFetched(localPath, async function* () {
        yield data;
      });
    }
    const exists = await this.run(`[ -e ${shellQuote(path)} ]`);
    if (exists.rc !== 0) return null;
    const dir = await mkdtemp(join(tmpdir(), 'tsible-fetch-'));
    try {
      const copy = join(dir, 'file');
      await this.call('fetch', { src: path, dest: copy });
      return await writeFetched(localPath, () => createReadStream(copy));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  async close(): Promise<void> {
    // Straight to Python: a connection that never opened has only its thread there to end.
    await this.python.call(this.id, 'close').catch(() => undefined);
  }

  private async run(cmd: string, become?: BecomeSpec, stdin?: string | Buffer): Promise<RawExec> {
    const data = stdin === undefined ? undefined : Buffer.from(stdin).toString('base64');
    const r = (await this.call('exec', { cmd, become: become ?? null, stdin: data ?? null })) as { rc: number; stdout: string; stderr: string };
    const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');
    return { rc: r.rc, stdout: text(r.stdout), stderr: text(r.stderr) };
  }

  private async call(op: string, fields: Record<string, unknown> = {}): Promise<unknown> {
    if (op !== 'open') await this.connect();
    try {
      return await this.python.call(this.id, op, fields);
    } catch (err) {
      // Python itself gone is no fault of the host's.
      if (!(err instanceof PythonCallError)) throw new TsibleError((err as Error).message);
      const { kind, message } = err.failure;
      if (kind === 'unreachable') throw new UnreachableError(this.host, message);
      // Ansible's executor words a crash so, and shows the plug-in's own message for its errors.
      throw new TsibleError(kind === 'error' ? message : `Unexpected failure during module execution: ${message}`);
    }
  }

  /** Content in memory is written to a private controller file for put_file, which takes a path. */
  private async withLocalCopy(content: PutContent, use: (path: string) => Promise<void>): Promise<void> {
    if (typeof content !== 'string' && !Buffer.isBuffer(content)) return use(content.localPath);
    const dir = await mkdtemp(join(tmpdir(), 'tsible-put-'));
    try {
      const file = join(dir, 'file');
      await writeFile(file, content, { mode: 0o600 });
      await use(file);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }

  /**
   * A staging file in a new 0700 directory of the login user's, removed afterwards. A become user other
   * than root is let in by an ACL, or the write fails: Ansible's own choice, short of world-readable files.
   */
  private async withStage(become: BecomeSpec | undefined, use: (stage: string) => Promise<void>): Promise<void> {
    const made = await this.run('mktemp -d "${TMPDIR:-/tmp}/tsible-stage-XXXXXXXX"');
    if (made.rc !== 0) throw new TsibleError(`cannot create a temporary directory on ${this.host}: ${made.stderr.trim()}`);
    const dir = made.stdout.trim();
    const stage = `${dir}/file`;
    try {
      if (become && become.user !== 'root') await this.grant(become.user, dir, stage);
      await use(stage);
    } finally {
      await this.run(`rm -rf ${shellQuote(dir)}`).catch(() => undefined);
    }
  }

  private async grant(user: string, dir: string, stage: string): Promise<void> {
    const u = shellQuote(`u:${user}:rX`);
    // The file does not exist yet: a default ACL on the directory gives it the entry as put_file creates it.
    const r = await this.run(`setfacl -m ${u} ${shellQuote(dir)} && setfacl -d -m ${u} ${shellQuote(dir)}`);
    if (r.rc !== 0) {
      throw new TsibleError(
        `Failed to set permissions on the temporary files tsible needs to create when becoming an unprivileged user (${user}) through a Python connection plugin: ${r.stderr.trim()} (${stage})`,
      );
    }
  }
}

/**
 * The command as the plug-in gets it: unchanged when nothing is added, as Ansible hands `raw` commands
 * over; with an environment, a timeout or a directory, under /bin/sh with those.
 */
function commandLine(command: string, opts: ExecOptions): string {
  const vars = Object.entries(opts.env ?? {});
  if (!vars.length && !opts.timeoutMs && opts.cwd === undefined) return command;
  const env = vars.map(([k, v]) => {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(k)) throw new TsibleError(`invalid environment variable name: ${k}`);
    return `${k}=${shellQuote(v)} `;
  });
  const timeout = opts.timeoutMs ? `timeout -s KILL ${opts.timeoutMs / 1000} ` : '';
  return `${env.join('')}${timeout}/bin/sh -c ${shellQuote(command)}`;
}
