import { addHost, groupBy } from './add-host';
import { assert } from './assert';
import { debug } from './debug';
import { fail } from './fail';
import { includeVars } from './include-vars';
import { setFact } from './set-fact';
import { setStats } from './set-stats';
import { ExecutorAction } from './types';
import { waitForConnection } from './wait-for-connection';

/** Actions the controller runs itself rather than on the host, by short name. */
export const executorActions: Record<string, ExecutorAction> = {
  add_host: addHost,
  assert,
  debug,
  fail,
  group_by: groupBy,
  include_vars: includeVars,
  set_fact: setFact,
  set_stats: setStats,
  wait_for_connection: waitForConnection,
};

/** Actions that run once per task whatever the number of hosts (Ansible's bypass of the host loop). */
export const ONCE_PER_TASK = new Set(['add_host']);

/** Actions whose ansible_facts are variables they set, not facts about the host. */
export const SETS_VARIABLES = new Set(['set_fact', 'include_vars']);
