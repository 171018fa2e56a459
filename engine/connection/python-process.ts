import { ChildProcessWithoutNullStreams, execFileSync } from 'child_process';
import { TsibleError } from '../errors';
import { PYTHON_CONNECTION_HOST } from './python-connection-host';
import { startJsonLinesPython } from './json-lines-python';

/** An exception a Python connection plug-in raised, sorted as Ansible's executor sorts it. */
export interface PythonFailure {
  /** AnsibleConnectionFailure: the host is unreachable; AnsibleError: the task fails; anything else: a crash. */
  kind: 'unreachable' | 'error' | 'exception';
  message: string;
  traceback?: string;
}

export class PythonCallError extends Error {
  constructor(readonly failure: PythonFailure) {
    super(failure.message);
    this.name = 'PythonCallError';
  }
}

/** What a plug-in displayed, for the connection that displayed it. */
export type DisplayEvent = { kind: 'verbose'; level: number; message: string; host?: string } | { kind: 'warning'; message: string };

interface Reply {
  id?: number;
  value?: unknown;
  error?: PythonFailure;
  event?: 'verbose' | 'warning';
  conn?: number | null;
  level?: number;
  message?: string;
  host?: string | null;
}

/** What the executor must know of a plug-in before connecting with it. */
export interface PluginDescription {
  /** The variables its options are read from (ansible_host, ansible_<name>_* …). */
  vars: string[];
  /** Those of the sh shell plug-in it runs commands with (ansible_remote_tmp …). */
  shellVars: string[];
}

/**
 * Asks ansible-core, in a short-lived python3, whether it finds a connection plug-in of this name and
 * which variables configure it. Synchronous, because a task's connection settings are resolved so; a run
 * asks once per plug-in name.
 */
export function describePlugin(name: string, dirs: string[], python = 'python3'): PluginDescription | undefined {
  let out: string;
  try {
    out = execFileSync(python, ['-c', PYTHON_CONNECTION_HOST, 'describe', name, JSON.stringify(dirs)], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stderr?: string; message: string };
    throw new TsibleError(`cannot load the connection plugin '${name}' with ansible-core's ${python}: ${(e.stderr ?? '').trim() || e.message}`);
  }
  const reply = JSON.parse(out.trim().split('\n').pop() ?? '{}') as { found?: boolean; error?: string; windows?: boolean } & Partial<PluginDescription>;
  if (reply.error !== undefined) throw new TsibleError(`cannot load the connection plugin '${name}': ${reply.error}`);
  if (reply.windows) throw new TsibleError(`unsupported: the connection plugin '${name}' reaches Windows hosts, and tsible's modules need a POSIX shell`);
  return reply.found ? { vars: reply.vars ?? [], shellVars: reply.shellVars ?? [] } : undefined;
}

/**
 * One python3 for the run's Python connection plug-ins, spoken to in JSON lines with request ids: calls
 * are asynchronous, so hosts connected through plug-ins run side by side like any others.
 */
export class PythonConnectionProcess {
  private child?: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private nextConn = 1;
  private readonly pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  private readonly listeners = new Map<number, (e: DisplayEvent) => void>();
  private dead?: string;

  constructor(private readonly python = 'python3') {}

  /** A new connection's id; what its plug-in displays goes to `listener`. */
  open(listener?: (e: DisplayEvent) => void): number {
    const conn = this.nextConn++;
    if (listener) this.listeners.set(conn, listener);
    return conn;
  }

  call(conn: number, op: string, fields: Record<string, unknown> = {}): Promise<unknown> {
    const child = this.start();
    if (this.dead) return Promise.reject(new Error(this.dead));
    const id = this.nextId++;
    if (op === 'close') this.listeners.delete(conn);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.holdOpen(true);
      child.stdin.write(`${JSON.stringify({ ...fields, id, conn, op })}\n`);
    });
  }

  /** Ends Python: closing its stdin ends its loop. */
  close(): void {
    this.child?.stdin.end();
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const started = startJsonLinesPython<Reply>(this.python, PYTHON_CONNECTION_HOST, 'connection plug-ins', (reply) => this.receive(reply), (why) => this.die(why));
    const child = started.child;
    this.child = child;
    this.holdOpen = started.holdOpen;
    return child;
  }

  /** Python keeps the run alive only while a call waits for it. */
  private holdOpen: (busy: boolean) => void = () => undefined;

  private receive(reply: Reply): void {
    if (reply.event) {
      const listener = reply.conn ? this.listeners.get(reply.conn) : undefined;
      const message = reply.message ?? '';
      listener?.(reply.event === 'warning' ? { kind: 'warning', message } : { kind: 'verbose', level: reply.level ?? 0, message, host: reply.host ?? undefined });
      return;
    }
    const waiting = reply.id === undefined ? undefined : this.pending.get(reply.id);
    if (!waiting || reply.id === undefined) return;
    this.pending.delete(reply.id);
    if (this.pending.size === 0) this.holdOpen(false);
    if (reply.error) waiting.reject(new PythonCallError(reply.error));
    else waiting.resolve(reply.value);
  }

  private die(why: string): void {
    this.dead ??= why;
    for (const waiting of this.pending.values()) waiting.reject(new Error(this.dead));
    this.pending.clear();
  }
}
