import { Origin, TsibleError } from '../errors';
import { Templar } from '../template/types';
import { markUnsafe } from '../template/unsafe';
import { isDict } from '../template/values';
import { pyStr } from '../output/py-repr';
import { sequenceOf } from '../template/lookups/sequence';

/** What the loop of one task on one host iterates over, after templating. */
export function loopItems(
  loop: { with?: string; items: unknown },
  vars: Record<string, unknown>,
  templar: Templar,
  origin: Origin,
  searchPaths: string[] = [],
): unknown[] {
  const terms = templar.template(loop.items, vars, { origin, searchPaths, preserveTypes: true });
  if (loop.with === undefined) {
    if (!Array.isArray(terms)) {
      throw new TsibleError(
        `Invalid data passed to 'loop', it requires a list, got this instead: ${pyStr(terms)}. Hint: If you passed a list/dict of just one element, try adding wantlist=True to your lookup invocation or use q/query instead of lookup.`,
        { origin },
      );
    }
    return terms;
  }
  const builtin = withLoops[loop.with];
  // Ansible marks every with_<lookup>'s items unsafe (a template reading them makes unsafe data), these too.
  if (builtin) return markUnsafe(builtin(terms, origin)) as unknown[];
  return templar.query(loop.with, Array.isArray(terms) ? terms : [terms], vars, { origin, searchPaths });
}

type WithLoop = (terms: unknown, origin: Origin) => unknown[];

const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);

/** The `with_*` lookups that only reshape their terms; the rest go to the lookup plugins. */
const withLoops: Record<string, WithLoop> = {
  items: (terms) => asList(terms).flatMap((t) => (Array.isArray(t) ? t : [t])),
  list: (terms, origin) => {
    // As with_indexed_items, a mapping is one term Ansible cannot listify.
    if (isDict(terms)) throw new TsibleError('with_list expects a list', { origin });
    return asList(terms);
  },
  indexed_items: (terms, origin) => {
    // A string or scalar becomes a one-item list, as Ansible listifies terms; a mapping stays one and is refused.
    if (isDict(terms)) throw new TsibleError('with_indexed_items expects a list', { origin });
    return withLoops.items(terms, origin).map((t, i) => [i, t]);
  },
  dict: (terms, origin) => {
    if (terms === null || typeof terms !== 'object' || Array.isArray(terms)) {
      throw new TsibleError(`with_dict expects a dict, got ${pyStr(terms)}`, { origin });
    }
    return Object.entries(terms as Record<string, unknown>).map(([key, value]) => ({ key, value }));
  },
  together: (terms, origin) => {
    const lists = asList(terms).map(asList);
    if (lists.length === 0) throw new TsibleError('with_together requires at least one element in each list', { origin });
    const length = Math.max(0, ...lists.map((l) => l.length));
    return Array.from({ length }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)));
  },
  nested: (terms) => product(asList(terms).map(asList)),
  cartesian: (terms) => product(asList(terms).map(asList)),
  sequence: (terms, origin) => asList(terms).flatMap((t) => sequenceOf(pyStr(t), origin)),
};

function product(lists: unknown[][]): unknown[][] {
  return lists.reduce<unknown[][]>((acc, list) => acc.flatMap((prefix) => list.map((x) => [...prefix, x])), [[]]);
}

export interface LoopControl {
  loop_var?: string;
  index_var?: string;
  label?: unknown;
  pause?: number;
  extended?: boolean;
  extended_allitems?: boolean;
}

/** The variables one iteration adds: the item under loop_var, index_var, ansible_loop when extended. */
export function iterationVars(items: unknown[], index: number, control: LoopControl): Record<string, unknown> {
  const loopVar = control.loop_var ?? 'item';
  const vars: Record<string, unknown> = { [loopVar]: items[index], ansible_loop_var: loopVar };
  if (control.index_var) {
    vars[control.index_var] = index;
    vars.ansible_index_var = control.index_var;
  }
  if (control.extended) {
    const n = items.length;
    const loop: Record<string, unknown> = {
      index: index + 1,
      index0: index,
      revindex: n - index,
      revindex0: n - index - 1,
      first: index === 0,
      last: index === n - 1,
      length: n,
    };
    if (index > 0) loop.previtem = items[index - 1];
    if (index < n - 1) loop.nextitem = items[index + 1];
    if (control.extended_allitems !== false) loop.allitems = items;
    vars.ansible_loop = loop;
  }
  return vars;
}
