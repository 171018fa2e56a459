import { ChildProcessWithoutNullStreams } from 'child_process';
import { randomBytes } from 'crypto';
import { rename, rm } from 'fs/promises';
import { userInfo } from 'os';
import { dirname } from 'path';
import { BecomeSpec, Connection, UnreachableError } from '../connection/connection';
import { isUnsafeText } from '../template/native-text';
import { isLazyVars } from '../template/unsafe';
import { PyFloat, Undefined } from '../template/values';
import { UnsafeText } from '../playbook/yaml';
import { PYTHON_ACTION_HOST } from './python-action-host';
import { startJsonLinesPython } from '../connection/json-lines-python';

/** What a Python action plug-in asks of the host through its shim connection. */
export interface ShimCall {
  op: 'exec' | 'put' | 'fetch';
  cmd?: string;
  /** base64 */
  stdin?: string | null;
  /** The command was wrapped for the task's become by ActionBase. */
  become?: boolean;
  src?: string;
  dest?: string;
}

/** What a run hears from its plug-in: calls to answer and what it displays. */
export interface ActionListener {
  call(c: ShimCall): Promise<unknown>;
  display(e: { kind: 'verbose'; level: number; message: string; host?: string } | { kind: 'warning'; message: string }): void;
}

/** One run of an action plug-in, as the Python side makes it into a Task, PlayContext and connection. */
export interface ActionRequest {
  action: string;
  resolved: string;
  args: Record<string, unknown>;
  vars: Record<string, unknown>;
  check: boolean;
  diff: boolean;
  noLog: boolean;
  /** `async:` and `poll:`: a plug-in without async support refuses the task, as in Ansible. */
  async: number;
  poll: number;
  verbosity: number;
  become: BecomeSpec | null;
  environment: Record<string, string> | null;
  delegateTo: string | null;
  collections: string[];
  searchPaths: string[];
  basedir: string;
  /** Directories whose plug-in subdirectories (action_plugins/, library/…) ansible-core adds, as for a playbook or role. */
  dirs: string[];
  libraries: string[];
  transport: string;
  connectionPlugin: string | null;
  remoteAddr: string;
  remoteUser: string;
  pipelining: boolean;
  executable: string;
  shellType: string | null;
}

interface Message {
  id?: number;
  value?: Record<string, unknown>;
  call?: number;
  run?: number;
  op?: ShimCall['op'];
  event?: 'verbose' | 'warning';
  level?: number;
  message?: string;
  host?: string | null;
}

/**
 * One python3 for the run's Python action plug-ins, spoken to in JSON lines: each run has an id, and the
 * calls its plug-in makes back (commands, files) carry their own, so hosts run side by side with forks.
 */
export class PythonActionProcess {
  private child?: ChildProcessWithoutNullStreams;
  private nextId = 1;
  private readonly runs = new Map<number, { listener: ActionListener; resolve(v: Record<string, unknown>): void; reject(e: Error): void }>();
  private dead?: string;

  constructor(private readonly python: string) {}

  run(request: ActionRequest, listener: ActionListener): Promise<Record<string, unknown>> {
    const child = this.start();
    if (this.dead) return Promise.reject(new Error(this.dead));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.runs.set(id, { listener, resolve, reject });
      this.holdOpen(true);
      this.write(child, { ...request, id, op: 'run' });
    });
  }

  /** Ends Python: closing its stdin ends its loop. */
  close(): void {
    this.child?.stdin.end();
  }

  private write(child: ChildProcessWithoutNullStreams, msg: Record<string, unknown>): void {
    child.stdin.write(`${JSON.stringify(msg, toPython)}\n`);
  }

  private start(): ChildProcessWithoutNullStreams {
    if (this.child) return this.child;
    const started = startJsonLinesPython<Message>(this.python, PYTHON_ACTION_HOST, 'action plug-ins', (msg) => this.receive(child, msg), (why) => this.die(why));
    const child = started.child;
    this.child = child;
    this.holdOpen = started.holdOpen;
    return child;
  }

  /** Python keeps the run alive only while a plug-in runs. */
  private holdOpen: (busy: boolean) => void = () => undefined;

  private receive(child: ChildProcessWithoutNullStreams, msg: Message): void {
    const run = msg.run === undefined || msg.run === null ? undefined : this.runs.get(msg.run);
    if (msg.event) {
      const message = msg.message ?? '';
      run?.listener.display(msg.event === 'warning' ? { kind: 'warning', message } : { kind: 'verbose', level: msg.level ?? 0, message, host: msg.host ?? undefined });
      return;
    }
    if (msg.call !== undefined) {
      const call = msg.call;
      const answer = run ? run.listener.call(msg as ShimCall) : Promise.reject(new Error('a call from a plug-in run that has ended'));
      answer.then(
        (value) => this.write(child, { op: 'reply', call, value: value ?? null }),
        (err: unknown) => this.write(child, { op: 'reply', call, error: { kind: err instanceof UnreachableError ? 'unreachable' : 'error', message: (err as Error)?.message ?? String(err) } }),
      );
      return;
    }
    const done = msg.id === undefined ? undefined : this.runs.get(msg.id);
    if (!done || msg.id === undefined) return;
    this.runs.delete(msg.id);
    if (this.runs.size === 0) this.holdOpen(false);
    done.resolve(msg.value ?? {});
  }

  private die(why: string): void {
    this.dead ??= why;
    for (const run of this.runs.values()) run.reject(new Error(this.dead));
    this.runs.clear();
  }
}

/**
 * Values as ansible-core reads them: tsible's unsafe text as AnsibleUnsafe (its JSON decoder's tag), so a
 * plug-in's templating leaves it alone; variables objects that template themselves (hostvars) stay out.
 */
export function toPython(this: unknown, key: string, v: unknown): unknown {
  const raw = key === '' ? v : (this as Record<string, unknown>)[key];
  if (isUnsafeText(raw) || raw instanceof UnsafeText) return { __ansible_unsafe: String(raw) };
  if (raw instanceof PyFloat) return raw.value;
  if (raw instanceof Undefined) return null;
  if (raw !== null && typeof raw === 'object' && isLazyVars(raw)) return undefined;
  return v;
}

/** The shim connection's calls, run through the task's own connection (got when first needed). */
export function shimCalls(connection: () => Promise<Connection>, become: ActionRequest['become']): (c: ShimCall) => Promise<unknown> {
  return async (c) => {
    const conn = await connection();
    if (c.op === 'exec') {
      const stdin = c.stdin === undefined || c.stdin === null ? undefined : Buffer.from(c.stdin, 'base64');
      const r = await conn.exec(c.cmd ?? '', { stdin, become: c.become && become ? become : undefined });
      const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64');
      return { rc: r.rc, stdout: b64(r.stdout), stderr: b64(r.stderr) };
    }
    if (c.op === 'put') return conn.putFile(c.dest ?? '', { localPath: c.src ?? '' });
    return fetchOver(conn, c.src ?? '', c.dest ?? '');
  };
}

/** fetch_file replaces its destination, as Ansible's connections do; tsible's fetch writes a new file. */
async function fetchOver(conn: Connection, src: string, dest: string): Promise<void> {
  const tmp = `${dirname(dest)}/.tsible-fetch-${randomBytes(6).toString('hex')}`;
  try {
    const got = await conn.fetchFile(src, tmp);
    if (!got) throw new Error(`file or module does not exist: ${src}`);
    await rename(tmp, dest);
  } finally {
    await rm(tmp, { force: true });
  }
}

/** The login user on the controller, the remote user of a local connection. */
export function localUser(): string {
  return userInfo().username;
}
