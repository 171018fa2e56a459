import { COLLECTORS, MINIMAL } from './collectors';
import type { Collector } from './types';
import { fnmatchRegExp } from '../../../engine/fnmatch';

/** Every name `gather_subset` accepts (besides all/min), each mapped to its collector. */
function nameTable(): Map<string, Collector> {
  const table = new Map<string, Collector>();
  for (const c of COLLECTORS) for (const name of [c.name, ...(c.factIds ?? [])]) table.set(name, c);
  return table;
}

/**
 * The collectors a `gather_subset` list selects, in run order, as Ansible resolves it: start from the
 * minimal set, add `all` or named subsets, drop `!` exclusions unless also named, then add what the
 * chosen collectors require. Throws the message Ansible fails with on an unknown name.
 */
export function selectCollectors(gatherSubset: string[]): Collector[] {
  const table = nameTable();
  const valid = new Set(table.keys());
  const collectorNames = new Set(COLLECTORS.map((c) => c.name));
  const add = new Set<string>();
  const exclude = new Set<string>();
  const explicit = new Set<string>();
  for (const subset of ['min', ...(gatherSubset.length ? gatherSubset : ['all'])]) {
    if (subset === 'min') MINIMAL.forEach((n) => add.add(n));
    else if (subset === 'all') valid.forEach((n) => add.add(n));
    else if (subset === '!min') MINIMAL.forEach((n) => exclude.add(n));
    else if (subset === '!all') valid.forEach((n) => !MINIMAL.has(n) && exclude.add(n));
    else if (subset.startsWith('!')) {
      const name = subset.slice(1);
      // Excluding a collector excludes the fact names that would select it too.
      [name, ...(collectorNames.has(name) ? (table.get(name)!.factIds ?? []) : [])].forEach((n) => exclude.add(n));
    }
    else if (!valid.has(subset)) {
      throw new Error(`Bad subset '${subset}' given to Ansible. gather_subset options allowed: all, ${[...valid].sort().join(', ')}`);
    } else {
      explicit.add(subset);
      add.add(subset);
    }
  }
  const chosen = new Set<Collector>();
  for (const name of add) if (!exclude.has(name) || explicit.has(name)) chosen.add(table.get(name)!);
  // A Set iterates over what is added during iteration, so requirements of requirements are added too.
  for (const c of chosen) for (const name of c.requires ?? []) chosen.add(table.get(name)!);
  return COLLECTORS.filter((c) => chosen.has(c));
}


/** Keeps the facts a `filter` list matches; a pattern without the `ansible_` prefix also matches with it. */
export function filterFacts(facts: Record<string, unknown>, patterns: string[]): Record<string, unknown> {
  if (patterns.length === 0 || (patterns.length === 1 && (patterns[0] === '*' || patterns[0] === ''))) return facts;
  const tests = patterns.map((p) => {
    const plain = fnmatchRegExp(p);
    const prefixed = p && !/^(ansible_|facter|ohai)/.test(p) ? fnmatchRegExp(`ansible_${p}`) : undefined;
    return (key: string) => !p || plain.test(key) || (prefixed?.test(key) ?? false);
  });
  return Object.fromEntries(Object.entries(facts).filter(([key]) => tests.some((t) => t(key))));
}
