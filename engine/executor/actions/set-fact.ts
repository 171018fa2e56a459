import { setOwn } from '../../template/unsafe';
import { asBool, factsHost } from '../task-settings';
import { ExecutorAction } from './types';
import { invalidNameMessage, isVariableName } from './variable-name';

/**
 * set_fact: host variables for the rest of the run. `cacheable` makes them host facts too (ansible_facts.NAME),
 * as Ansible's memory fact cache, the only one tsible has, keeps them for the run.
 */
export const setFact: ExecutorAction = async ({ frame, host, vars, args, env }) => {
  const { cacheable, ...given } = args;
  if (Object.keys(given).length === 0) return { failed: true, changed: false, msg: 'No key/value pairs provided, at least one is required for this action to succeed' };
  // Names may be templates too (`set_fact: "{{ item }}=moo"` in a loop), as Ansible templates them.
  const facts: Record<string, unknown> = {};
  for (const [written, value] of Object.entries(given)) {
    const name = String(env.templar.template(written, vars, { origin: frame.task.origin }));
    if (!isVariableName(name)) return { failed: true, changed: false, msg: invalidNameMessage(name) };
    setOwn(facts, name, env.templar.native ? value : booleanWord(value));
  }
  const target = factsHost(frame, host, vars, env);
  if (asBool(cacheable)) env.vars.setFacts(target, facts);
  env.vars.setHostVars(target, facts);
  return { changed: false, ansible_facts: facts };
};

/**
 * Ansible's set_fact with jinja2_native off turns a text value true/false/yes/no, in any case, into a
 * boolean (with it on, values already have their types).
 */
function booleanWord(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const word = value.toLowerCase();
  if (word === 'true' || word === 'yes') return true;
  if (word === 'false' || word === 'no') return false;
  return value;
}
