import { randomInt } from 'crypto';
import { MAX_ITEMS, checkItems } from '../limits';
import { pyEq, pyRepr, pyStr } from '../python';
import { CallContext, FilterFn } from '../scope';
import { FilterError, PyDict, TemplateRuntimeError, Undefined, failUndefined, isDict, num, plain, truthy, tuple, typeName } from '../values';
import { pyJson } from './py-json';
import { asList, attrPath, requireDict, sortValues, uniqueValues } from './helpers';
import { PyRandom } from './py-random';
import { rekeyOnMember } from './rekey-on-member';
import { setOwn } from '../own-keys';

/** Filters over lists and dicts: Jinja2's map/select family and Ansible's set and dict filters. */

function mapFilter(v: unknown, args: unknown[], kw: PyDict, ctx: CallContext): unknown[] {
  const items = asList(v);
  if (args.length === 0 && kw.attribute !== undefined) {
    return items.map((x) => {
      const r = attrPath(x, kw.attribute);
      return r instanceof Undefined && 'default' in kw ? kw.default : r;
    });
  }
  const [name, ...rest] = args;
  return items.map((x) => ctx.filter(String(name), x, rest, kw));
}

function selectFilter(v: unknown, args: unknown[], ctx: CallContext, attr: unknown, keep: boolean): unknown[] {
  const items = asList(v);
  const pick = (x: unknown) => (attr === undefined ? x : attrPath(x, attr));
  const [name, ...rest] = args;
  const pass = (x: unknown) => (name === undefined ? truthy(pick(x)) : ctx.test(String(name), plain(pick(x)), rest));
  return items.filter((x) => pass(x) === keep);
}

function flatten(v: unknown, levels: unknown, skipNulls: unknown): unknown[] {
  const depth = levels === undefined || levels === null ? Infinity : num(levels);
  const skip = skipNulls === undefined ? true : truthy(skipNulls);
  const out: unknown[] = [];
  const walk = (items: unknown[], d: number) => {
    for (const x of items) {
      if (skip && (x === null || x === 'None' || x === 'null')) continue;
      if (Array.isArray(x) && d < depth) walk(x, d + 1);
      else out.push(x);
    }
  };
  walk(asList(v), 0);
  return out;
}

/** An undefined value anywhere inside the terms fails the filter, as Ansible checks before merging. */
/** The value when it is of the kind a filter needs, or Ansible's type error naming the Python type it got. */
function requireType<T>(v: unknown, is: (x: unknown) => x is T, what: string): T {
  const p = plain(v);
  if (!is(p)) throw new TemplateRuntimeError(`${what}, got <class '${typeName(p)}'> instead.`);
  return p;
}

function requireDefined(v: unknown): void {
  if (v instanceof Undefined) failUndefined(v);
  if (Array.isArray(v)) v.forEach(requireDefined);
  else if (isDict(v)) Object.values(v).forEach(requireDefined);
}

const LIST_MERGES = ['replace', 'keep', 'append', 'prepend', 'append_rp', 'prepend_rp'];

function requireMappings(a: unknown, b: unknown): void {
  if (isDict(a) && isDict(b)) return;
  throw new FilterError(`failed to combine variables, expected dicts but got a '${typeName(a)}' and a '${typeName(b)}': \n${pyJson(a)}\n${pyJson(b)}`);
}

/**
 * Ansible's `combine`: later dicts win; `recursive` merges nested dicts; `list_merge` says how lists combine.
 * Terms are flattened one level with nulls dropped, so `None | combine` is `{}` and one dict comes back as is.
 */
function combine(terms: unknown[], kw: PyDict): unknown {
  const { recursive: rec = false, list_merge: lm = 'replace', ...extra } = kw;
  if (Object.keys(extra).length > 0) throw new FilterError("'recursive' and 'list_merge' are the only valid keyword arguments");
  const recursive = truthy(rec);
  const listMerge = pyStr(lm);
  const mergeLists = (a: unknown[], b: unknown[]): unknown[] => {
    switch (listMerge) {
      case 'keep': return a;
      case 'append': return [...a, ...b];
      case 'prepend': return [...b, ...a];
      case 'append_rp': return [...a.filter((x) => !b.some((y) => pyEq(x, y))), ...b];
      case 'prepend_rp': return [...b, ...a.filter((x) => !b.some((y) => pyEq(x, y)))];
      default: return b;
    }
  };
  const merge = (a: unknown, b: unknown): PyDict => {
    if (!LIST_MERGES.includes(listMerge)) {
      throw new FilterError(`merge_hash: 'list_merge' argument can only be equal to ${LIST_MERGES.slice(0, -1).map((m) => `'${m}'`).join(', ')} or 'prepend_rp'`);
    }
    requireMappings(a, b);
    const out: PyDict = { ...(a as PyDict) };
    for (const [k, bv] of Object.entries(b as PyDict)) {
      const av = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
      if (recursive && isDict(av) && isDict(bv)) setOwn(out, k, merge(av, bv));
      else if (Array.isArray(av) && Array.isArray(bv)) setOwn(out, k, mergeLists(av, bv));
      else setOwn(out, k, bv);
    }
    return out;
  };
  const all = flatten(terms, 1, true).map(plain);
  requireDefined(all);
  if (all.length === 0) return {};
  // Merged from the right, as Ansible does, so a type error names the same pair.
  return all.slice(0, -1).reduceRight<unknown>((acc, d) => merge(d, acc), all[all.length - 1]);
}

function zipLists(lists: unknown[][], longest: boolean, fill: unknown): unknown[][] {
  const n = lists.length === 0 ? 0 : (longest ? Math.max : Math.min)(...lists.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => tuple(lists.map((l) => (i < l.length ? l[i] : fill))));
}

function product(lists: unknown[][]): unknown[][] {
  checkItems(lists.reduce((n, l) => n * l.length, 1) * (lists.length + 1), 'the product');
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((prefix) => l.map((x) => [...prefix, x])), [[]]).map(tuple);
}

function permutations(items: unknown[], r: number, checked = false): unknown[][] {
  if (!checked) checkItems(countChoices(items.length, r, true) * (r + 1), 'the permutations');
  if (r === 0) return [[]];
  return items.flatMap((x, i) => permutations([...items.slice(0, i), ...items.slice(i + 1)], r - 1, true).map((p) => [x, ...p]));
}

function combinations(items: unknown[], r: number, checked = false): unknown[][] {
  if (!checked) checkItems(countChoices(items.length, r, false) * (r + 1), 'the combinations');
  if (r === 0) return [[]];
  return items.flatMap((x, i) => combinations(items.slice(i + 1), r - 1, true).map((c) => [x, ...c]));
}

/** How many r-permutations (ordered) or r-combinations of n items there are, without building them. */
function countChoices(n: number, r: number, ordered: boolean): number {
  if (r < 0 || r > n) return 0;
  let count = 1;
  for (let i = 0; i < r && count <= MAX_ITEMS; i++) count = ordered ? count * (n - i) : (count * (n - i)) / (i + 1);
  return count;
}

/** Ansible's `subelements` filter; its type errors are reported as Python type errors, as in Ansible. */
function subelements(v: unknown, path: unknown, skipMissing: unknown): unknown[][] {
  const obj = plain(v);
  if (!isDict(obj) && !Array.isArray(obj)) throw new FilterError('obj must be a list of dicts or a nested dict');
  const p = plain(path);
  if (!Array.isArray(p) && typeof p !== 'string') throw new TemplateRuntimeError('subelements must be a list or a string');
  const keys: unknown[] = Array.isArray(p) ? p : p.split('.');
  const skip = truthy(skipMissing ?? false);
  const out: unknown[][] = [];
  for (const item of isDict(obj) ? Object.values(obj) : obj) {
    let values: unknown = item;
    for (const key of keys) {
      if (Array.isArray(values) && typeof key === 'number' && key < values.length) {
        values = values[key];
      } else if (!isDict(values)) {
        throw new TemplateRuntimeError(`the key ${pyStr(key)} should point to a dictionary, got '${pyStr(values)}'`);
      } else if (Object.prototype.hasOwnProperty.call(values, pyStr(key))) {
        values = values[pyStr(key)];
      } else if (skip) {
        values = [];
        break;
      } else {
        throw new FilterError(`could not find ${pyRepr(key)} key in iterated item ${pyRepr(values)}`);
      }
    }
    if (!Array.isArray(values)) throw new TemplateRuntimeError(`the key ${pyRepr(keys[keys.length - 1])} should point to a list, got ${pyRepr(values)}`);
    for (const x of values) out.push(tuple([item, x]));
  }
  return out;
}

function shuffle(items: unknown[]): unknown[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = randomInt(i + 1);
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function isIterable(v: unknown): boolean {
  const p = plain(v);
  return typeof p === 'string' || Array.isArray(p) || isDict(p);
}

function seedOf(seed: unknown): string | number {
  return typeof seed === 'number' ? seed : pyStr(seed);
}

/** Ansible's `random`: a seed makes it Python's seeded Random, so the pick is the same as Ansible's. */
function randomPick(v: unknown, start: unknown, step: unknown, seed: unknown): unknown {
  const rng = seed === undefined || seed === null ? undefined : new PyRandom(seedOf(seed));
  if (typeof v === 'boolean') v = Number(v);
  if (typeof v === 'number' && Number.isInteger(v)) {
    const from = start ? num(start) : 0;
    const by = step ? num(step) : 1;
    const count = Math.ceil((v - from) / by);
    if (count <= 0) throw new TemplateRuntimeError(`empty range for randrange() (${from}, ${v}, ${by})`);
    return rng ? rng.randrange(from, v, by) : from + by * randomInt(count);
  }
  if (!isIterable(v)) throw new FilterError('random can only be used on sequences and integers');
  if (truthy(start ?? false) || truthy(step ?? false)) throw new FilterError('start and step can only be used with integer values');
  const items = asList(v);
  if (items.length === 0) throw new TemplateRuntimeError('Cannot choose from an empty sequence');
  return items[rng ? rng.below(items.length) : randomInt(items.length)];
}

export const collectionFilters: Record<string, FilterFn> = {
  combinations: (v, [r]) => combinations(asList(v), num(r)),
  combine: (v, args, kw) => combine([v, ...args], kw),
  dict2items: (v, _a, kw) => Object.entries(requireType(v, isDict, 'dict2items requires a dictionary')).map(([k, x]) => ({ [String(kw.key_name ?? 'key')]: k, [String(kw.value_name ?? 'value')]: x })),
  difference: (a, [b]) => uniqueValues(asList(a).filter((x) => !asList(b).some((y) => pyEq(x, y)))),
  extract: (item, [container, morekeys]) => {
    let v = attrPath(container, item);
    for (const k of morekeys === undefined ? [] : Array.isArray(morekeys) ? morekeys : [morekeys]) v = attrPath(v, k);
    return v;
  },
  flatten: (v, [levels, skip], kw) => flatten(v, levels ?? kw.levels, skip ?? kw.skip_nulls),
  groupby: (v, [attribute]) => {
    const groups: [unknown, unknown[]][] = [];
    for (const x of sortValues(asList(v), (i) => attrPath(i, attribute), false, false)) {
      const k = attrPath(x, attribute);
      const g = groups.find(([gk]) => pyEq(gk, k));
      if (g) g[1].push(x);
      else groups.push([k, [x]]);
    }
    return groups;
  },
  intersect: (a, [b]) => uniqueValues(asList(a).filter((x) => asList(b).some((y) => pyEq(x, y)))),
  items2dict: (v, _a, kw) => {
    const key = String(kw.key_name ?? 'key');
    const value = String(kw.value_name ?? 'value');
    const items = requireType(v, Array.isArray, 'items2dict requires a list');
    return Object.fromEntries(items.map((x) => {
      if (!isDict(x)) throw new TemplateRuntimeError(`items2dict requires a list of dictionaries, got ${pyStr(items)} instead.`);
      if (!(key in x) || !(value in x)) {
        throw new TemplateRuntimeError(`items2dict requires each dictionary in the list to contain the keys '${key}' and '${value}', got ${pyStr(items)} instead.`);
      }
      return [pyStr(x[key]), x[value]];
    }));
  },
  map: mapFilter,
  permutations: (v, [r]) => { const items = asList(v); return permutations(items, r === undefined ? items.length : num(r)); },
  product: (v, args, kw) => product([v, ...args].map(asList).flatMap((l) => Array.from({ length: num(kw.repeat ?? 1) }, () => l))),
  random: (v, [start, step, seed], kw) => randomPick(v, start ?? kw.start, step ?? kw.step, seed ?? kw.seed),
  rekey_on_member: rekeyOnMember,
  reject: (v, args, _kw, ctx) => selectFilter(v, args, ctx, undefined, false),
  rejectattr: (v, [attr, ...args], _kw, ctx) => selectFilter(v, args, ctx, attr, false),
  select: (v, args, _kw, ctx) => selectFilter(v, args, ctx, undefined, true),
  selectattr: (v, [attr, ...args], _kw, ctx) => selectFilter(v, args, ctx, attr, true),
  shuffle: (v, [seed], kw) => {
    // Ansible hands back anything it cannot make a list of as it was.
    if (!isIterable(v)) return v;
    const s = seed ?? kw.seed;
    return truthy(s ?? false) ? new PyRandom(seedOf(s)).shuffle([...asList(v)]) : shuffle(asList(v));
  },
  subelements: (v, [path, skip], kw) => subelements(v, path, skip ?? kw.skip_missing),
  symmetric_difference: (a, [b]) => {
    const la = asList(a); const lb = asList(b);
    return uniqueValues([...la.filter((x) => !lb.some((y) => pyEq(x, y))), ...lb.filter((x) => !la.some((y) => pyEq(x, y)))]);
  },
  union: (a, [b]) => uniqueValues([...asList(a), ...asList(b)]),
  zip: (v, args) => zipLists([v, ...args].map(asList), false, null),
  zip_longest: (v, args, kw) => zipLists([v, ...args].map(asList), true, kw.fillvalue ?? null),
  items: (v) => Object.entries(requireDict(v, 'items')),
};
