import { factsHost } from '../task-settings';
import { ExecutorAction } from './types';

/** set_fact: host variables for the rest of the run; `cacheable` is accepted (there is no fact cache). */
export const setFact: ExecutorAction = async ({ frame, host, vars, args, env }) => {
  const facts = { ...args };
  delete facts.cacheable;
  if (Object.keys(facts).length === 0) return { failed: true, changed: false, msg: 'No key/value pairs provided, at least one is required for this action to succeed' };
  for (const name of Object.keys(facts)) {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) return { failed: true, changed: false, msg: `The variable name '${name}' is not valid. Variables must start with a letter or underscore character, and contain only letters, numbers and underscores.` };
  }
  env.vars.setHostVars(factsHost(frame, host, vars, env), facts);
  return { changed: false, ansible_facts: facts };
};
