import { setOwn } from '../../template/unsafe';
import { asBool } from '../task-settings';
import { ExecutorAction } from './types';
import { invalidNameMessage, isVariableName } from './variable-name';

const VALID_ARGS = ['aggregate', 'data', 'per_host'];

/**
 * set_stats: custom statistics for the run (or per host with `per_host`), added to earlier values of the
 * same name unless `aggregate: false`. The strategy records them (RunStats.addCustom); the recap shows them
 * when show_custom_stats is on.
 */
export const setStats: ExecutorAction = async ({ frame, vars, args, env }) => {
  const unknown = Object.keys(args).filter((k) => !VALID_ARGS.includes(k));
  if (unknown.length) return { failed: true, changed: false, msg: `Invalid options for set_stats: ${unknown.join(',')}` };
  const given = args.data ?? {};
  if (!given || typeof given !== 'object' || Array.isArray(given)) return { failed: true, changed: false, msg: "The 'data' option needs to be a dictionary/hash" };
  const data: Record<string, unknown> = {};
  for (const [written, value] of Object.entries(given)) {
    const name = String(env.templar.template(written, vars, { origin: frame.task.origin }));
    if (!isVariableName(name)) return { failed: true, changed: false, msg: invalidNameMessage(name) };
    setOwn(data, name, value);
  }
  const flag = (name: 'per_host' | 'aggregate', dflt: boolean) => (args[name] === undefined || args[name] === null ? dflt : asBool(args[name]));
  return { changed: false, ansible_stats: { data, per_host: flag('per_host', false), aggregate: flag('aggregate', true) } };
};
