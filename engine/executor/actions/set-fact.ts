import { setOwn } from '../../template/unsafe';
import { factsHost } from '../task-settings';
import { ExecutorAction } from './types';
import { invalidNameMessage, isVariableName } from './variable-name';

/** set_fact: host variables for the rest of the run; `cacheable` is accepted (there is no fact cache). */
export const setFact: ExecutorAction = async ({ frame, host, vars, args, env }) => {
  const { cacheable: _cacheable, ...given } = args;
  if (Object.keys(given).length === 0) return { failed: true, changed: false, msg: 'No key/value pairs provided, at least one is required for this action to succeed' };
  // Names may be templates too (`set_fact: "{{ item }}=moo"` in a loop), as Ansible templates them.
  const facts: Record<string, unknown> = {};
  for (const [written, value] of Object.entries(given)) {
    const name = String(env.templar.template(written, vars, { origin: frame.task.origin }));
    if (!isVariableName(name)) return { failed: true, changed: false, msg: invalidNameMessage(name) };
    setOwn(facts, name, value);
  }
  env.vars.setHostVars(factsHost(frame, host, vars, env), facts);
  return { changed: false, ansible_facts: facts };
};
