import { randomBytes } from 'crypto';
import { chmod, mkdir, readFile, rename, stat } from 'fs/promises';
import { dirname, resolve } from 'path';
import type { BecomeSpec, Connection, ExecResult } from '../connection/connection';
import type { Digests } from '../connection/file-stream';
import type { AsyncJob } from './async-jobs';
import { shellQuote } from './shell-quote';
import type { Apply, ControllerSide, LogLevel, ModuleContext, PlannedAction, Probe, RemoteFilesSettings } from './types';

export interface ContextOptions {
  connection: Connection;
  check?: boolean;
  diff?: boolean;
  become?: BecomeSpec;
  vars?: Record<string, unknown>;
  /** The task's `environment:`, set for every command the module runs. */
  environment?: Record<string, string>;
  /** Controller-side lookups; defaults resolve paths against the current directory and render nothing. */
  controller?: Partial<ControllerSide>;
  log?: (level: LogLevel, message: string) => void;
  noLog?: boolean;
  remoteFiles?: RemoteFilesSettings;
  job?: AsyncJob;
}

export interface ContextHandle {
  ctx: ModuleContext;
  /** Removes the task's tmp dir on the host, if one was made. */
  cleanup(): Promise<void>;
}

async function readLocal(path: string): Promise<Buffer | null> {
  try {
    return await readFile(path);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw err;
  }
}

function defaultController(given: Partial<ControllerSide> = {}): ControllerSide {
  return {
    findFile: given.findFile ?? (async (path) => resolve(path)),
    renderTemplate:
      given.renderTemplate ??
      (async (path) => {
        const text = await readLocal(path);
        if (text === null) throw new Error(`Could not find or access '${path}'`);
        return text.toString('utf8');
      }),
    readFile: given.readFile ?? readLocal,
    evaluate:
      given.evaluate ??
      ((expr) => {
        throw new Error(`cannot evaluate '${expr}': no templar was given to this task`);
      }),
  };
}

/** A host file into `path` on the controller: a private temporary file beside it, renamed over it when complete. */
async function fetchAtomically(conn: Connection, remote: string, path: string, become?: BecomeSpec): Promise<Digests | null> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tsible-${process.pid}-${randomBytes(4).toString('hex')}.tmp`;
  const digests = await conn.fetchFile(remote, tmp, { become });
  if (!digests) return null;
  // Private while it fills; then the mode Ansible's plain write gives: the old file's, or the umask's.
  const existing = await stat(path).catch(() => undefined);
  await chmod(tmp, existing ? existing.mode & 0o7777 : 0o666 & ~process.umask());
  await rename(tmp, path);
  return digests;
}

const NOT_RUN: ExecResult = { rc: 0, stdout: '', stderr: '' };

function makeApply(opts: ContextOptions, actions: PlannedAction[]): Apply {
  const { connection: conn, check = false, become } = opts;
  return {
    async exec(command, execOpts) {
      actions.push({ kind: 'exec', target: command });
      return check ? NOT_RUN : conn.exec(command, { ...execOpts, env: { ...opts.environment, ...execOpts?.env }, become });
    },
    async writeFile(path, content, putOpts) {
      actions.push({ kind: 'write', target: path });
      if (!check) await conn.putFile(path, content, { ...putOpts, become });
    },
    async fetchFile(remote, path) {
      actions.push({ kind: 'local_write', target: path });
      return check ? undefined : fetchAtomically(conn, remote, path, become);
    },
  };
}

function makeProbe(opts: ContextOptions): Probe {
  const { connection: conn, become } = opts;
  return {
    exec: (command, execOpts) => conn.exec(command, { ...execOpts, env: { ...opts.environment, ...execOpts?.env }, become }),
    readFile: (path) => conn.readFile(path, { become }),
    stat: (path, statOpts) => conn.stat(path, { ...statOpts, become }),
  };
}

/** The `ctx` a module runs with: two doors to the host (probe always runs, apply is recorded in check mode). */
export function createModuleContext(opts: ContextOptions): ContextHandle {
  const actions: PlannedAction[] = [];
  const probe = makeProbe(opts);
  let tmp: Promise<string> | undefined;
  const ctx: ModuleContext = {
    host: opts.connection.host,
    check: opts.check ?? false,
    diff: opts.diff ?? false,
    become: opts.become,
    vars: opts.vars ?? {},
    probe,
    apply: makeApply(opts, actions),
    controller: defaultController(opts.controller),
    actions,
    log: opts.log ?? (() => undefined),
    noLog: opts.noLog,
    remoteFiles: opts.remoteFiles,
    job: opts.job,
    // The tmp dir is scratch space the task needs even in check mode (e.g. to run validate on a candidate).
    tmpDir() {
      tmp ??= probe.exec('mktemp -d "${TMPDIR:-/tmp}/tsible-tmp-XXXXXXXX"').then((r) => {
        if (r.rc !== 0) throw new Error(`cannot create a temporary directory on ${opts.connection.host}: ${r.stderr}`);
        return r.stdout.trim();
      });
      return tmp;
    },
  };
  return {
    ctx,
    async cleanup() {
      if (!tmp) return;
      const dir = await tmp.catch(() => undefined);
      if (dir) await probe.exec(`rm -rf ${shellQuote(dir)}`);
    },
  };
}
