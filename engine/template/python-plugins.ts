import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { controllerPython } from '../config/controller-python';
import { TsibleError } from '../errors';
import { collectionSearch } from '../plugins/collections';
import { isCollectionPluginName } from '../plugins/fqcn';
import { UnsafeText } from '../playbook/yaml';
import { PythonBridge, PythonReply } from './python-bridge';
import { CallContext, FilterFn, LookupFn, TestFn } from './scope';
import { isDict, PyFloat, truthy, tuple, Undefined } from './values';

/**
 * The filter, test and lookup plug-ins written in Python that a playbook brings (`filter_plugins/` beside
 * it or in a role, ansible.cfg `filter_plugins`…), run by the controller's Python. tsible's own filters,
 * tests and lookups are found first; a Python plug-in serves only names tsible does not have.
 */

export type PluginKind = 'filter' | 'test' | 'lookup';

/** Variables a lookup plug-in commonly reads; the whole host's variables would be costly to send. */
const LOOKUP_VARIABLES = ['ansible_search_path', 'playbook_dir', 'role_path', 'inventory_hostname', 'role_name', 'omit'];

export class PythonPlugins {
  private readonly dirs: Record<PluginKind, string[]> = { filter: [], test: [], lookup: [] };
  /** For filters and tests: which file provides a name, for every file loaded so far. */
  private readonly provided: Record<'filter' | 'test', Map<string, string>> = { filter: new Map(), test: new Map() };
  private readonly loaded = new Set<string>();
  /** Whether ansible-core finds a collection plug-in, by kind and FQCN: asked once each. */
  private readonly inCollections = new Map<string, boolean>();
  private bridge?: PythonBridge;

  constructor(
    dirs: Partial<Record<PluginKind, string[]>> = {},
    private readonly onWarning: (message: string) => void = () => undefined,
    private readonly python = controllerPython() ?? 'python3',
  ) {
    for (const kind of ['filter', 'test', 'lookup'] as const) this.addDirs(kind, dirs[kind] ?? []);
  }

  /** Adds where a kind of plug-in is looked for (a role's `filter_plugins/` once the role is loaded). */
  addDirs(kind: PluginKind, dirs: string[]): void {
    for (const d of dirs) if (!this.dirs[kind].includes(d)) this.dirs[kind].push(d);
  }

  filter(name: string): FilterFn | undefined {
    if (isCollectionPluginName(name)) {
      if (!this.hasCollectionPlugin('filter', name)) return undefined;
      return (value, args, kwargs) => this.value(this.ask({ op: 'call', kind: 'filter', name, playbook_dirs: playbookDirs(), input: value, args, kwargs }), 'filter', name, name);
    }
    const path = this.find('filter', name);
    if (!path) return undefined;
    return (value, args, kwargs) => this.value(this.ask({ op: 'call', kind: 'filter', path, name, input: value, args, kwargs }), 'filter', name, path);
  }

  test(name: string): TestFn | undefined {
    if (isCollectionPluginName(name)) {
      if (!this.hasCollectionPlugin('test', name)) return undefined;
      return (value, args, kwargs) => truthy(this.value(this.ask({ op: 'call', kind: 'test', name, playbook_dirs: playbookDirs(), input: value, args, kwargs }), 'test', name, name));
    }
    const path = this.find('test', name);
    if (!path) return undefined;
    return (value, args, kwargs) => truthy(this.value(this.ask({ op: 'call', kind: 'test', path, name, input: value, args, kwargs }), 'test', name, path));
  }

  lookup(name: string): LookupFn | undefined {
    const fromCollection = isCollectionPluginName(name);
    const path = fromCollection ? (this.hasCollectionPlugin('lookup', name) ? name : undefined) : this.dirs.lookup.map((d) => join(d, `${name}.py`)).find((p) => existsSync(p));
    if (!path) return undefined;
    return (terms: unknown[], kwargs: Record<string, unknown>, ctx: CallContext) => {
      const variables: Record<string, unknown> = {};
      for (const v of LOOKUP_VARIABLES) {
        const found = ctx.variable(v);
        if (found.found) variables[v] = found.value;
      }
      const request = { op: 'lookup', dirs: this.dirs.lookup, name, terms, variables, kwargs, ...(fromCollection ? { playbook_dirs: playbookDirs() } : {}) };
      const value = this.value(this.ask(request), 'lookup', name, path);
      // A dict stays a dict (see runLookup); anything else not a list is one item.
      return Array.isArray(value) || isDict(value) ? (value as unknown[]) : [value];
    };
  }

  /** A collection plug-in is found by ansible-core's own loader, which follows its runtime.yml routing. */
  private hasCollectionPlugin(kind: PluginKind, name: string): boolean {
    const key = `${kind}:${name}`;
    const known = this.inCollections.get(key);
    if (known !== undefined) return known;
    const reply = this.ask({ op: 'has', kind, name, playbook_dirs: playbookDirs() });
    if (reply.error) throw new TsibleError(`could not look for the ${kind} plugin ${name} in the collections (it needs ansible-core on the controller): ${reply.error.type}: ${reply.error.message}`);
    this.inCollections.set(key, reply.value === true);
    return reply.value === true;
  }

  close(): void {
    this.bridge?.close();
  }

  /** The file providing a filter or test, loading each plug-in file of that kind once, in search order. */
  private find(kind: 'filter' | 'test', name: string): string | undefined {
    const known = this.provided[kind];
    if (known.has(name)) return known.get(name);
    for (const dir of this.dirs[kind]) {
      for (const file of pluginFiles(dir)) {
        const path = join(dir, file);
        if (this.loaded.has(`${kind}:${path}`)) continue;
        this.loaded.add(`${kind}:${path}`);
        const names = this.ask({ op: 'load', kind, path });
        if (names.error?.type === 'PythonHostError') throw new TsibleError(`could not load the ${kind} plugin ${path}: ${names.error.message}`);
        // As Ansible does, a file that does not import is skipped with a warning and the search goes on.
        if (names.error) this.onWarning(`Skipping plugin (${path}) as it seems to be invalid: ${names.error.message}`);
        for (const n of (names.value ?? []) as string[]) if (!known.has(n)) known.set(n, path);
        if (known.has(name)) return known.get(name);
      }
    }
    return undefined;
  }

  private ask(request: Record<string, unknown>): PythonReply {
    this.bridge ??= new PythonBridge(this.python);
    const reply = this.bridge.call(JSON.stringify(request, toJson)) as PythonReply & { warnings?: unknown };
    if (Array.isArray(reply.warnings)) for (const w of reply.warnings) this.onWarning(String(w));
    return reply;
  }

  private value(reply: PythonReply, kind: PluginKind, name: string, path: string): unknown {
    if (!reply.error) return revive(reply.value);
    if (reply.error.type === 'PythonHostError') throw new TsibleError(`the ${kind} plugin ${name} (${path}) could not run: ${reply.error.message}`);
    // As Ansible words an exception escaping a plug-in (AnsibleFilterError & co. give their own message).
    throw new TsibleError(reply.error.type.startsWith('Ansible') ? reply.error.message : `Unexpected templating type error occurred on (${name}): ${reply.error.message}`);
  }
}

function pluginFiles(dir: string): string[] {
  try {
    return readdirSync(dir).filter((f) => f.endsWith('.py') && !f.startsWith('_')).sort();
  } catch {
    return [];
  }
}

/** Tuples come back tagged by the Python side. */
function revive(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(revive);
  if (!isDict(v)) return v;
  const tagged = (v as Record<string, unknown>).__tuple__;
  if (Array.isArray(tagged) && Object.keys(v).length === 1) return tuple(tagged.map(revive));
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, revive(x)]));
}

function toJson(this: unknown, _key: string, v: unknown): unknown {
  if (v instanceof UnsafeText) return v.text;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof Undefined) return null;
  return v;
}

function playbookDirs(): string[] {
  return collectionSearch().playbookDirs();
}
