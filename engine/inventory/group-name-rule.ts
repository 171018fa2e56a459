import { pyRepr } from '../output/py-repr';
import { safeGroupName } from './plugins/group-names';

/**
 * TRANSFORM_INVALID_GROUP_CHARS (`force_valid_group_names`): what happens to a group name that is not a
 * valid variable name. `never` keeps it and warns, `ignore` keeps it quietly, `always` replaces the bad
 * characters with `_` and warns, `silently` replaces them quietly.
 */
export type GroupNameRule = 'always' | 'never' | 'ignore' | 'silently';
export const GROUP_NAME_RULES: readonly GroupNameRule[] = ['always', 'never', 'ignore', 'silently'];

/** The name a group gets, and what to tell the user (once per message) and at -vvvv (each time). */
export interface GroupNameOutcome {
  name: string;
  warning?: string;
  detail?: string;
}

/** Python's `^[\d\W]|[^\w]`, Unicode letters and digits being word characters. */
const INVALID = /^\p{Nd}|[^\p{L}\p{N}_]/gu;

export function applyGroupNameRule(name: string, rule: GroupNameRule): GroupNameOutcome {
  const chars = [...new Set(name.match(INVALID) ?? [])];
  if (!chars.length) return { name };
  // Python prints the set of characters it found, in its own repr.
  const what = `invalid character(s) "{${chars.map((c) => pyRepr(c)).join(', ')}}" in group name (${name})`;
  if (rule === 'always') {
    return {
      name: safeGroupName(name),
      warning: 'Invalid characters were found in group names and automatically replaced, use -vvvv to see details',
      detail: `Replacing ${what}`,
    };
  }
  if (rule === 'silently') return { name: safeGroupName(name) };
  if (rule === 'never') {
    return { name, warning: 'Invalid characters were found in group names but not replaced, use -vvvv to see details', detail: `Not replacing ${what}` };
  }
  return { name };
}
