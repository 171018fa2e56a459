import { ExitCode, ExitCodeValue, TsibleError } from '../errors';
import { originOf } from '../playbook/yaml';
import { OMIT } from '../template/globals';
import { rolesToRun } from '../playbook/roles';
import { filterTagged, TagSelection } from '../playbook/tags';
import { Play, Playbook, Task, TaskOrBlock } from '../playbook/types';
import { serialBatches } from './batches';
import { ExecutorEnv } from './env';
import { IncludeLoader } from './include-runtime';
import { PlayRunner } from './play-runner';
import { readPlayVarsAtStart } from './play-start-vars';
import { forEachHost } from './host-pool';
import { asBool } from './task-settings';
import { answerVarsPrompt } from './vars-prompt';
import { endPythonRun } from '../module/python/python-module';
import { finishControllerJobs } from './async-task';

/** Hosts that failed or became unreachable stay out of later plays, as in ansible-playbook. */
interface RunState {
  failed: Set<string>;
  unreachable: Set<string>;
  /** Ansible says once per run that it takes vars_prompt defaults without asking. */
  warnedNotPrompting?: boolean;
  /** Hosts whose facts a play's fact gathering has collected: `gathering = smart` does not gather them again. */
  gathered: Set<string>;
}

/**
 * Runs playbooks play by play and returns ansible-playbook's exit code: 4 when a host was unreachable,
 * else 2 when a host failed, else 0. A play whose whole batch failed ends the run.
 */
export async function runPlaybooks(books: Playbook[], env: ExecutorEnv, includes: IncludeLoader): Promise<ExitCodeValue> {
  const state: RunState = { failed: new Set(), unreachable: new Set(), gathered: new Set() };
  try {
    for (const book of books) {
      env.emit({ kind: 'playbook_start', file: book.file, plays: book.plays.length, check: env.options.check, diff: env.options.diff });
      for (const play of book.plays) {
        const stop = await runPlay(play, env, includes, state);
        if (stop || env.signal.aborted) break;
      }
    }
  } finally {
    await finishControllerJobs();
    // Python modules' packages go while the connections they were sent over are still open.
    await endPythonRun(env.remoteFiles?.keep ?? false);
    await env.connections.closeAll();
  }
  env.emit({ kind: 'stats', hosts: env.stats.summary(), check: env.options.check, custom: env.stats.custom.summary() });
  if (env.signal.aborted && env.signal.reason === 'SIGTERM') {
    env.emit({ kind: 'error', message: 'Terminated (SIGTERM)' });
    return ExitCode.terminated;
  }
  if (env.signal.aborted) {
    env.emit({ kind: 'error', message: 'User interrupted execution' });
    return ExitCode.userInterrupt;
  }
  if (env.startAt.name !== undefined) env.emit({ kind: 'error', message: `No matching task "${env.startAt.name}" found. Note: --start-at-task can only follow static includes.` });
  if (state.unreachable.size) return ExitCode.hostUnreachable;
  return state.failed.size ? ExitCode.hostFailed : ExitCode.ok;
}

/** Runs one play; true when the run must stop (every host of a batch failed). */
async function runPlay(play: Play, env: ExecutorEnv, includes: IncludeLoader, state: RunState): Promise<boolean> {
  const scope = { ...(await promptAnswers(play, env, state)), ...env.options.extraVars };
  readPlayVarsAtStart(play, env, scope);
  // Hosts that failed in an earlier play take no part, but ansible_play_hosts_all still lists them.
  const matched = playHosts(play, env, scope);
  const hosts = matched.filter((h) => !state.failed.has(h) && !state.unreachable.has(h));
  const strategy = play.keywords.strategy === undefined || play.keywords.strategy === null ? 'linear' : String(env.templar.template(play.keywords.strategy, scope));
  // As in Ansible, the play's banner comes before the complaint about its strategy.
  const announce = () => {
    env.emit({ kind: 'play_start', name: playName(play, env, scope), check: env.options.check, strategy, path: `${play.origin.file}:${play.origin.line}` });
    requireKnownStrategy(strategy, play);
  };
  if (hosts.length === 0) {
    announce();
    env.emit({ kind: 'no_hosts_matched' });
    return false;
  }
  const sections = playSections(play, env);
  // Each serial batch is shown as the play starting again, as ansible-playbook does.
  for (const batch of serialBatches(ordered(hosts, play, env, scope), playSerial(play, env, scope), play.origin)) {
    announce();
    env.vars.startPlay(play, { hostsAll: matched, hosts, batch });
    const runner = new PlayRunner(play, env, includes, batch);
    await runBatch(runner, play, batch, sections, { scope, strategy, gathered: state.gathered });
    runner.state.failed.forEach((h) => state.failed.add(h));
    runner.state.unreachable.forEach((h) => state.unreachable.add(h));
    const lost = batch.filter((h) => runner.state.failed.has(h) || runner.state.unreachable.has(h));
    if (lost.length === batch.length) return true;
    if (runner.state.endPlay) break;
  }
  return false;
}

/**
 * vars_prompt is asked before the play starts, once for all its batches; the answers are play variables,
 * and like -e values they can be used in the play's own keywords (`hosts: "{{ target }}"`).
 */
async function promptAnswers(play: Play, env: ExecutorEnv, state: RunState): Promise<Record<string, unknown>> {
  if (!play.varsPrompt.length) return {};
  const asked = play.varsPrompt.some((p) => !Object.prototype.hasOwnProperty.call(env.options.extraVars, p.name));
  if (asked && !env.varsPrompt && !state.warnedNotPrompting) {
    state.warnedNotPrompting = true;
    env.emit({ kind: 'warning', message: 'Not prompting as we are not in interactive mode' });
  }
  const answers = await answerVarsPrompt(play, { templar: env.templar, extraVars: env.options.extraVars, ask: env.varsPrompt });
  env.vars.setPromptAnswers(play, answers);
  return answers;
}

/** pre_tasks, then roles and tasks, then post_tasks, with unselected tags left out. */
function playSections(play: Play, env: ExecutorEnv): TaskOrBlock[][] {
  const selection: TagSelection = { only: env.options.tags.length ? env.options.tags : ['all'], skip: env.options.skipTags };
  return [play.preTasks, [...rolesToRun(play.roles).flatMap((r) => r.tasks), ...play.tasks], play.postTasks].map((s) => filterTagged(s, play, selection));
}

interface BatchContext {
  scope: Record<string, unknown>;
  strategy: string;
  gathered: Set<string>;
}

async function runBatch(runner: PlayRunner, play: Play, batch: string[], sections: TaskOrBlock[][], ctx: BatchContext): Promise<void> {
  const { env } = runner;
  const markFailed = (failed: Set<string>) => {
    for (const h of failed) if (!runner.state.cleared.has(h)) runner.state.failed.add(h);
  };
  if (gathersFacts(play, env, ctx.scope)) {
    const hosts = env.options.gathering === 'smart' ? batch.filter((h) => !ctx.gathered.has(h)) : batch;
    const failed = hosts.length ? await runner.runTask(factsTask(play), hosts, { blocks: [] }) : new Set<string>();
    markFailed(failed);
    hosts.filter((h) => !failed.has(h) && !runner.state.unreachable.has(h)).forEach((h) => ctx.gathered.add(h));
  }
  // The free strategy lets each host go through the tasks at its own pace; linear keeps them in step.
  const free = /(^|\.)(free|host_pinned)$/.test(ctx.strategy);
  const runSection = async (section: TaskOrBlock[]) => {
    if (!free) return markFailed(await runner.runList(section, batch, { blocks: [] }));
    await forEachHost(batch, env.options.forks, async (h) => markFailed(await runner.runList(section, [h], { blocks: [] })));
  };
  // Handlers are flushed after each section, as Ansible does.
  for (const section of sections) {
    await runSection(section);
    markFailed(await runner.flushHandlers());
    if (runner.state.endPlay) return;
  }
}

function gathersFacts(play: Play, env: ExecutorEnv, scope: Record<string, unknown>): boolean {
  const given = play.keywords.gather_facts;
  if (given !== undefined) return asBool(env.templar.template(given, scope));
  return env.options.gathering !== 'explicit';
}

function factsTask(play: Play): Task {
  const args: Record<string, unknown> = {};
  if (play.keywords.gather_subset !== undefined) args.gather_subset = play.keywords.gather_subset;
  if (play.keywords.gather_timeout !== undefined) args.gather_timeout = play.keywords.gather_timeout;
  if (play.keywords.fact_path !== undefined) args.fact_path = play.keywords.fact_path;
  // The play's run_once does not stop facts being gathered on every host, as in Ansible.
  return { kind: 'task', name: 'Gathering Facts', action: 'setup', actionAsWritten: 'gather_facts', args, keywords: { run_once: false }, tags: ['always'], notify: [], origin: play.origin };
}

/** `serial` may be a template over the play's vars and extra vars; `default(omit)` leaves the play in one batch. */
function playSerial(play: Play, env: ExecutorEnv, scope: Record<string, unknown>): unknown {
  const given = play.keywords.serial;
  if (given === undefined) return undefined;
  const serial = env.templar.template(given, { ...play.vars, ...scope }, { origin: originOf(play.keywords, 'serial', 'value') ?? play.origin, preserveTypes: true });
  return serial === OMIT ? undefined : serial;
}

function playHosts(play: Play, env: ExecutorEnv, scope: Record<string, unknown>): string[] {
  let pattern: string[];
  try {
    pattern = env.templar.template(play.hosts, scope) as string[];
  } catch (err) {
    if (!(err instanceof TsibleError)) throw err;
    // As Ansible says it (and with its exit code): the play's own field is wrong, not a task.
    throw new TsibleError(`The field 'hosts' has an invalid value, which includes an undefined variable. The error was: ${err.message}`, {
      origin: originOf(play.keywords, 'hosts', 'value') ?? play.origin,
      exitCode: ExitCode.parserError,
    });
  }
  let hosts = env.inventory.getHosts(pattern).map((h) => h.name);
  if (env.options.limit?.length) {
    const allowed = new Set(env.inventory.getHosts(env.options.limit).map((h) => h.name));
    hosts = hosts.filter((h) => allowed.has(h));
  }
  return hosts;
}

/** The play's `order:` for running its hosts (ansible_play_hosts_all keeps inventory order). */
function ordered(hosts: string[], play: Play, env: ExecutorEnv, scope: Record<string, unknown>): string[] {
  const order = play.keywords.order === undefined ? undefined : env.templar.template(play.keywords.order, scope);
  switch (order) {
    case 'sorted':
      return [...hosts].sort();
    case 'reverse_sorted':
      return [...hosts].sort().reverse();
    case 'reverse_inventory':
      return [...hosts].reverse();
    case 'shuffle':
      return [...hosts].sort(() => Math.random() - 0.5);
    case undefined:
    case null:
    case 'inventory':
      return hosts;
    default:
      // Ansible refuses it as a bad option (exit 5) before the play's banner.
      throw new TsibleError(`Invalid 'order' specified for inventory hosts: ${String(order)}`, {
        origin: originOf(play.keywords, 'order', 'value') ?? play.origin,
        exitCode: ExitCode.badOptions,
      });
  }
}

/** The strategies tsible runs: linear, and free (host_pinned runs as free: only the order of output differs). */
const STRATEGIES = /^(ansible\.builtin\.)?(linear|free|host_pinned)$/;

/** A strategy tsible does not have stops the run, as Ansible stops at an unknown one. */
function requireKnownStrategy(strategy: string, play: Play): void {
  if (STRATEGIES.test(strategy)) return;
  const debug = /^(ansible\.builtin\.)?debug$/.test(strategy);
  throw new TsibleError(debug ? 'The debug strategy is not supported by tsible: it has no interactive task debugger' : `Invalid play strategy specified: ${strategy}`, {
    origin: originOf(play.keywords, 'strategy', 'value') ?? play.origin,
    hint: 'tsible runs the linear, free and host_pinned strategies',
  });
}

function playName(play: Play, env: ExecutorEnv, scope: Record<string, unknown>): string {
  try {
    return String(env.templar.template(play.name, scope));
  } catch {
    return play.name;
  }
}
