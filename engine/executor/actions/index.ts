import { assert } from './assert';
import { debug } from './debug';
import { fail } from './fail';
import { setFact } from './set-fact';
import { ExecutorAction } from './types';

/** Actions the controller runs itself rather than on the host, by short name. */
export const executorActions: Record<string, ExecutorAction> = {
  assert,
  debug,
  fail,
  set_fact: setFact,
};
