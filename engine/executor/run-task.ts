import { isTsibleError } from '../errors';
import { pyStr } from '../output/py-repr';
import { markUnsafe } from '../template';
import { UndefinedError } from '../template/values';
import { ResultDisplay, TaskResult } from '../output/events';
import { ExecutorEnv } from './env';
import { iterationVars, LoopControl, loopItems } from './loops';
import { Outcome } from './stats';
import { conditions, keyword, TaskFrame } from './task-frame';
import { asBool, factsHost, modeFor, templatedKeyword } from './task-settings';
import { runAction, failureOf, searchPathsFor } from './run-action';
import { alwaysShown } from './actions/types';
import { SETS_VARIABLES } from './actions';
import { withConcreteAction } from './templated-action';
import { noLogFor, withNoLog } from './no-log';
import { isInjectedFact, isRestrictedFact, restrictedFactWarning } from '../vars/restricted-facts';

export interface HostOutcome {
  host: string;
  status: Outcome;
  /** The result as registered: uncensored, with `results` for loops. */
  result: TaskResult;
  ignored: boolean;
  /** The task hid its result (no_log): what a rescue sees of the failure is censored too. */
  noLog?: boolean;
}

const SKIPPED: TaskResult = { changed: false, skip_reason: 'Conditional result was False' };

/**
 * One task on one host, as named stages: conditions → loop → action (with until/retries) →
 * changed_when/failed_when → register and facts → the result event. Never throws: every problem becomes
 * the host's result for this task.
 */
export async function runTaskOnHost(task: TaskFrame, host: string, env: ExecutorEnv): Promise<HostOutcome> {
  let frame = task;
  const vars = env.vars.taskVars(host, frame);
  let result: TaskResult;
  try {
    frame = withConcreteAction(task, vars, env);
    result = frame.task.loop ? await runLoop(frame, host, vars, env) : await runOnce(frame, host, vars, env);
  } catch (err) {
    result = failureOf(err);
  }
  const predictedAfter = modeFor(frame, 'check_mode', vars, env, env.options.check) ? predict(frame, host, vars, env, result) : undefined;
  if (predictedAfter) result = { ...result, failed: false, changed: true, check_mode_prediction: `would work after "${predictedAfter}": ${String(result.msg ?? '')}` };
  register(frame, host, result, vars, env);
  const status = statusOf(result);
  if (status === 'ok' || status === 'changed') recordCustomStats(frame, host, result, env);
  const ignored = isIgnored(frame, status, vars, env);
  emitResult(frame, host, status, result, { ...displayOf(frame, vars, env, frame.task.loop !== undefined), ignored, predictedAfter }, vars, env);
  return { host, status, result, ignored, noLog: noLogFor(frame, vars, env) };
}

/**
 * In check mode, remembers what the task would change and, when it failed only for want of something an
 * earlier task would have installed or created, names that task (the failure becomes a predicted change).
 */
function predict(frame: TaskFrame, host: string, vars: Record<string, unknown>, env: ExecutorEnv, result: TaskResult): string | undefined {
  let args: Record<string, unknown> = {};
  try {
    args = env.templar.template(frame.task.args, vars, { origin: frame.task.origin }) as Record<string, unknown>;
  } catch {
    // Arguments that cannot be templated give no paths or names to go by.
  }
  const reason = result.failed && !result.unreachable ? env.predictions.explain(host, args, result) : undefined;
  if (reason || (result.changed && !result.failed)) env.predictions.remember(host, frame.task, args, result);
  return reason;
}

async function runOnce(frame: TaskFrame, host: string, vars: Record<string, unknown>, env: ExecutorEnv): Promise<TaskResult> {
  if (!whenHolds(frame, vars, env)) return { ...SKIPPED, skipped: true };
  return attempt(frame, host, vars, env);
}

async function runLoop(frame: TaskFrame, host: string, vars: Record<string, unknown>, env: ExecutorEnv): Promise<TaskResult> {
  const loop = frame.task.loop!;
  let items: unknown[];
  try {
    items = loopItems(loop, vars, env.templar, frame.task.origin, searchPathsFor(frame));
  } catch (err) {
    // As in Ansible, a loop over an undefined variable only fails a task whose `when` holds.
    if (isTsibleError(err) && err.cause instanceof UndefinedError && !whenHolds(frame, vars, env)) return { ...SKIPPED, skipped: true };
    throw err;
  }
  if (items.length === 0) return { changed: false, skipped: true, skipped_reason: 'No items in the list', results: [] };
  const control = loopControl(frame, vars, env);
  const results: TaskResult[] = [];
  for (let i = 0; i < items.length; i++) {
    if (i > 0 && control.pause) await new Promise((r) => setTimeout(r, Number(control.pause) * 1000));
    const loopVars = iterationVars(items, i, control);
    const itemVars = env.vars.taskVars(host, frame, loopVars);
    const r = whenHolds(frame, itemVars, env) ? await attempt(frame, host, itemVars, env) : { ...SKIPPED, skipped: true };
    Object.assign(r, loopVars.ansible_loop ? { ansible_loop: loopVars.ansible_loop } : {}, { [control.loop_var ?? 'item']: items[i], ansible_loop_var: control.loop_var ?? 'item' });
    if (control.index_var) Object.assign(r, { [control.index_var]: i, ansible_index_var: control.index_var });
    results.push(r);
    const label = control.label === undefined ? items[i] : env.templar.template(control.label, itemVars, { origin: frame.task.origin });
    const status = statusOf(r);
    emitResult(frame, host, status, r, { ...displayOf(frame, itemVars, env), itemLabel: pyStr(label) }, itemVars, env);
  }
  return aggregate(results);
}

/** loop_control with every field but `label` templated now; the label is templated per item. */
export function loopControl(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): LoopControl {
  const raw = keyword(frame, 'loop_control');
  if (!raw || typeof raw !== 'object') return {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw as Record<string, unknown>)) out[k] = k === 'label' ? v : env.templar.template(v, vars, { origin: frame.task.origin, preserveTypes: true });
  return out as LoopControl;
}

/** The whole loop's result, as Ansible sums up its items. */
function aggregate(results: TaskResult[]): TaskResult {
  const out: TaskResult = { changed: results.some((r) => r.changed), results };
  if (results.some((r) => r.failed)) {
    out.failed = true;
    out.msg = 'One or more items failed';
  } else if (results.every((r) => r.skipped)) {
    out.msg = 'All items skipped';
  } else {
    out.msg = 'All items completed';
  }
  out.skipped = results.every((r) => r.skipped);
  if (results.some((r) => r.unreachable)) out.unreachable = true;
  return out;
}

/** The action, retried per `until`/`retries`/`delay`, then changed_when and failed_when applied. */
async function attempt(frame: TaskFrame, host: string, vars: Record<string, unknown>, env: ExecutorEnv): Promise<TaskResult> {
  const until = keyword(frame, 'until');
  const retries = until === undefined ? 0 : Number(templatedKeyword(frame, 'retries', vars, env) ?? 3);
  const delay = Number(templatedKeyword(frame, 'delay', vars, env) ?? 5);
  for (let n = 1; ; n++) {
    const outcome = await runAction(frame, host, vars, env);
    // changed_when and failed_when may read the attempt number, as in Ansible.
    if (until !== undefined && !outcome.unreachable) outcome.attempts = n;
    const result = judge(frame, outcome, vars, env);
    // With no retries (retries: 0 or less) Ansible runs the task once and never evaluates until.
    if (until === undefined || result.unreachable || retries <= 0) return result;
    const done = holds(frame, until, withRegistered(frame, vars, result), env);
    if (done) return result;
    // Exhausted, Ansible reports the retries asked for as the attempts (one fewer than it ran).
    if (n > retries) return { ...result, failed: true, attempts: retries };
    withNoLog(frame, vars, env).emit({ kind: 'runner_retry', task: frame.info, host, result: { ...result, retries: retries + 1 }, display: {}, attempts: n, retries: retries + 1 });
    if (delay > 0) await new Promise((r) => setTimeout(r, delay * 1000));
  }
}

function judge(frame: TaskFrame, result: TaskResult, vars: Record<string, unknown>, env: ExecutorEnv): TaskResult {
  if (result.unreachable) return result;
  // Every result a host returned carries failed and changed, so `when: not r.failed` works after any task;
  // a module that only sets rc fails by it, as in Ansible.
  if (!('failed' in result)) result.failed = 'rc' in result && result.rc !== 0 && result.rc !== '0';
  if (!('changed' in result)) result.changed = false;
  if (result.skipped) return result;
  const scope = withRegistered(frame, withFacts(frame, vars, result), result);
  let stage: 'changed' | 'failed' = 'changed';
  try {
    const changedWhen = keyword(frame, 'changed_when');
    if (changedWhen !== undefined) result.changed = holds(frame, changedWhen, scope, env);
    stage = 'failed';
    const failedWhen = keyword(frame, 'failed_when');
    if (failedWhen !== undefined) {
      const failed = holds(frame, failedWhen, scope, env);
      result.failed_when_result = failed;
      result.failed = failed;
    }
  } catch (err) {
    if (!isTsibleError(err)) throw err;
    // As Ansible: the task fails, but keeps what the module returned, with the error under `<stage>_when_result`.
    result.failed = true;
    result[`${stage}_when_result`] = err.message;
  }
  return result;
}

/** A list of conditions (changed_when, failed_when, until) holds when every one of them does. */
function holds(frame: TaskFrame, expr: unknown, scope: Record<string, unknown>, env: ExecutorEnv): boolean {
  const all = Array.isArray(expr) ? expr : [expr];
  return all.every((c) => env.templar.evaluateConditional(c, scope, { origin: frame.task.origin }));
}

/** Facts a task returns (set_fact's too) are visible to its own changed_when and failed_when. */
function withFacts(frame: TaskFrame, vars: Record<string, unknown>, result: TaskResult): Record<string, unknown> {
  const facts = returnedFacts(frame, result);
  if (!facts || typeof facts !== 'object') return vars;
  // A module's facts become variables as they will after the task: without the restricted names.
  const own = SETS_VARIABLES.has(frame.task.action) ? facts : Object.fromEntries(Object.entries(facts).filter(([k]) => isInjectedFact(k)));
  // Defined, not assigned: a host's `__proto__` fact is an ordinary name, not this scope's prototype.
  return Object.defineProperties(Object.create(vars), Object.getOwnPropertyDescriptors(markUnsafe(own)));
}

/** changed_when, failed_when and until see the result under the register name, as in Ansible. */
function withRegistered(frame: TaskFrame, vars: Record<string, unknown>, result: TaskResult): Record<string, unknown> {
  const name = frame.task.keywords.register;
  // Host data, unsafe as when registered: `changed_when: "{{ r.stdout }}"` must not run what the host printed.
  return typeof name === 'string' ? Object.assign(Object.create(vars), { [name]: registered(frame, result) }) : vars;
}

/**
 * A result as registered: unsafe, since it is what the host said, except set_fact's and include_vars'
 * (Ansible's actions "with clean facts"), whose values come from the playbook and keep their own kind.
 */
function registered(frame: TaskFrame, result: TaskResult): unknown {
  // A failure's message may quote the template that failed: like anything from a host, it is not templated again.
  return SETS_VARIABLES.has(frame.task.action) && !result.failed ? result : markUnsafe(result);
}

function whenHolds(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): boolean {
  return conditions(frame).every((c) => env.templar.evaluateConditional(c, vars, { origin: frame.task.origin }));
}

/** A result's ansible_facts, except debug's: `debug: var=ansible_facts` shows the facts, it sets none (as in Ansible). */
function returnedFacts(frame: TaskFrame, result: TaskResult): unknown {
  return frame.task.action === 'debug' ? undefined : result.ansible_facts;
}

function register(frame: TaskFrame, host: string, result: TaskResult, vars: Record<string, unknown>, env: ExecutorEnv): void {
  const facts = returnedFacts(frame, result);
  // What a host returns is data, never a template: marked unsafe as it becomes variables.
  if (facts && typeof facts === 'object' && !SETS_VARIABLES.has(frame.task.action)) {
    for (const name of Object.keys(facts).filter(isRestrictedFact)) env.emit({ kind: 'warning', message: restrictedFactWarning(name) });
    env.vars.setFacts(factsHost(frame, host, vars, env), markUnsafe(facts) as Record<string, unknown>);
  }
  const name = frame.task.keywords.register;
  if (typeof name !== 'string') return;
  // As Ansible registers it: without the module's invocation (loop items keep theirs).
  const { invocation: _shown, ...kept } = result;
  env.vars.setHostVars(host, { [name]: registered(frame, kept) });
}

/** set_stats' data goes to the run's statistics, per item for a loop, as Ansible's strategy takes it. */
function recordCustomStats(frame: TaskFrame, host: string, result: TaskResult, env: ExecutorEnv): void {
  for (const item of frame.task.loop ? result.results ?? [] : [result]) {
    const stats = item.ansible_stats as { data?: Record<string, unknown>; per_host?: unknown; aggregate?: unknown } | undefined;
    if (!stats || typeof stats !== 'object' || !stats.data || !Object.keys(stats.data).length) continue;
    const perHost = !('per_host' in stats) || Boolean(stats.per_host);
    env.stats.custom.add(stats.data, { host: perHost ? host : undefined, aggregate: Boolean(stats.aggregate) });
  }
}

export function statusOf(result: TaskResult): Outcome {
  if (result.unreachable) return 'unreachable';
  if (isFailed(result)) return 'failed';
  if (result.skipped) return 'skipped';
  return result.changed ? 'changed' : 'ok';
}

/**
 * Whether a result fails its host, as Ansible's TaskResult.is_failed decides: where failed_when was
 * judged (on the result or any loop item) its verdict counts, even over a `failed` that until's
 * exhausted retries set; otherwise `failed`, of the result or of any item.
 */
function isFailed(result: TaskResult): boolean {
  const items = Array.isArray(result.results) ? (result.results as TaskResult[]) : [];
  const key = 'failed_when_result' in result || items.some((r) => r && 'failed_when_result' in r) ? 'failed_when_result' : 'failed';
  if (key in result) return Boolean(result[key]);
  return items.some((r) => Boolean(r?.[key]));
}

function isIgnored(frame: TaskFrame, status: Outcome, vars: Record<string, unknown>, env: ExecutorEnv): boolean {
  if (status === 'failed') return asBool(templatedKeyword(frame, 'ignore_errors', vars, env));
  if (status === 'unreachable') return asBool(templatedKeyword(frame, 'ignore_unreachable', vars, env));
  return false;
}

/** `loopSummary`: a loop's whole result, where a delegate_to naming the item has no one value (each item's line shows its own). */
function displayOf(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv, loopSummary = false): ResultDisplay {
  const delegate = loopSummary ? summaryDelegate(frame, vars, env) : templatedKeyword(frame, 'delegate_to', vars, env);
  const delegatedTo = delegate === undefined || delegate === null ? undefined : String(delegate);
  return {
    verboseOverride: frame.task.action === 'setup' || frame.task.action === 'gather_facts',
    delegatedTo,
    delegatedAddress: delegatedTo === undefined ? undefined : delegateAddress(delegatedTo, frame, env),
  };
}

function summaryDelegate(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): unknown {
  try {
    return templatedKeyword(frame, 'delegate_to', vars, env);
  } catch {
    return undefined;
  }
}

/** An inventory delegate's ansible_host; one Ansible cannot template (or outside the inventory) shows by name. */
function delegateAddress(delegate: string, frame: TaskFrame, env: ExecutorEnv): string | undefined {
  if (!env.inventory.getHost(delegate)) return undefined;
  try {
    return String(env.vars.taskVars(delegate, frame).ansible_host);
  } catch {
    return undefined;
  }
}

/** The result event, censored under no_log (see no-log.ts). */
function emitResult(frame: TaskFrame, host: string, status: Outcome, result: TaskResult, display: ResultDisplay, vars: Record<string, unknown>, env: ExecutorEnv): void {
  display.verboseAlways = alwaysShown.has(result);
  const kind = ({ ok: 'runner_ok', changed: 'runner_changed', failed: 'runner_failed', skipped: 'runner_skipped', unreachable: 'runner_unreachable' } as const)[status];
  withNoLog(frame, vars, env).emit({ kind, task: frame.info, host, result, display });
}
