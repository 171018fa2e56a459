import { noticesOnce } from './notices';
import { EventHandlers, dispatch, RunEvent, HostStats, RUN_STATS, TaskInfo } from './events';
import { OutputStreams } from './default';
import { pyJson } from './py-json';

interface Timed {
  duration: { start: string; end?: string };
  id: string;
  name: string;
  path?: string;
}

interface TaskEntry {
  hosts: Record<string, Record<string, unknown>>;
  task: Timed;
}

interface PlayEntry {
  play: Timed;
  tasks: TaskEntry[];
}

/**
 * The json stdout callback (`stdout_callback = json`): one JSON document at the end of the run with
 * every play, task and per-host result, in the shape of Ansible's json callback.
 */
export class JsonOutput {
  private readonly plays: PlayEntry[] = [];
  private readonly handlers: EventHandlers;
  private ids = 0;

  private readonly io: OutputStreams;

  constructor(
    io: OutputStreams,
    private readonly now: () => Date = () => new Date(),
    /** show_custom_stats: set_stats' statistics fill custom_stats and global_custom_stats. */
    private readonly showCustomStats = false,
  ) {
    this.io = noticesOnce(io);
    const record = (e: { task: TaskInfo; host: string; result: Record<string, unknown> }) => {
      const task = this.currentTask(e.task.id);
      if (task) task.hosts[e.host] = { ...e.result, action: e.task.actionAsWritten ?? e.task.action };
    };
    const ignore = () => undefined;
    this.handlers = {
      playbook_start: ignore,
      play_start: (e) => {
        this.closePlay();
        this.plays.push({ play: { duration: { start: this.stamp() }, id: this.nextId(), name: e.name, path: e.path }, tasks: [] });
      },
      no_hosts_matched: ignore,
      no_hosts_remaining: ignore,
      task_progress: ignore,
      task_start: (e) => {
        const play = this.plays[this.plays.length - 1];
        if (!play) return;
        this.closeTask();
        play.tasks.push({ hosts: {}, task: { duration: { start: this.stamp() }, id: e.task.id, name: e.task.name, path: e.task.path } });
      },
      runner_ok: (e) => e.display.itemLabel === undefined && record(e),
      runner_changed: (e) => e.display.itemLabel === undefined && record(e),
      runner_failed: (e) => e.display.itemLabel === undefined && record(e),
      runner_skipped: (e) => e.display.itemLabel === undefined && record(e),
      runner_unreachable: (e) => e.display.itemLabel === undefined && record(e),
      runner_retry: ignore,
      async_poll: ignore,
      async_done: ignore,
      included: ignore,
      handler_notified: ignore,
      error: (e) => this.io.err(`[ERROR]: ${e.message}\n`),
      warning: (e) => this.io.err(`[WARNING]: ${e.message}\n`),
      deprecation: (e) => this.io.err(`[DEPRECATION WARNING]: ${e.message}\n`),
      verbose: ignore,
      stats: (e) => this.finish(e.hosts, this.showCustomStats ? e.custom ?? {} : {}),
    };
  }

  handle(event: RunEvent): void {
    dispatch(this.handlers, event);
  }

  private finish(stats: Record<string, HostStats>, custom: Record<string, Record<string, unknown>>): void {
    this.closePlay();
    const { [RUN_STATS]: run, ...perHost } = custom;
    const doc = { custom_stats: perHost, global_custom_stats: run ?? {}, plays: this.plays, stats };
    this.io.out(pyJson(doc, 4) + '\n');
  }

  private currentTask(id: string): TaskEntry | undefined {
    const play = this.plays[this.plays.length - 1];
    return play?.tasks.find((t) => t.task.id === id);
  }

  private closeTask(): void {
    const play = this.plays[this.plays.length - 1];
    const last = play?.tasks[play.tasks.length - 1];
    if (last && !last.task.duration.end) last.task.duration.end = this.stamp();
  }

  private closePlay(): void {
    this.closeTask();
    const play = this.plays[this.plays.length - 1];
    if (play && !play.play.duration.end) play.play.duration.end = this.stamp();
  }

  private stamp(): string {
    return this.now().toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  }

  private nextId(): string {
    return `play-${++this.ids}`;
  }
}
