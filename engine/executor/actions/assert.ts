import { searchPathsFor } from '../run-action';
import { asBool } from '../task-settings';
import { ExecutorAction, shownAlways } from './types';

/** assert: every condition in `that` must hold; the first that does not is named in the result. */
export const assert: ExecutorAction = async ({ frame, vars, args, env }) => {
  const that = Array.isArray(args.that) ? args.that : [args.that];
  if (args.that === undefined) return { failed: true, changed: false, msg: 'conditional required in "that" string' };
  const failMsg = args.fail_msg ?? args.msg;
  for (const condition of that) {
    const holds = env.templar.evaluateConditional(condition, vars, { origin: frame.task.origin, searchPaths: searchPathsFor(frame) });
    if (!holds) {
      return shownAlways({ failed: true, changed: false, evaluated_to: false, assertion: condition, msg: failMsg ?? 'Assertion failed' });
    }
  }
  const passed = { changed: false, msg: args.success_msg ?? 'All assertions passed' };
  // quiet: the passing result is shown only at -v, like any module's.
  return asBool(args.quiet) ? passed : shownAlways(passed);
};
