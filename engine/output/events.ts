/**
 * What the engine tells the outside world while it runs. The engine only emits these; the default
 * output, the json callback and the progress line consume them. Every consumer maps every kind, so a
 * new kind does not compile until all outputs handle it.
 */

/** A module's or action's result as a user sees it (registered, printed, dumped by the json callback). */
export interface TaskResult {
  changed?: boolean;
  failed?: boolean;
  skipped?: boolean;
  unreachable?: boolean;
  msg?: unknown;
  diff?: FileDiff | FileDiff[];
  results?: TaskResult[];
  [key: string]: unknown;
}

/** Ansible's diff shape: before/after text (or dicts, shown as JSON), with optional headers. */
export interface FileDiff {
  before?: unknown;
  after?: unknown;
  before_header?: string;
  after_header?: string;
  prepared?: string;
  dst_binary?: boolean;
  src_binary?: boolean;
  dst_larger?: number;
  src_larger?: number;
}

export interface TaskInfo {
  /** Unique per task instance in the run (a task in a role included twice has two ids). */
  id: string;
  name: string;
  action: string;
  /** The module name as the task wrote it (short, FQCN, or a name meta/runtime.yml redirects): the json callback's `action`. */
  actionAsWritten?: string;
  kind: 'task' | 'handler' | 'cleanup';
  /** The task's `file:line`, shown at -vv and on failure. */
  path?: string;
  loop: boolean;
  check: boolean;
}

export interface HostStats {
  ok: number;
  changed: number;
  unreachable: number;
  failures: number;
  skipped: number;
  rescued: number;
  ignored: number;
}

/** How one result should be shown, decided by the engine (debug always shows its result, setup never). */
export interface ResultDisplay {
  /** Show the result even without -v (debug). */
  verboseAlways?: boolean;
  /** Never dump the result (fact gathering). */
  verboseOverride?: boolean;
  /** For loop items: the label (loop_control.label or the item), already rendered as Ansible prints it. */
  itemLabel?: string;
  /** A failure or unreachable host that ignore_errors/ignore_unreachable turned into a non-failure. */
  ignored?: boolean;
  delegatedTo?: string;
  /** The delegate's address (ansible_host), shown beside its name when it differs, as Ansible does. */
  delegatedAddress?: string;
  /** --check: a failure explained by an earlier task's predicted change, shown as that change. */
  predictedAfter?: string;
}

interface RunnerBase {
  task: TaskInfo;
  host: string;
  result: TaskResult;
  display: ResultDisplay;
}

export type RunEvent =
  | { kind: 'playbook_start'; file: string; plays: number; check: boolean; diff: boolean }
  | { kind: 'play_start'; name: string; check: boolean; strategy: string; path?: string }
  | { kind: 'no_hosts_matched' }
  | { kind: 'no_hosts_remaining' }
  | { kind: 'task_start'; task: TaskInfo }
  /** A host finished the task (sent as it happens, before its result is shown in host order). */
  | { kind: 'task_progress'; task: TaskInfo; done: number; total: number }
  | ({ kind: 'runner_ok' } & RunnerBase)
  | ({ kind: 'runner_changed' } & RunnerBase)
  | ({ kind: 'runner_failed' } & RunnerBase)
  | ({ kind: 'runner_skipped' } & RunnerBase)
  | ({ kind: 'runner_unreachable' } & RunnerBase)
  | ({ kind: 'runner_retry'; attempts: number; retries: number } & RunnerBase)
  /** An async job checked while it runs (poll > 0), then its end: ok or failed. */
  | { kind: 'async_poll'; task: TaskInfo; host: string; jid: string; started: unknown; finished: unknown }
  | { kind: 'async_done'; task: TaskInfo; host: string; jid: string; failed: boolean }
  | { kind: 'included'; file: string; hosts: string[]; itemLabel?: string }
  | { kind: 'handler_notified'; handler: string; host: string }
  | { kind: 'warning'; message: string }
  | { kind: 'error'; message: string }
  | { kind: 'deprecation'; message: string }
  | { kind: 'verbose'; level: number; message: string; host?: string }
  /** `custom`: set_stats' statistics by host, the run's under `_run` (only when set_stats ran). */
  | { kind: 'stats'; hosts: Record<string, HostStats>; check: boolean; custom?: Record<string, Record<string, unknown>> };

/** The key of the run's own custom stats (set_stats without per_host) in the stats event, beside the hosts'. */
export const RUN_STATS = '_run';

export type RunEventKind = RunEvent['kind'];
export type EventOf<K extends RunEventKind> = Extract<RunEvent, { kind: K }>;

/** A total map over event kinds: implementing one is how an output proves it handles every event. */
export type EventHandlers = { [K in RunEventKind]: (event: EventOf<K>) => void };

export function dispatch(handlers: EventHandlers, event: RunEvent): void {
  (handlers[event.kind] as (e: RunEvent) => void)(event);
}

export type EventSink = (event: RunEvent) => void;
