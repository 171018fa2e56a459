import { randomInt } from 'crypto';
import { TsibleError } from '../../errors';
import { fnmatchRegExp, hasWildcard } from '../../fnmatch';
import { pyStr } from '../python';
import { CallContext, LookupFn } from '../scope';
import { isCollectionPluginName } from '../../plugins/fqcn';
import { isDict, typeName } from '../values';
import { UnsafeText } from '../../playbook/yaml';
import { NativeJinjaText } from '../native-text';
import { dataLookups } from './data';
import { fileLookups } from './files';
import { iniLookup } from './ini';
import { passwordLookup } from './password';
import { sequenceLookup } from './sequence';
import { subelementsLookup } from './subelements';
import { LookupFailure } from './lookup-failure';

/** Lookup plugins by name (`lookup('x', …)`, `query('x', …)`), in alphabetical order. */

function varsLookup(terms: unknown[], kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  return terms.map((t) => {
    if (typeof t !== 'string' && !(t instanceof UnsafeText)) throw new TsibleError(`Invalid setting identifier, "${pyStr(t)}" is not a string, its a <class '${typeName(t)}'>`, { origin: ctx.opts.origin });
    const v = ctx.variable(pyStr(t));
    if (v.found) return v.value;
    if (kw.default !== undefined) return kw.default;
    throw new LookupFailure(`No variable found with this name: ${pyStr(t)}`, { origin: ctx.opts.origin });
  });
}

function nested(terms: unknown[]): unknown[] {
  const lists = terms.map((t) => (Array.isArray(t) ? t : [t]));
  return lists.reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]);
}

/** Hosts matching a simple pattern (`a:b`, `a:&b`, `a:!b`, shell wildcards `*?[]`), from the `groups` variable. */
function inventoryHostnames(terms: unknown[], _kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  const groups = ctx.variable('groups').value;
  if (!isDict(groups)) throw new TsibleError('inventory_hostnames needs the `groups` variable', { origin: ctx.opts.origin });
  const all = (groups.all as string[] | undefined) ?? [];
  const match = (name: string): string[] => {
    if (name === 'all' || name === '*') return all;
    if (Array.isArray(groups[name])) return groups[name] as string[];
    if (hasWildcard(name)) {
      const re = fnmatchRegExp(name);
      return all.filter((h) => re.test(h));
    }
    return all.includes(name) ? [name] : [];
  };
  let hosts: string[] = [];
  for (const part of terms.map(pyStr).join(':').split(/[:,]/).filter(Boolean)) {
    if (part.startsWith('&')) hosts = hosts.filter((h) => match(part.slice(1)).includes(h));
    else if (part.startsWith('!')) hosts = hosts.filter((h) => !match(part.slice(1)).includes(h));
    else hosts = [...hosts, ...match(part).filter((h) => !hosts.includes(h))];
  }
  return hosts;
}

export const LOOKUPS: Record<string, LookupFn> = {
  cartesian: (terms, _kw, ctx) => ctx.filter('product', terms[0], terms.slice(1)) as unknown[],
  ...dataLookups,
  dict: (terms, _kw, ctx) =>
    terms.flatMap((t) => {
      if (!isDict(t)) throw new TsibleError('with_dict expects a dict', { origin: ctx.opts.origin });
      return Object.entries(t).map(([key, value]) => ({ key, value }));
    }),
  ...fileLookups,
  flattened: (terms, _kw, ctx) => ctx.filter('flatten', terms) as unknown[],
  ini: iniLookup,
  indexed_items: (terms) => terms.flat().map((x, i) => [i, x]),
  inventory_hostnames: inventoryHostnames,
  items: (terms) => terms.flatMap((t) => (Array.isArray(t) ? t : [t])),
  list: (terms) => terms,
  nested,
  password: passwordLookup,
  random_choice: (terms) => (terms.length ? [terms[randomInt(terms.length)]] : []),
  sequence: sequenceLookup,
  subelements: subelementsLookup,
  together: (terms, _kw, ctx) => {
    if (terms.length === 0) throw new TsibleError('with_together requires at least one element in each list', { origin: ctx.opts.origin });
    const lists = terms.map((t) => (Array.isArray(t) ? t : [t]));
    const n = Math.max(0, ...lists.map((l) => l.length));
    return Array.from({ length: n }, (_, i) => lists.map((l) => (i < l.length ? l[i] : null)));
  },
  vars: varsLookup,
};

/** Runs a lookup as `lookup()` (joined with commas unless `wantlist`) or `query()` (always a list). */
export function runLookup(name: string, terms: unknown[], kwargs: Record<string, unknown>, ctx: CallContext, wantlist: boolean): unknown {
  const short = name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
  const fn = (isCollectionPluginName(name) ? ctx.plugins?.lookup(name) : undefined) ?? LOOKUPS[short] ?? ctx.plugins?.lookup(short);
  if (!fn) throw new LookupFailure(`lookup plugin (${name}) not found`, { origin: ctx.opts.origin });
  const { wantlist: wl, errors, allow_unsafe: allowUnsafe, ...rest } = kwargs;
  let result: unknown[];
  // A Python lookup plug-in may return a dict: query() gives it as it is, lookup() joins its keys, as Ansible does.
  let items: unknown[];
  try {
    result = fn(terms, rest, ctx);
    items = Array.isArray(result) ? result : Object.keys(result);
    // What a lookup returns is data (a file, a command's output, another host's text), never a template.
    if (items.length && allowUnsafe !== true) ctx.taint();
  } catch (e) {
    if (errors === 'ignore' || errors === 'warn') return wantlist || wl ? [] : null;
    throw e;
  }
  if (wantlist || (wl !== undefined && wl !== false)) return result;
  // Text of any kind joins; text kept as text (the template lookup's) stays so once joined, as in Ansible.
  if (items.length && items.every((r) => typeof r === 'string' || r instanceof UnsafeText)) {
    const joined = items.map(String).join(',');
    return items[0] instanceof NativeJinjaText ? new NativeJinjaText(joined) : joined;
  }
  return items.length === 1 && items === result ? result[0] : result;
}
