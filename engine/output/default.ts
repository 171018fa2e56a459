import { noticesOnce } from './notices';
import { basename } from 'path';
import { renderDiffs } from './diff';
import { Colour, Paint, painter } from './colour';
import { dispatch, EventHandlers, EventOf, HostStats, RUN_STATS, RunEvent, TaskInfo, TaskResult } from './events';
import { pyJson } from './py-json';
import { dumpResult, isVerbose, statsView, wrap } from './result-view';

export interface OutputStreams {
  out(text: string): void;
  err(text: string): void;
}

export interface DefaultOutputOptions {
  verbosity: number;
  colour: boolean;
  diff: boolean;
  /** Terminal width; Ansible uses at least 79 columns, and 79 when not on a terminal. */
  columns?: number;
  /** On a terminal: a live line saying how many hosts finished the running task. */
  progress?: boolean;
  /** show_custom_stats: set_stats' statistics after the recap. */
  showCustomStats?: boolean;
}

type Runner = EventOf<'runner_ok'> | EventOf<'runner_changed'> | EventOf<'runner_failed'> | EventOf<'runner_skipped'> | EventOf<'runner_unreachable'>;

const INCLUDE_ACTIONS = /(^|\.)(include_tasks|include_role|include)$/;

/** The output of ansible-playbook's default callback, line for line. */
export class DefaultOutput {
  private readonly paint: Paint;
  private readonly columns: number;
  private lastBannerTask?: string;
  private lastTaskName?: string;
  private freeStrategy = false;
  private readonly handlers: EventHandlers;
  private readonly io: OutputStreams;
  private progressShown = false;

  constructor(
    streams: OutputStreams,
    private readonly opts: DefaultOutputOptions,
  ) {
    // Whatever is printed first takes the place of the progress line.
    const clear = () => {
      if (this.progressShown) streams.out('\r\x1b[K');
      this.progressShown = false;
    };
    this.io = noticesOnce({ out: (t: string) => (clear(), streams.out(t)), err: (t: string) => (clear(), streams.err(t)) });
    this.paint = painter(opts.colour);
    this.columns = Math.max(79, (opts.columns ?? 0) - 1);
    this.handlers = {
      playbook_start: (e) => {
        if (opts.verbosity < 2) return;
        this.banner(`PLAYBOOK: ${basename(e.file)}`);
        // Scripts count plays from this line (Ansible's own tests compare it with their markers).
        this.line(`${e.plays} plays in ${e.file}`);
      },
      play_start: (e) => {
        this.freeStrategy = /(^|\.)(free|host_pinned)$/.test(e.strategy);
        this.banner(e.name.trim() ? `PLAY [${e.name.trim()}]` : 'PLAY');
      },
      no_hosts_matched: () => this.line('skipping: no hosts matched', 'skip'),
      no_hosts_remaining: () => this.banner('NO MORE HOSTS LEFT'),
      task_start: (e) => {
        this.lastTaskName = this.freeStrategy ? undefined : e.task.name.trim();
        // Under the free strategy hosts start tasks on their own: as in Ansible, a banner comes with a result.
        if (!this.freeStrategy) this.taskBanner(e.task);
      },
      task_progress: (e) => {
        if (!opts.progress || e.total < 2) return;
        if (e.done === e.total) return this.io.out('');
        streams.out(`\r\x1b[K  ${e.task.name}: ${e.done}/${e.total} hosts done`);
        this.progressShown = true;
      },
      runner_ok: (e) => this.runnerOk(e, 'ok'),
      runner_changed: (e) => this.runnerOk(e, 'changed'),
      runner_failed: (e) => this.runnerFailed(e),
      runner_skipped: (e) => this.runnerSkipped(e),
      runner_unreachable: (e) => {
        this.ensureBanner(e.task);
        this.line(`fatal: [${hostLabel(e)}]: UNREACHABLE! => ${this.dump(e)}`, 'unreachable');
        if (e.display.ignored) this.line('...ignoring', 'skip');
      },
      runner_retry: (e) => {
        let msg = `FAILED - RETRYING: [${hostLabel(e)}]: ${e.task.name} (${e.retries - e.attempts} retries left).`;
        if (isVerbose(e.display, opts.verbosity, 2)) msg += `Result was: ${this.dump(e)}`;
        this.line(msg, 'debug');
      },
      async_poll: (e) => {
        this.ensureBanner(e.task);
        this.line(`ASYNC POLL on ${e.host}: jid=${e.jid} started=${String(e.started)} finished=${String(e.finished)}`, 'debug');
      },
      async_done: (e) => {
        this.ensureBanner(e.task);
        this.line(`ASYNC ${e.failed ? 'FAILED' : 'OK'} on ${e.host}: jid=${e.jid}`, 'debug');
      },
      included: (e) => this.line(`included: ${e.file} for ${e.hosts.join(', ')}${e.itemLabel ? ` => (item=${e.itemLabel})` : ''}`, 'skip'),
      handler_notified: (e) => {
        if (opts.verbosity > 1) this.line(`NOTIFIED HANDLER ${e.handler} for ${e.host}`, 'verbose');
      },
      warning: (e) => this.warn('[WARNING]: ', e.message, 'warn'),
      error: (e) => this.warn('[ERROR]: ', e.message, 'error'),
      deprecation: (e) => this.warn('[DEPRECATION WARNING]: ', e.message, 'deprecate'),
      verbose: (e) => {
        if (opts.verbosity >= e.level) this.line(e.host ? `<${e.host}> ${e.message}` : e.message, 'verbose');
      },
      stats: (e) => {
        this.recap(e.hosts);
        if (opts.showCustomStats && e.custom && Object.keys(e.custom).length) this.customStats(e.custom);
      },
    };
  }

  handle(event: RunEvent): void {
    dispatch(this.handlers, event);
  }

  private runnerOk(e: Runner, status: 'ok' | 'changed'): void {
    if (INCLUDE_ACTIONS.test(e.task.action) && e.display.itemLabel === undefined) return this.ensureBanner(e.task);
    this.ensureBanner(e.task);
    this.resultWarnings(e.result);
    if (isLoopSummary(e)) return this.loopDiffs(e);
    this.diff(e.result);
    let msg = `${status}: [${hostLabel(e)}]`;
    if (e.display.predictedAfter !== undefined) msg += ` (predicted: would work after "${e.display.predictedAfter}")`;
    if (e.display.itemLabel !== undefined) msg += ` => (item=${e.display.itemLabel})`;
    if (isVerbose(e.display, this.opts.verbosity)) msg += ` => ${this.dump(e)}`;
    this.line(msg, status);
  }

  private runnerFailed(e: Runner): void {
    this.ensureBanner(e.task);
    this.resultWarnings(e.result);
    this.exception(e.result);
    if (e.display.itemLabel !== undefined) {
      this.line(`failed: [${hostLabel(e)}] (item=${e.display.itemLabel}) => ${this.dump(e)}`, 'error');
      return;
    }
    if (!isLoopSummary(e)) this.line(`fatal: [${hostLabel(e)}]: FAILED! => ${this.dump(e)}`, 'error');
    if (e.display.ignored) this.line('...ignoring', 'skip');
  }

  /**
   * A Python-shaped traceback (a templating exception, a module crash, or the empty one of an action's
   * refusal) is named by its last line, or shown whole from -vvv, as Ansible does; a crash of tsible
   * itself carries no such traceback.
   */
  private exception(result: TaskResult): void {
    const text = result.exception;
    if (typeof text !== 'string' || !(text.startsWith('Traceback (most recent call last):') || text === 'NoneType: None\n')) return;
    const message =
      this.opts.verbosity < 3
        ? `An exception occurred during task execution. To see the full traceback, use -vvv. The error was: ${text.trim().split('\n').pop()}`
        : `The full traceback is:\n${text}`;
    this.line(message, 'error');
  }

  private runnerSkipped(e: Runner): void {
    this.ensureBanner(e.task);
    const item = e.display.itemLabel !== undefined ? ` => (item=${e.display.itemLabel}) ` : '';
    let msg = `skipping: [${e.host}]${item}`;
    if (isVerbose(e.display, this.opts.verbosity)) msg += ` => ${this.dump(e)}`;
    this.line(msg, 'skip');
  }

  private loopDiffs(e: Runner): void {
    for (const item of e.result.results ?? []) if (item.changed) this.diff(item);
  }

  private diff(result: TaskResult): void {
    if (!this.opts.diff || !result.changed || !result.diff) return;
    const text = renderDiffs(result.diff, (kind, s) => this.paint(kind === 'add' ? 'diff_add' : kind === 'remove' ? 'diff_remove' : 'diff_lines', s));
    if (text) this.io.out(text + '\n');
  }

  private resultWarnings(result: TaskResult): void {
    for (const w of asList(result.warnings)) this.warn('[WARNING]: ', String(w), 'warn');
    for (const d of asList(result.deprecations)) this.warn('[DEPRECATION WARNING]: ', String((d as { msg?: unknown })?.msg ?? d), 'deprecate');
  }

  private dump(e: Runner | EventOf<'runner_retry'>): string {
    return dumpResult(e.task.action, e.result, e.display, this.opts.verbosity);
  }

  private ensureBanner(task: TaskInfo): void {
    if (this.lastBannerTask !== this.bannerKey(task)) this.taskBanner(task);
  }

  private taskBanner(task: TaskInfo): void {
    const prefix = task.kind === 'handler' ? 'RUNNING HANDLER' : task.kind === 'cleanup' ? 'CLEANUP TASK' : 'TASK';
    this.banner(`${prefix} [${this.lastTaskName ?? task.name.trim()}]`);
    if (this.opts.verbosity >= 2 && task.path) this.line(`task path: ${task.path}`, 'debug');
    this.lastBannerTask = this.bannerKey(task);
  }

  /** Under the free strategy each host runs its own copy of a task: results of one written task share a banner. */
  private bannerKey(task: TaskInfo): string {
    return this.freeStrategy ? `${task.kind} ${task.path} ${task.name}` : task.id;
  }

  private recap(hosts: Record<string, HostStats>): void {
    this.banner('PLAY RECAP');
    for (const host of Object.keys(hosts).sort()) {
      const t = hosts[host];
      const count = (lead: string, n: number, colour: Colour) => (n !== 0 ? this.paint(colour, `${lead}=${String(n).padEnd(4)}`) : `${lead}=${String(n).padEnd(4)}`);
      const hostColour: Colour = t.failures || t.unreachable ? 'error' : t.changed ? 'changed' : 'ok';
      const name = this.opts.colour ? this.paint(hostColour, host).padEnd(37) : host.padEnd(26);
      const fields = [count('ok', t.ok, 'ok'), count('changed', t.changed, 'changed'), count('unreachable', t.unreachable, 'unreachable'), count('failed', t.failures, 'error'), count('skipped', t.skipped, 'skip'), count('rescued', t.rescued, 'ok'), count('ignored', t.ignored, 'warn')];
      this.io.out(`${name} : ${fields.join(' ')}\n`);
    }
    this.io.out('\n');
  }

  /** Per host, then the run's, each as indented JSON folded onto one line, as Ansible prints them. */
  private customStats(custom: Record<string, Record<string, unknown>>): void {
    const shown = (data: Record<string, unknown>) => pyJson(statsView(data, this.opts.verbosity), 1).replace(/\n/g, '');
    this.banner('CUSTOM STATS:');
    for (const host of Object.keys(custom).sort()) if (host !== RUN_STATS) this.io.out(`\t${host}: ${shown(custom[host])}\n`);
    if (custom[RUN_STATS]) this.io.out(`\n\tRUN: ${shown(custom[RUN_STATS])}\n`);
    this.io.out('\n');
  }

  private banner(msg: string): void {
    this.io.out(`\n${msg} ${'*'.repeat(Math.max(3, this.columns - msg.length))}\n`);
  }

  private line(text: string, colour?: Colour): void {
    this.io.out(this.paint(colour, text) + '\n');
  }

  private warn(prefix: string, message: string, colour: Colour): void {
    this.io.err(this.paint(colour, wrap(prefix + message, this.columns).join('\n')) + '\n');
  }
}

function hostLabel(e: { host: string; display: { delegatedTo?: string; delegatedAddress?: string } }): string {
  const { delegatedTo, delegatedAddress } = e.display;
  if (!delegatedTo || delegatedTo === e.host) return e.host;
  return delegatedAddress === undefined || delegatedAddress === delegatedTo ? `${e.host} -> ${delegatedTo}` : `${e.host} -> ${delegatedTo}(${delegatedAddress})`;
}

function isLoopSummary(e: Runner): boolean {
  return e.task.loop && e.display.itemLabel === undefined && Array.isArray(e.result.results);
}

function asList(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}
