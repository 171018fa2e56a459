import { noticesOnce } from './notices';
import { painter, Paint, Colour } from './colour';
import { OutputStreams } from './default';
import { dispatch, EventHandlers, EventOf, RunEvent, TaskResult } from './events';
import { pyJson } from './py-json';
import { visibleResult, wrap } from './result-view';

export interface MinimalOutputOptions {
  verbosity: number;
  colour: boolean;
  /** `-o`: one line per host. */
  oneLine: boolean;
}

type Runner = EventOf<'runner_ok'> | EventOf<'runner_changed'> | EventOf<'runner_failed'> | EventOf<'runner_skipped'> | EventOf<'runner_unreachable'>;

const COMMAND_MODULES = new Set(['command', 'shell', 'raw', 'script']);

/** What the ad-hoc `tsible` prints: one block per host, as ansible's minimal and oneline callbacks do. */
export class MinimalOutput {
  private readonly paint: Paint;
  private readonly handlers: EventHandlers;

  private readonly io: OutputStreams;

  constructor(
    io: OutputStreams,
    private readonly opts: MinimalOutputOptions,
  ) {
    this.io = noticesOnce(io);
    this.paint = painter(opts.colour);
    const ignore = () => undefined;
    this.handlers = {
      playbook_start: ignore,
      play_start: ignore,
      no_hosts_matched: ignore,
      no_hosts_remaining: ignore,
      task_start: ignore,
      task_progress: ignore,
      runner_ok: (e) => this.host(e, 'SUCCESS', 'ok'),
      runner_changed: (e) => this.host(e, 'CHANGED', 'changed'),
      runner_failed: (e) => this.host(e, 'FAILED', 'error'),
      runner_skipped: (e) => this.line(`${e.host} | SKIPPED`, 'skip'),
      runner_unreachable: (e) => this.line(`${e.host} | UNREACHABLE! => ${this.json(e.task.action, e.result)}`, 'unreachable'),
      runner_retry: ignore,
      async_poll: ignore,
      async_done: ignore,
      included: ignore,
      handler_notified: ignore,
      error: (e) => this.io.err(this.paint('error', wrap(`[ERROR]: ${e.message}`, 79).join('\n')) + '\n'),
      warning: (e) => this.io.err(this.paint('warn', wrap(`[WARNING]: ${e.message}`, 79).join('\n')) + '\n'),
      deprecation: (e) => this.io.err(this.paint('deprecate', `[DEPRECATION WARNING]: ${e.message}`) + '\n'),
      verbose: (e) => {
        if (opts.verbosity >= e.level) this.line(e.host ? `<${e.host}> ${e.message}` : e.message, 'verbose');
      },
      stats: ignore,
    };
  }

  handle(event: RunEvent): void {
    dispatch(this.handlers, event);
  }

  /** Commands show their output as text; other modules their result as JSON. */
  private host(e: Runner, caption: string, colour: Colour): void {
    const r = e.result;
    this.resultWarnings(r);
    // An async job's result shows as JSON, with its id, as Ansible's minimal callback shows it.
    if (COMMAND_MODULES.has(e.task.action) && 'rc' in r && !('ansible_job_id' in r)) {
      const text = (v: unknown) => (v === undefined || v === null ? '' : String(v));
      if (this.opts.oneLine) {
        this.line(`${e.host} | ${caption} | rc=${text(r.rc)} | (stdout) ${text(r.stdout).replace(/\n/g, '\\n')}${r.stderr ? ` (stderr) ${text(r.stderr).replace(/\n/g, '\\n')}` : ''}`, colour);
      } else {
        this.line(`${e.host} | ${caption} | rc=${text(r.rc)} >>\n${text(r.stdout)}${text(r.stderr)}${caption === 'FAILED' ? text(r.msg) : ''}`, colour);
      }
      return;
    }
    this.line(`${e.host} | ${caption === 'FAILED' ? 'FAILED!' : caption} => ${this.json(e.task.action, r)}`, colour);
  }

  /** A module's own warnings and deprecations, before its host line as Ansible's minimal callback prints them. */
  private resultWarnings(result: TaskResult): void {
    const list = (v: unknown) => (Array.isArray(v) ? v : []);
    for (const w of list(result.warnings)) this.io.err(this.paint('warn', wrap(`[WARNING]: ${String(w)}`, 79).join('\n')) + '\n');
    for (const d of list(result.deprecations)) this.io.err(this.paint('deprecate', `[DEPRECATION WARNING]: ${String((d as { msg?: unknown })?.msg ?? d)}`) + '\n');
  }

  private json(action: string, result: TaskResult): string {
    const shown = visibleResult(action, result, this.opts.verbosity);
    if (!this.opts.oneLine) return pyJson(shown, 4);
    return pyJson(shown, undefined, ',');
  }

  private line(text: string, colour?: Colour): void {
    this.io.out(this.paint(colour, text) + '\n');
  }
}
