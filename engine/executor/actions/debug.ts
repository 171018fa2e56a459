import { isTsibleError } from '../../errors';
import { TaskResult } from '../../output/events';
import { UnsafeText } from '../../playbook/yaml';
import { UndefinedError } from '../../template/values';
import { ExecutorAction, shownAlways } from './types';

/** debug: `msg` as given, or `var` evaluated as an expression and shown under its own name. */
export const debug: ExecutorAction = async ({ frame, vars, args, env }) => {
  const threshold = Number(args.verbosity ?? 0);
  if (env.options.verbosity < threshold) return { changed: false, skipped: true, skipped_reason: 'Verbosity threshold not met.' };
  if (args.var !== undefined && args.msg !== undefined) return { failed: true, changed: false, msg: "'msg' and 'var' are incompatible options" };
  if (args.var === undefined) return shownAlways({ changed: false, msg: args.msg === undefined ? 'Hello world!' : args.msg });
  const name = String(args.var);
  // A name that came from unsafe data is never evaluated: as in Ansible, it is shown wrapped in braces.
  if (args.var instanceof UnsafeText) return shownAlways({ changed: false, [name]: new UnsafeText(`{{${name}}}`) });
  let value: unknown;
  try {
    value = env.templar.template(`{{ ${name} }}`, vars, { origin: frame.task.origin, preserveTypes: true });
  } catch (err) {
    // Only an undefined variable is shown as such; any other error fails the task, as in Ansible.
    if (!(isTsibleError(err) && err.cause instanceof UndefinedError)) throw err;
    value = 'VARIABLE IS NOT DEFINED!';
  }
  const result: TaskResult = { changed: false };
  result[name] = value;
  return shownAlways(result);
};
