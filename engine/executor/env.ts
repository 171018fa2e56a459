import { Inventory } from '../inventory/types';
import { Play } from '../playbook/types';
import { EventSink } from '../output/events';
import { Templar } from '../template/types';
import { AnyModule, RemoteFilesSettings } from '../module/types';
import { ConnectionPool } from './connections';
import { RunStats } from './stats';
import { TaskFrame } from './task-frame';
import { CheckPredictions } from './check-predictions';
import { VarsPrompter } from './vars-prompt';
import type { PythonActions } from './python-actions';

/** What the run was asked to do, from the command line and ansible.cfg. */
export interface RunOptions {
  check: boolean;
  diff: boolean;
  forks: number;
  verbosity: number;
  forceHandlers: boolean;
  startAtTask?: string;
  tags: string[];
  skipTags: string[];
  limit?: string[];
  /** Default privilege escalation (-b, --become-user, --become-method, ansible.cfg). */
  become: { enabled: boolean; method: string; user: string; password?: string };
  gathering: 'implicit' | 'explicit' | 'smart';
  /** -e values: they also template play-level keywords such as `hosts:`. */
  extraVars: Record<string, unknown>;
  /** Magic variables from the command line and the controller (ansible_forks, ansible_limit…). */
  optionVars?: Record<string, unknown>;
  /** --flush-cache: every inventory host's cached facts are removed before the first play. */
  flushCache?: boolean;
  /** ansible.cfg's no_log (ANSIBLE_NO_LOG): what a task without its own no_log keyword has. */
  noLog?: boolean;
  /** ansible.cfg's error_on_missing_handler (default true): a notify naming no handler stops the run, else warns. */
  errorOnMissingHandler?: boolean;
}

/** The variables a host sees, by precedence; the executor only reads and adds facts/registered values. */
export interface VarsSource {
  /** The play whose vars apply from now on, and its hosts (for ansible_play_hosts and friends). */
  startPlay(play: Play, hosts: { hostsAll: string[]; hosts: string[]; batch: string[] }): void;
  /** Hosts that failed or became unreachable leave ansible_play_hosts and ansible_play_batch. */
  leavePlay(hosts: string[]): void;
  /** Everything visible to a task on a host (lazily templated), with loop variables on top when given. */
  taskVars(host: string, frame: TaskFrame, extra?: Record<string, unknown>): Record<string, unknown>;
  /** Everything visible at play level on a host (play keywords like hosts/serial/gather_facts). */
  playVars(host: string): Record<string, unknown>;
  /** set_fact and register: kept for the rest of the run, above play vars. */
  setHostVars(host: string, vars: Record<string, unknown>): void;
  /** ansible_facts gathered or returned by modules. */
  setFacts(host: string, facts: Record<string, unknown>): void;
  /** include_vars: above task vars, below set_fact. */
  setIncludedVars(host: string, vars: Record<string, unknown>): void;
  /** meta: clear_facts. */
  clearFacts(host: string): void;
  /** The answers to a play's vars_prompt, seen by every host in that play. */
  setPromptAnswers(play: Play, answers: Record<string, unknown>): void;
}

export interface ExecutorEnv {
  inventory: Inventory;
  templar: Templar;
  vars: VarsSource;
  connections: ConnectionPool;
  /** The module a task names, user modules winning over built-ins; undefined when unknown. */
  module(name: string): Promise<AnyModule | undefined>;
  /** The Python action plug-ins a task's action may run through (action_plugins/, collections, ansible-core's). */
  pythonActions?: PythonActions;
  /** remote_tmp and keep_remote_files from ansible.cfg / ANSIBLE_*, for modules sent to hosts; defaults when unset. */
  remoteFiles?: RemoteFilesSettings;
  emit: EventSink;
  stats: RunStats;
  options: RunOptions;
  /** --start-at-task: tasks are passed over until one with this name is reached (then it is cleared). */
  startAt: { name?: string };
  /** --step: asked before each task whether to run it; `continue` runs the rest without asking. */
  step?: (taskName: string) => Promise<'yes' | 'no' | 'continue'>;
  /** meta: refresh_inventory — reads the inventory sources again; absent when the run cannot (nothing happens). */
  refreshInventory?: () => Promise<void>;
  /** vars_prompt's question on the terminal; absent when standard input is not one, so defaults are taken. */
  varsPrompt?: VarsPrompter;
  /** --check: what earlier tasks would change on each host, to explain later tasks' failures. */
  predictions: CheckPredictions;
  /** Aborted on Ctrl-C: no new task starts, connections are closed, the recap is still printed. */
  signal: AbortSignal;
}
