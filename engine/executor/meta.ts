import type { PlayRunner } from './play-runner';
import { conditions, TaskFrame } from './task-frame';
import { forgetInterpreters } from '../module/python/interpreter';

/**
 * meta tasks change how the play runs rather than a host. At -vv ansible-playbook prints a `META:` line
 * for each one it runs: what it did, or why its `when` stopped it.
 */
/** Metas that ansible-playbook runs host by host, showing the task again for each; the others run once, for the first host. */
const PER_HOST = new Set(['end_host', 'flush_handlers', 'noop', 'reset_connection', 'role_complete']);

/** Metas that ansible-playbook does not run at all when they have a `when`: it warns instead. */
const NO_WHEN = new Set(['noop', 'refresh_inventory', 'reset_connection']);

/** Metas whose `when` is never looked at (role_complete runs whatever it says, without a warning). */
const IGNORES_WHEN = new Set([...NO_WHEN, 'role_complete']);

/** What -vv says after a meta ran for `host`. */
function doneMessage(what: string, host: string): string {
  switch (what) {
    case 'flush_handlers':
      return `triggered running handlers for ${host}`;
    case 'refresh_inventory':
      return 'inventory successfully refreshed';
    case 'clear_facts':
      return 'facts cleared';
    case 'clear_host_errors':
      return 'cleared host errors';
    case 'end_batch':
      return 'ending batch';
    case 'end_play':
      return 'ending play';
    case 'end_host':
      return `ending play for ${host}`;
    case 'reset_connection':
      return 'reset connection';
    default:
      return what;
  }
}

/** Why a meta whose `when` is false for `host` did nothing, as ansible-playbook words it. */
function skipReason(what: string, host: string): string {
  const consequence: Record<string, string> = {
    flush_handlers: `, not running handlers for ${host}`,
    clear_facts: `, not clearing facts and fact cache for ${host}`,
    clear_host_errors: `, not clearing host error state for ${host}`,
    end_batch: ', continuing current batch',
    end_play: ', continuing play',
    end_host: `, continuing execution for ${host}`,
  };
  return `${what} conditional evaluated to False${consequence[what] ?? ''}`;
}

/** Shows the outcome for one host: the META line, and for a skip the skipped result (not counted in the recap). */
function announce(runner: PlayRunner, frame: TaskFrame, what: string, host: string, applies: boolean): void {
  if (applies) {
    runner.env.emit({ kind: 'verbose', level: 2, message: `META: ${doneMessage(what, host)}` });
    return;
  }
  const reason = skipReason(what, host);
  runner.env.emit({ kind: 'verbose', level: 2, message: `META: ${reason}` });
  // end_host's msg keeps an older, lower-case wording of the reason.
  const msg = what === 'end_host' ? `end_host conditional evaluated to false, continuing execution for ${host}` : what;
  runner.env.emit({ kind: 'runner_skipped', task: frame.info, host, result: { msg, skipped: true, skip_reason: reason }, display: {} });
}

/** Hosts that end their part in the play: they run no more tasks and leave ansible_play_hosts. */
function leave(runner: PlayRunner, hosts: string[]): void {
  hosts.forEach((h) => runner.state.ended.add(h));
  runner.env.vars.leavePlay(hosts);
}

export async function runMeta(runner: PlayRunner, frame: TaskFrame, hosts: string[]): Promise<Set<string>> {
  const what = String(frame.task.args._raw_params ?? '').trim();
  const { env, state } = runner;
  if (hosts.length === 0) return new Set();
  const hasWhen = conditions(frame).length > 0;
  if (NO_WHEN.has(what) && hasWhen) env.emit({ kind: 'warning', message: `${what} task does not support when conditional` });
  const holds = (h: string): boolean => {
    if (IGNORES_WHEN.has(what)) return true;
    const vars = env.vars.taskVars(h, frame);
    return conditions(frame).every((c) => env.templar.evaluateConditional(c, vars, { origin: frame.task.origin }));
  };
  // A run-once meta decides on the first host and acts for the whole play.
  const deciders = PER_HOST.has(what) ? hosts : hosts.slice(0, 1);
  const applies = deciders.filter((h, i) => {
    // The first banner is the task's own.
    if (i > 0) env.emit({ kind: 'task_start', task: frame.info });
    const yes = holds(h);
    announce(runner, frame, what, h, yes);
    return yes;
  });
  if (applies.length === 0 || (NO_WHEN.has(what) && hasWhen)) return new Set();
  switch (what) {
    case 'flush_handlers':
      return runner.flushHandlers(new Set(applies));
    case 'end_play':
      state.endPlay = true;
      break;
    case 'end_batch':
      state.endBatch = true;
      break;
    case 'end_host':
      leave(runner, applies);
      break;
    case 'reset_connection':
      await Promise.all(applies.map((h) => env.connections.reset(h)));
      break;
    case 'refresh_inventory':
      await env.refreshInventory?.();
      // Hosts the new inventory lacks leave the play; hosts it adds wait for the next play, as in Ansible.
      leave(runner, state.allHosts.filter((h) => !env.inventory.getHost(h)));
      break;
    case 'clear_facts':
      // The discovered interpreter is a fact: without it, Ansible discovers again.
      hosts.forEach((h) => {
        env.vars.clearFacts(h);
        forgetInterpreters(h);
      });
      break;
    case 'clear_host_errors':
      // Hosts that failed earlier in this list are only reported to the play later: remember the pardon.
      state.allHosts.forEach((h) => state.cleared.add(h));
      state.failed.clear();
      // Unreachable hosts are forgiven too: they go on with the play and take part in the next ones, as in Ansible.
      state.unreachable.clear();
      break;
    default:
      // noop, role_complete: nothing to do for this executor.
      break;
  }
  return new Set();
}
