import type { PlayRunner } from './play-runner';
import { conditions, TaskFrame } from './task-frame';

/**
 * meta tasks change how the play runs rather than a host. Like Ansible's default output they print
 * nothing; `when` decides per host for end_host, and for the rest on any host.
 */
/** Metas that ansible-playbook runs host by host, showing the task again for each (and skips when `when` fails). */
const PER_HOST = new Set(['end_host', 'noop', 'reset_connection', 'role_complete']);

function announcePerHost(runner: PlayRunner, frame: TaskFrame, what: string, hosts: string[], applies: string[]): void {
  hosts.forEach((host, i) => {
    // The first banner is the task's own; skipped metas are shown but not counted in the recap.
    if (i > 0) runner.env.emit({ kind: 'task_start', task: frame.info });
    const ends = what === 'end_host';
    if (applies.includes(host)) {
      if (ends) runner.env.emit({ kind: 'verbose', level: 2, message: `META: ending play for ${host}` });
      return;
    }
    // end_host says which host goes on, and (at -vv) what it decided, as ansible-playbook does.
    const reason = `${what} conditional evaluated to False${ends ? `, continuing execution for ${host}` : ''}`;
    if (ends) runner.env.emit({ kind: 'verbose', level: 2, message: `META: ${reason}` });
    const result = ends
      ? { skipped: true, skip_reason: reason, msg: `end_host conditional evaluated to false, continuing execution for ${host}` }
      : { changed: false, skipped: true, skip_reason: reason };
    runner.env.emit({ kind: 'runner_skipped', task: frame.info, host, result, display: {} });
  });
}

/** Metas that ansible-playbook does not run at all when they have a `when`: it warns instead. */
const NO_WHEN = new Set(['noop', 'refresh_inventory', 'reset_connection']);

export async function runMeta(runner: PlayRunner, frame: TaskFrame, hosts: string[]): Promise<Set<string>> {
  const what = String(frame.task.args._raw_params ?? '').trim();
  const { env, state } = runner;
  if (NO_WHEN.has(what) && conditions(frame).length) {
    env.emit({ kind: 'warning', message: `${what} task does not support when conditional` });
    if (PER_HOST.has(what)) announcePerHost(runner, frame, what, hosts, hosts);
    return new Set();
  }
  const applies = hosts.filter((h) => {
    const vars = env.vars.taskVars(h, frame);
    return conditions(frame).every((c) => env.templar.evaluateConditional(c, vars, { origin: frame.task.origin }));
  });
  if (PER_HOST.has(what)) announcePerHost(runner, frame, what, hosts, applies);
  if (applies.length === 0) return new Set();
  switch (what) {
    case 'flush_handlers':
      return runner.flushHandlers();
    case 'end_play':
      state.endPlay = true;
      break;
    case 'end_batch':
      state.endBatch = true;
      break;
    case 'end_host':
      applies.forEach((h) => state.ended.add(h));
      break;
    case 'reset_connection':
      await Promise.all(applies.map((h) => env.connections.reset(h)));
      break;
    case 'refresh_inventory':
      await env.refreshInventory?.();
      break;
    case 'clear_facts':
      applies.forEach((h) => env.vars.clearFacts(h));
      break;
    case 'clear_host_errors':
      // Hosts that failed earlier in this list are only reported to the play later: remember the pardon.
      state.allHosts.forEach((h) => state.cleared.add(h));
      state.failed.clear();
      break;
    default:
      // noop, role_complete: nothing to do for this executor.
      break;
  }
  return new Set();
}
