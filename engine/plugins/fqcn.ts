import { readdirSync, statSync } from 'fs';
import { join } from 'path';
import { TsibleError } from '../errors';
import { collectionSearch, CollectionSearch } from './collections';
import { builtinRuntimeFile, collectionRuntimeFile, deprecationMessage, PluginType, routingEntry } from './runtime-routing';

/** Where names that are not in a collection are found; the module registry answers for modules. */
export interface LegacySources {
  /** ansible.legacy: library paths (-M, ansible.cfg, beside the playbook, roles), then the builtins. */
  legacy(short: string): boolean;
  /** ansible.builtin: tsible's own module or action, or one of ansible-core's. */
  builtin(short: string): boolean;
}

export interface ResolvedPlugin {
  /** What runs: the short name for a builtin or library plug-in, else the FQCN the routing ended at. */
  name: string;
  /** The collection's file, for a collection plug-in. */
  file?: string;
}

export interface ResolveOptions {
  sources: LegacySources;
  search?: CollectionSearch;
  /** A deprecated name (runtime.yml `deprecation`), in Ansible's words. */
  onDeprecation?: (message: string) => void;
}

/** A collection's subdirectory holding each plug-in type. */
const PLUGIN_DIRS: Record<PluginType, string> = { modules: 'modules', action: 'action', filter: 'filter', test: 'test', lookup: 'lookup', connection: 'connection' };

/** Files Ansible's loader never takes as a plug-in when matching `name.*`. */
const IGNORED = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.yaml', '.yml', '.ini'];

const IDENTIFIER = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** `ns.coll.name` or `ns.coll.sub.dirs.name`: a name Ansible looks for in a collection. */
export function isFqcn(name: string): boolean {
  const parts = name.split('.');
  return parts.length >= 3 && parts.every((p) => IDENTIFIER.test(p));
}

/** `ns.coll.name` outside ansible.builtin and ansible.legacy: Ansible looks for it in that collection only. */
export function isCollectionPluginName(name: string): boolean {
  return isFqcn(name) && !/^ansible\.(builtin|legacy)\./.test(name);
}

/**
 * A collection search list as Ansible completes it: once any collection is named, the builtins stay
 * reachable through ansible.legacy (library modules first) unless the list names them itself.
 */
export function withLegacy(collections: readonly string[]): string[] {
  if (collections.length === 0 || collections.includes('ansible.builtin') || collections.includes('ansible.legacy')) return [...collections];
  return [...collections, 'ansible.legacy'];
}

type Step = ResolvedPlugin | { redirect: string } | undefined;

/**
 * Finds the plug-in a name means, as Ansible's plug-in loader does: a short name through the collection
 * search list (the `collections:` keyword), else as a library or builtin name; an FQCN in its collection,
 * following meta/runtime.yml redirects (to other collections or back to builtins), warning of
 * deprecations and failing on tombstones. Undefined when nothing provides it.
 */
export function resolvePlugin(type: PluginType, name: string, collections: readonly string[], opts: ResolveOptions): ResolvedPlugin | undefined {
  const seen: string[] = [];
  let current = name;
  for (;;) {
    seen.push(current);
    const step = resolveStep(type, current, collections, opts);
    if (!step || !('redirect' in step)) return step;
    if (seen.includes(step.redirect)) throw new TsibleError(`plugin redirect loop resolving ${name} (path: [${[...seen, step.redirect].map((s) => `'${s}'`).join(', ')}])`);
    current = step.redirect;
  }
}

function resolveStep(type: PluginType, name: string, collections: readonly string[], opts: ResolveOptions): Step {
  if (!isFqcn(name) && collections.length === 0) return legacy(type, name, opts);
  const candidates = name.includes('.') || collections.length === 0 ? [name] : collections.map((c) => `${c}.${name}`);
  for (const candidate of candidates) {
    const step = candidate.startsWith('ansible.legacy.') ? legacy(type, name.replace(/^ansible\.legacy\./, ''), opts) : qualified(type, candidate, opts);
    if (step) return step;
  }
  return undefined;
}

/** A library or builtin name; one not found may still be an old builtin that ansible-core routes elsewhere. */
function legacy(type: PluginType, short: string, opts: ResolveOptions): Step {
  if (opts.sources.legacy(short)) return { name: short };
  return short.includes('.') ? undefined : qualified(type, `ansible.builtin.${short}`, opts);
}

function qualified(type: PluginType, fqcn: string, opts: ResolveOptions): Step {
  if (!isFqcn(fqcn)) return undefined;
  const search = opts.search ?? collectionSearch();
  const [ns, coll, ...rest] = fqcn.split('.');
  const collection = `${ns}.${coll}`;
  const resource = rest.join('.');
  if (collection === 'ansible.builtin') {
    // tsible's own module wins for a builtin name, before any routing ansible-core has for it.
    if (rest.length === 1 && opts.sources.builtin(resource)) return { name: resource };
    const pkg = search.ansiblePackage();
    return pkg ? routed(type, fqcn, collection, builtinRuntimeFile(pkg), resource, opts) : undefined;
  }
  const dir = search.collectionDir(collection);
  if (!dir) return undefined;
  const step = routed(type, fqcn, collection, collectionRuntimeFile(dir), resource, opts);
  if (step) return step;
  const file = pluginFile(join(dir, 'plugins', PLUGIN_DIRS[type], ...rest.slice(0, -1)), rest[rest.length - 1]);
  return file ? { name: fqcn, file } : undefined;
}

/** What runtime.yml routing does with a name: nothing (undefined), a redirect, or a tombstone's error. */
function routed(type: PluginType, fqcn: string, collection: string, runtimeFile: string, resource: string, opts: ResolveOptions): Step {
  const entry = routingEntry(runtimeFile, type, resource);
  if (!entry) return undefined;
  if (entry.deprecation) {
    const text = entry.deprecation.warning_text;
    opts.onDeprecation?.(deprecationMessage(`${fqcn} has been deprecated.${text ? ` ${text}` : ''}`, entry.deprecation, collection, false));
  }
  if (entry.tombstone) {
    const text = entry.tombstone.warning_text;
    throw new TsibleError(deprecationMessage(`${fqcn} has been removed.${text ? ` ${text}` : ''}`, entry.tombstone, collection, true));
  }
  if (entry.redirect === undefined) return undefined;
  // Ansible refuses a short redirect target: what it meant would depend on the collections keyword.
  if (!isFqcn(entry.redirect)) throw new TsibleError(`Collection ${collection} contains invalid redirect for ${fqcn}: ${entry.redirect}. Redirects must use fully qualified collection names.`);
  return { redirect: entry.redirect };
}

/** `name` exactly, else the first `name.*` in sorted order, as Ansible matches a plug-in's file. */
function pluginFile(dir: string, name: string): string | undefined {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return undefined;
  }
  const exact = entries.includes(name) && isFile(join(dir, name));
  if (exact) return join(dir, name);
  const match = entries
    .filter((e) => e.startsWith(`${name}.`) && !IGNORED.some((x) => e.endsWith(x)) && isFile(join(dir, e)))
    .sort()[0];
  return match === undefined ? undefined : join(dir, match);
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
