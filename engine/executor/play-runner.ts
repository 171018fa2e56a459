import { Block, Keywords, Play, Task, TaskOrBlock } from '../playbook/types';
import { taskName } from '../playbook/listing';
import { nameList } from '../playbook/context';
import { TaskInfo } from '../output/events';
import { ExecutorEnv } from './env';
import { handlersFor, playHandlers } from './handlers';
import { forEachHost, Slots } from './host-pool';
import { PlayState } from './play-state';
import { HostOutcome, runTaskOnHost } from './run-task';
import { keyword, TaskFrame } from './task-frame';
import { asBool, templatedKeyword } from './task-settings';
import { runMeta } from './meta';
import { IncludeLoader, runInclude } from './include-runtime';
import { OrderedEvents } from './ordered-events';
import { beforeStartAt, runsOnce, stepAllows, throttle } from './task-gates';
import { ONCE_PER_TASK } from './actions';
import { markUnsafe } from '../template';
import { CENSORED_LABEL, censoredResult, noLogFor, shownError } from './no-log';
import { ExitCode, TsibleError } from '../errors';
import { originOf } from '../playbook/yaml';

/** Where a task sits: enclosing blocks (innermost first) and what an include brought in. */
export interface Parents {
  blocks: Block[];
  includeParams?: Record<string, unknown>;
  /** Tasks a handler included run, and are shown, as handlers. */
  inHandler?: boolean;
  /**
   * A failure here still runs an enclosing block's rescue or always: Ansible counts the host failed only
   * once those are done, so any_errors_fatal does not end the play for it.
   */
  caught?: boolean;
}

let taskIds = 0;

/**
 * Ansible's linear strategy for one batch of a play: every task runs on all active hosts (up to forks at
 * once) before the next starts; a failed host leaves the rest of its block, runs rescue/always, and then
 * leaves the play; handlers run where the play flushes them.
 */
export class PlayRunner {
  readonly state: PlayState;
  /** The play's handlers in the order they run, in groups, each with where it sits (an included role's are inside the include). */
  private readonly handlers: { tasks: Task[]; parents: Parents }[];
  private readonly throttles = new Map<string, Slots>();

  constructor(
    readonly play: Play,
    readonly env: ExecutorEnv,
    readonly includes: IncludeLoader,
    hosts: string[],
  ) {
    this.state = new PlayState(hosts, env.signal);
    this.handlers = playHandlers(play).map((tasks) => ({ tasks, parents: { blocks: [] } }));
  }

  /** Handlers an include_role brought in. */
  addHandlers(groups: Task[][], parents: Parents): void {
    this.handlers.push(...groups.filter((g) => g.length > 0).map((tasks) => ({ tasks, parents })));
  }

  /** Runs a list; returns the hosts that failed in it and were not rescued. */
  async runList(items: TaskOrBlock[], hosts: string[], parents: Parents): Promise<Set<string>> {
    const failedHere = new Set<string>();
    for (const item of items) {
      const active = this.state.active(hosts).filter((h) => !failedHere.has(h));
      if (active.length === 0) break;
      const failed = item.kind === 'block' ? await this.runBlock(item, active, parents) : await this.runTask(item, active, parents);
      failed.forEach((h) => failedHere.add(h));
      this.env.vars.leavePlay(active.filter((h) => failedHere.has(h) || this.state.unreachable.has(h)));
    }
    return failedHere;
  }

  private async runBlock(block: Block, hosts: string[], parents: Parents): Promise<Set<string>> {
    const includeParams = block.includeParams ? { ...parents.includeParams, ...block.includeParams } : parents.includeParams;
    const inner: Parents = { ...parents, blocks: [block, ...parents.blocks], includeParams };
    const caught = (more: boolean): Parents => ({ ...inner, caught: Boolean(parents.caught) || more });
    let failed = await this.runList(block.block, hosts, caught(block.rescue.length > 0 || block.always.length > 0));
    if (block.rescue.length && failed.size) {
      const rescued = [...failed].filter((h) => !this.state.unreachable.has(h));
      for (const h of rescued) {
        this.env.stats.rescued(h);
        const last = this.state.lastFailure.get(h);
        // What failed is visible to the rescue tasks, as in Ansible.
        if (last) this.env.vars.setHostVars(h, { ansible_failed_task: { name: last.task.task.name ?? '', action: last.task.task.action }, ansible_failed_result: markUnsafe(last.result) });
      }
      failed = await this.runList(block.rescue, rescued, caught(block.always.length > 0));
    }
    if (block.always.length) {
      const always = await this.runList(block.always, hosts, inner);
      // A failure is still pending while always runs: meta: clear_host_errors there (or since) forgives it, and
      // the host carries on after the block. Elsewhere a failed host has already left the play, as in Ansible.
      failed.forEach((h) => this.state.cleared.has(h) && failed.delete(h));
      always.forEach((h) => failed.add(h));
    }
    return failed;
  }

  /** Runs one task on the hosts; returns those where it failed without ignore_errors. */
  async runTask(task: Task, given: string[], parents: Parents, kind: TaskInfo['kind'] = 'task'): Promise<Set<string>> {
    const hosts = kind === 'handler' ? given : this.state.roleRuns.admit(task.role, given);
    if (hosts.length === 0) return new Set();
    const frame = this.frame(task, parents, parents.inHandler ? 'handler' : kind);
    if (beforeStartAt(this.env, frame) || !(await stepAllows(this.env, frame))) return new Set();
    this.env.emit({ kind: 'task_start', task: frame.info });
    if (task.action === 'meta') return runMeta(this, frame, hosts);
    if (task.action === 'include_tasks' || task.action === 'include_role' || task.action === 'include') return runInclude(this, frame, hosts, parents);
    const targets = ONCE_PER_TASK.has(task.action) || runsOnce(this.env, frame, hosts) ? hosts.slice(0, 1) : hosts;
    const ordered = new OrderedEvents(targets, this.env.emit);
    let done = 0;
    const limit = throttle(this.env, frame, targets);
    const slots = this.slotsFor(task, limit);
    const outcomes = await forEachHost(targets, limit, async (h) => {
      try {
        return await slots.run(() => runTaskOnHost(frame, h, { ...this.env, emit: ordered.sinkFor(h) })).catch((err: unknown) => {
          throw shownError(err, frame, noLogFor(frame, this.env.vars.taskVars(h, frame), this.env));
        });
      } finally {
        this.env.emit({ kind: 'task_progress', task: frame.info, done: ++done, total: targets.length });
        ordered.done(h);
      }
    });
    if (targets.length < hosts.length) this.shareRunOnce(frame, outcomes[0], hosts);
    return this.settle(frame, outcomes, hosts, parents.caught);
  }

  /**
   * The slots a throttled task's hosts share, whichever call runs them (each host calls on its own under
   * the free strategy). A task is known by where it is written: hosts that include one file each get
   * their own copy of its tasks.
   */
  private slotsFor(task: Task, limit: number): Slots {
    const key = `${limit}@${task.origin.file}:${task.origin.line}:${task.origin.column}`;
    let slots = this.throttles.get(key);
    if (!slots) this.throttles.set(key, (slots = new Slots(limit)));
    return slots;
  }

  /** run_once: the first host's result is registered for every host, as Ansible does. */
  private shareRunOnce(frame: TaskFrame, outcome: HostOutcome, hosts: string[]): void {
    const name = frame.task.keywords.register;
    if (typeof name !== 'string') return;
    const registered = markUnsafe(outcome.result);
    for (const h of hosts.slice(1)) this.env.vars.setHostVars(h, { [name]: registered });
  }

  /** Counts outcomes, marks failed and unreachable hosts, queues handlers, applies any_errors_fatal. */
  settle(frame: TaskFrame, outcomes: HostOutcome[], hosts: string[], caught = false): Set<string> {
    const failed = new Set<string>();
    for (const o of outcomes) {
      this.env.stats.record(o.host, o.status, { ignored: o.ignored, changed: Boolean(o.result.changed) });
      if (o.status === 'unreachable' && !o.ignored) this.state.unreachable.add(o.host);
      if (o.status === 'failed' && !o.ignored) {
        failed.add(o.host);
        this.state.cleared.delete(o.host);
        // A rescue's ansible_failed_result shows what the failed task showed: a no_log task's is censored.
        this.state.lastFailure.set(o.host, { task: frame, result: o.noLog ? censoredResult(o.result) : o.result });
      }
      if (o.result.changed && o.status !== 'failed' && o.status !== 'unreachable') this.notify(frame, o.host, Boolean(o.noLog));
    }
    const vars = this.env.vars.taskVars(hosts[0], frame);
    const overLimit = failed.size > 0 && this.overFailPercentage(failed);
    if (overLimit || (failed.size && !caught && asBool(templatedKeyword(frame, 'any_errors_fatal', vars, this.env)))) {
      for (const h of this.state.active(this.state.allHosts)) failed.add(h);
      // ansible-playbook announces it twice when max_fail_percentage ends the play; users' log parsers see that.
      if (overLimit) this.env.emit({ kind: 'no_hosts_remaining' });
      this.env.emit({ kind: 'no_hosts_remaining' });
      this.state.endPlay = true;
    }
    return failed;
  }

  /** max_fail_percentage: more of the batch failed than the play allows. */
  private overFailPercentage(failedNow: Set<string>): boolean {
    const limit = this.play.keywords.max_fail_percentage;
    if (limit === undefined || limit === null) return false;
    const failed = new Set([...this.state.failed, ...failedNow]);
    return (failed.size / this.state.allHosts.length) * 100 > Number(limit);
  }

  /** Queues the handlers the task notifies; a no_log task's templated notify text is not shown. */
  private notify(frame: TaskFrame, host: string, noLog: boolean): void {
    const vars = this.env.vars.taskVars(host, frame);
    // A task without notify of its own notifies what an enclosing block or import does, as in Ansible.
    const notify = frame.task.keywords.notify === undefined ? nameList(keyword(frame, 'notify')) : frame.task.notify;
    for (const raw of notify) {
      let name: string;
      try {
        name = String(this.env.templar.template(raw, vars, { origin: frame.task.origin }));
      } catch (err) {
        throw shownError(err, frame, noLog);
      }
      const reached = handlersFor(name, this.handlers.map((h) => h.tasks));
      // Names written plainly were checked at load; a templated one is known only now, as in Ansible.
      if (reached.length === 0) this.missingHandler(noLog ? CENSORED_LABEL : name, frame);
      for (const handler of reached) {
        this.state.notify(handlerKey(handler), host);
        this.env.emit({ kind: 'handler_notified', handler: handler.name ?? (noLog ? CENSORED_LABEL : name), host });
      }
    }
  }

  private missingHandler(name: string, frame: TaskFrame): void {
    const message = `The requested handler '${name}' was not found in either the main handlers list nor in the listening handlers list`;
    if (this.env.options.errorOnMissingHandler === false) this.env.emit({ kind: 'warning', message });
    else throw new TsibleError(message, { origin: originOf(frame.task.keywords, 'notify', 'value') ?? frame.task.origin, exitCode: ExitCode.error });
  }

  /** The play's `force_handlers:` when given (either way), else --force-handlers / ANSIBLE_FORCE_HANDLERS. */
  private forceHandlers(): boolean {
    const given = this.play.keywords.force_handlers;
    if (given === undefined || given === null) return this.env.options.forceHandlers;
    return asBool(this.env.templar.template(given, { ...this.play.vars, ...this.env.options.extraVars }));
  }

  /** Runs every notified handler, in the order handlers are defined; handlers may notify later ones. `only` limits the flush to some hosts. */
  async flushHandlers(only?: ReadonlySet<string>): Promise<Set<string>> {
    const failed = new Set<string>();
    for (const { handler, parents } of this.handlers.flatMap(({ tasks, parents }) => tasks.map((handler) => ({ handler, parents })))) {
      const pending = this.state.notified.get(handlerKey(handler));
      const due = [...(pending ?? [])].filter((h) => !only || only.has(h));
      if (due.length === 0) continue;
      const candidates = this.forceHandlers() ? due.filter((h) => !this.state.unreachable.has(h)) : this.state.active(due);
      // A host whose handler failed in this flush runs no later handler.
      const hosts = candidates.filter((h) => !failed.has(h));
      due.forEach((h) => pending?.delete(h));
      if (hosts.length === 0) continue;
      const f = await this.runTask(handler, hosts, parents, 'handler');
      f.forEach((h) => failed.add(h));
    }
    return failed;
  }

  frame(task: Task, parents: Parents, kind: TaskInfo['kind']): TaskFrame {
    const chain: Keywords[] = [...parents.blocks.map((b) => b.keywords)];
    if (task.role) chain.push(task.role.keywords);
    chain.push(this.play.keywords);
    const partial: TaskFrame = { task, play: this.play, parents: chain, blocks: [...parents.blocks].reverse(), includeParams: parents.includeParams, isHandler: kind === 'handler', info: undefined as unknown as TaskInfo };
    partial.info = {
      id: `task-${++taskIds}`,
      name: this.displayName(task, partial),
      action: task.action,
      actionAsWritten: task.actionAsWritten,
      kind,
      path: `${task.origin.file}:${task.origin.line}`,
      loop: task.loop !== undefined,
      check: asBool(keyword(partial, 'check_mode'), this.env.options.check),
    };
    return partial;
  }

  /** Task names may use variables; like Ansible, they are templated with what the play knows. */
  private displayName(task: Task, frame: TaskFrame): string {
    // An unnamed task of a role is shown as `role : action` in the run's banners.
    const name = task.name ? taskName(task) : unnamed(task);
    // An unnamed task whose action is a template is titled by the template as written, as in Ansible.
    if (!task.name || !/\{\{|\{%/.test(name) || this.state.allHosts.length === 0) return name;
    try {
      return String(this.env.templar.template(name, this.env.vars.taskVars(this.state.allHosts[0], frame), { origin: task.origin }));
    } catch {
      return name;
    }
  }
}

/** Unnamed tasks: a role's show as `role : action`, an include_role as `include_role : role`. */
function unnamed(task: Task): string {
  if (task.action === 'include_role' && typeof task.args.name === 'string') return `${task.actionAsWritten} : ${task.args.name}`;
  return task.role ? `${task.role.name} : ${task.actionAsWritten}` : taskName(task);
}

const handlerKeys = new WeakMap<Task, string>();
let handlerCount = 0;
function handlerKey(task: Task): string {
  let key = handlerKeys.get(task);
  if (!key) handlerKeys.set(task, (key = `handler-${++handlerCount}`));
  return key;
}
