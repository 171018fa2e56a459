import type { AsyncJob } from './async-jobs';
import type { TemplateSyntax } from '../template/types';
import type { JSONSchemaType } from 'ajv';
import type { BecomeSpec, ExecResult, FileStat, PutContent, PutOptions } from '../connection/connection';
import type { Digests } from '../connection/file-stream';

/** One side of a diff as Ansible's callbacks print it. */
export interface DiffEntry {
  before?: string | Record<string, unknown>;
  after?: string | Record<string, unknown>;
  before_header?: string;
  after_header?: string;
  /** Text shown as it is instead of a computed diff (git's `git diff` output). */
  prepared?: string;
  /** Set (to the limit) instead of before/after when that side is too big to diff, as Ansible does. */
  dst_larger?: number;
  src_larger?: number;
}

/** What a module returns; failure is data, not an exception. Extra keys are module-specific (`rc`, `dest`…). */
export interface ModuleResult {
  changed: boolean;
  failed?: boolean;
  skipped?: boolean;
  msg?: string;
  diff?: DiffEntry | DiffEntry[];
  [key: string]: unknown;
}

export interface ProbeExecOptions {
  cwd?: string;
  env?: Record<string, string>;
  stdin?: string | Buffer;
  timeoutMs?: number;
}

/** Read-only access to the host; runs in check mode too. */
export interface Probe {
  exec(command: string, opts?: ProbeExecOptions): Promise<ExecResult>;
  readFile(path: string): Promise<Buffer | null>;
  stat(path: string, opts?: { checksum?: boolean; follow?: boolean }): Promise<FileStat>;
}

/** A mutation a module made, or in check mode would have made. */
export interface PlannedAction {
  kind: 'exec' | 'write' | 'local_write';
  /** The command line, or the path written. */
  target: string;
}

/** Mutating access to the host: in check mode every call is recorded in `ctx.actions` and nothing runs. */
export interface Apply {
  /** Runs a command that changes the host; in check mode returns rc 0 with empty output. */
  exec(command: string, opts?: ProbeExecOptions): Promise<ExecResult>;
  /** Writes a file atomically (temp file, owner/mode, rename); a controller file is streamed, never read whole. */
  writeFile(path: string, content: PutContent, opts?: Omit<PutOptions, 'become'>): Promise<void>;
  /**
   * Copies a host file to `localPath` on the controller as it arrives (fetch's destination; parents made,
   * replaced whole when complete): its digests, null when the host file is missing, undefined in check mode.
   */
  fetchFile(path: string, localPath: string): Promise<Digests | null | undefined>;
}

/** What the executor knows on the controller side and hands to a module. */
export interface ControllerSide {
  /** Absolute controller path of a file a task names (`src:`), searched in role/play dirs under `kind`. */
  findFile(path: string, kind: 'files' | 'templates'): Promise<string>;
  /**
   * A template file rendered with the task's variables (trim_blocks / lstrip_blocks as the template module
   * says); `given` is `src`/`dest` as the task wrote them, which template_path and ansible_managed show.
   */
  renderTemplate(path: string, syntax?: TemplateSyntax, given?: { src: string; dest?: string }): Promise<string>;
  /** A `when:`-style expression evaluated with the task's variables (assert's `that`). */
  evaluate(expr: string): boolean;
  readFile(path: string): Promise<Buffer | null>;
}

export type LogLevel = 'debug' | 'verbose' | 'warning';

export interface ModuleContext {
  host: string;
  check: boolean;
  diff: boolean;
  become?: BecomeSpec;
  vars: Readonly<Record<string, unknown>>;
  probe: Probe;
  apply: Apply;
  controller: ControllerSide;
  /** Everything `apply` did (or in check mode would have done), in order. */
  actions: PlannedAction[];
  log(level: LogLevel, message: string): void;
  /** A private directory on the host, created on first use and removed after the task. */
  tmpDir(): Promise<string>;
  /** The task's no_log: a Python module is told, so it keeps the arguments out of its own logs too. */
  noLog?: boolean;
  /** The remote_tmp and keep_remote_files settings, for modules sent to the host (Python ones). */
  remoteFiles?: RemoteFilesSettings;
  /** Set for an async task: a module that can run as a job on the host starts it there (launchOnHost). */
  job?: AsyncJob;
}

export interface RemoteFilesSettings {
  tmp: string;
  keep: boolean;
  /** interpreter_python: what runs them where ansible_python_interpreter is not set (default auto). */
  interpreter?: string;
}

export interface ModuleExample {
  /** What the example shows; printed by tsible-doc. */
  title?: string;
  args: Record<string, unknown>;
}

export interface ModuleDocs {
  short: string;
  description?: string;
  /** One line per argument, keyed by argument name. */
  args?: Record<string, string>;
  /** Keys of the result, keyed by name. */
  returns?: Record<string, string>;
  examples: ModuleExample[];
}

export interface ModuleSupports {
  /** 'none': the executor skips the task in check mode, as Ansible does. */
  checkMode: 'full' | 'partial' | 'none';
  diff: boolean;
}

export interface ModuleDefinition<Args = Record<string, unknown>> {
  name: string;
  /** Fully qualified names that also resolve to this module (ansible.builtin.x, ansible.legacy.x). */
  aliases: string[];
  schema: JSONSchemaType<Args>;
  /** Other names an argument may be given under, as Ansible's argument specs allow (`dest` → `path`). */
  argAliases?: Partial<Record<keyof Args & string, string[]>>;
  /** The argument that receives free-form text (`command: echo hi`). */
  freeForm?: keyof Args & string;
  /** Groups of arguments of which at most one may be given. */
  mutuallyExclusive?: (keyof Args & string)[][];
  /** Arguments Ansible's module marks no_log: their values are removed from everything the module returns. */
  noLogArgs?: (keyof Args & string)[];
  /**
   * The result's `invocation.module_args` (see invocation.ts): false where Ansible's action plugin makes the
   * result itself, without one; `fixed` for arguments Ansible's action adds (shell's `_uses_shell`).
   */
  invocation?: false | { fixed: Record<string, unknown> };
  supports: ModuleSupports;
  /**
   * Under `async:`: false where Ansible refuses it (an action plug-in without async support: copy,
   * template, script, raw…); 'host' for a module that starts its job on the host itself (ctx.job); unset,
   * the module runs as a job from the controller, its record kept on the host.
   */
  async?: false | 'host';
  docs: ModuleDocs;
  /**
   * false where Ansible runs no Python module for this action (an action plugin alone, raw, script): the
   * task discovers no interpreter, so it reports no discovered_interpreter_python fact.
   */
  discoversPython?: false;
  /** Arguments go to the module as given: it checks them itself (a Python module's argument_spec). */
  acceptsAnyArgs?: boolean;
  /** Where a module not written in TypeScript comes from, for -vvv and tsible-doc. */
  source?: { kind: 'python'; file: string };
  run(ctx: ModuleContext, args: Args): Promise<ModuleResult>;
}

/** A module definition whose argument type has been erased, as registries hold them. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyModule = Omit<ModuleDefinition<any>, 'schema'> & { schema: object };
