import { Block, Task, TaskOrBlock } from '../playbook/types';
import { pyStr } from '../output/py-repr';
import { RunEvent, TaskResult } from '../output/events';
import { iterationVars, LoopControl, loopItems } from './loops';
import type { Parents, PlayRunner } from './play-runner';
import { HostOutcome, loopControl, statusOf } from './run-task';
import { failureOf, searchPathsFor } from './run-action';
import { conditions, TaskFrame } from './task-frame';
import { templatedKeyword } from './task-settings';
import { CENSORED_LABEL, noLogFor, withNoLog } from './no-log';

/** Loads what a dynamic include names, once its arguments are templated for a host. */
export interface IncludeLoader {
  /** include_tasks: the file (absolute, as shown in "included: …"), its tasks, and the handlers of the roles it imports. */
  tasks(args: Record<string, unknown>, frame: TaskFrame): { file: string; tasks: TaskOrBlock[]; handlers: Task[][] };
  /** include_role: the role's tasks (tasks_from honoured), shown as the role's task file, and its handlers (handlers_from honoured). */
  role(args: Record<string, unknown>, frame: TaskFrame): { file: string; tasks: TaskOrBlock[]; handlers: Task[][] };
}

interface Inclusion {
  file: string;
  tasks: TaskOrBlock[];
  handlers?: Task[][];
  hosts: string[];
  params: Record<string, unknown>;
  itemLabel?: string;
  /** The include is no_log: its item and a file name it templated are not shown. */
  noLog: boolean;
}

/**
 * include_tasks / include_role: decided per host (when, loop, templated file name), then hosts that
 * include the same file with the same item run its tasks together, as Ansible's linear strategy does.
 */
export async function runInclude(runner: PlayRunner, frame: TaskFrame, hosts: string[], parents: Parents): Promise<Set<string>> {
  const inclusions: Inclusion[] = [];
  const outcomes: HostOutcome[] = [];
  for (const host of hosts) {
    const vars = runner.env.vars.taskVars(host, frame);
    try {
      if (!holds(runner, frame, vars)) {
        outcomes.push(report(runner, frame, host, vars, { changed: false, skipped: true, skip_reason: 'Conditional result was False' }));
        continue;
      }
      const each = iterations(runner, frame, host, vars);
      for (const { params, item, control } of each) {
        const itemVars = runner.env.vars.taskVars(host, frame, params);
        // The label is templated with the item's variables: it may name the loop variable, directly or not.
        const label = control ? pyStr(control.label === undefined ? item : runner.env.templar.template(control.label, itemVars, { origin: frame.task.origin })) : undefined;
        const args = runner.env.templar.template(frame.task.args, itemVars, { origin: frame.task.origin, searchPaths: searchPathsFor(frame), preserveTypes: true }) as Record<string, unknown>;
        const loaded = isRole(frame) ? runner.includes.role(args, frame) : runner.includes.tasks(args, frame);
        const same = inclusions.find((i) => i.file === loaded.file && i.itemLabel === label);
        if (same) same.hosts.push(host);
        else inclusions.push({ ...loaded, hosts: [host], params: { ...taskVarsOf(frame), ...includeParams(args), ...params }, itemLabel: label, noLog: noLogFor(frame, itemVars, runner.env) });
      }
      // An include_role, once included, neither prints nor counts in the recap; include_tasks does both.
      // include_tasks counts once per item in the recap.
      if (!isRole(frame)) each.forEach(() => outcomes.push(report(runner, frame, host, vars, { changed: false, include: frame.task.args._raw_params ?? frame.task.args.file })));
    } catch (err) {
      outcomes.push(report(runner, frame, host, vars, failureOf(err)));
    }
  }
  const failed = runner.settle(frame, outcomes, hosts, parents.caught);
  // Every inclusion is announced before any of them runs, as ansible-playbook does.
  for (const inc of inclusions) {
    const active = runner.state.active(inc.hosts).filter((h) => !failed.has(h));
    if (active.length && !isRole(frame)) runner.env.emit(announcement(frame, inc, active));
  }
  for (const inc of inclusions) {
    const active = runner.state.active(inc.hosts).filter((h) => !failed.has(h));
    if (active.length === 0) continue;
    const apply = templatedKeyword(frame, 'apply', {}, runner.env) ?? frame.task.args.apply;
    const blocks = apply && typeof apply === 'object' ? [applyBlock(apply as Record<string, unknown>, frame), ...parents.blocks] : parents.blocks;
    const includeParams = { ...parents.includeParams, ...inc.params };
    // An included (or imported by an included file) role's handlers join the play's, after those already there, as Ansible adds them.
    if (inc.handlers) runner.addHandlers(inc.handlers, { blocks, includeParams });
    const f = await runner.runList(inc.tasks, active, { blocks, includeParams, inHandler: frame.isHandler, caught: parents.caught });
    f.forEach((h) => failed.add(h));
  }
  return failed;
}

function holds(runner: PlayRunner, frame: TaskFrame, vars: Record<string, unknown>): boolean {
  return conditions(frame).every((c) => runner.env.templar.evaluateConditional(c, vars, { origin: frame.task.origin }));
}

function iterations(runner: PlayRunner, frame: TaskFrame, host: string, vars: Record<string, unknown>): { params: Record<string, unknown>; item?: unknown; control?: LoopControl }[] {
  if (!frame.task.loop) return [{ params: {} }];
  const items = loopItems(frame.task.loop, vars, runner.env.templar, frame.task.origin, searchPathsFor(frame));
  const control = loopControl(frame, vars, runner.env);
  return items.map((item, i) => ({ params: iterationVars(items, i, control), item, control }));
}

function isRole(frame: TaskFrame): boolean {
  return frame.task.action === 'include_role';
}

/** The include's own `vars:` reach the tasks it brings in. */
function taskVarsOf(frame: TaskFrame): Record<string, unknown> {
  const vars = frame.task.keywords.vars;
  return vars && typeof vars === 'object' && !Array.isArray(vars) ? (vars as Record<string, unknown>) : {};
}

/** Arguments of an include other than what it includes become variables of the included tasks. */
function includeParams(args: Record<string, unknown>): Record<string, unknown> {
  const params = { ...args };
  for (const k of ['_raw_params', 'file', 'apply', 'name', 'tasks_from', 'vars_from', 'defaults_from', 'handlers_from', 'public', 'allow_duplicates', 'rolespec_validate']) delete params[k];
  return params;
}

function applyBlock(keywords: Record<string, unknown>, frame: TaskFrame): Block {
  return { kind: 'block', block: [], rescue: [], always: [], keywords, tags: [], origin: frame.task.origin };
}

/**
 * `included: <file> for <hosts> => (item=…)`. Under no_log the item is hidden and so is a file name the
 * include templated (it may hold the item); Ansible shows both.
 */
function announcement(frame: TaskFrame, inc: Inclusion, hosts: string[]): RunEvent {
  if (!inc.noLog) return { kind: 'included', file: inc.file, hosts, itemLabel: inc.itemLabel };
  const named = frame.task.args._raw_params ?? frame.task.args.file;
  const templated = typeof named !== 'string' || /\{\{|\{%/.test(named);
  return { kind: 'included', file: templated ? CENSORED_LABEL : inc.file, hosts, itemLabel: inc.itemLabel === undefined ? undefined : CENSORED_LABEL };
}

/** The include's own result: Ansible's output shows nothing for it, but it counts in the recap. */
function report(runner: PlayRunner, frame: TaskFrame, host: string, vars: Record<string, unknown>, result: TaskResult): HostOutcome {
  const status = statusOf(result);
  const kind = ({ ok: 'runner_ok', changed: 'runner_changed', failed: 'runner_failed', skipped: 'runner_skipped', unreachable: 'runner_unreachable' } as const)[status];
  withNoLog(frame, vars, runner.env).emit({ kind, task: frame.info, host, result, display: {} });
  return { host, status, result, ignored: false, noLog: noLogFor(frame, vars, runner.env) };
}
