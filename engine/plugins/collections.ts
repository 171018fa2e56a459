import { spawnSync } from 'child_process';
import { existsSync, statSync } from 'fs';
import { homedir } from 'os';
import { basename, dirname, join } from 'path';
import { controllerPython } from '../config/controller-python';
import { Config } from '../config/types';

/** What decides where collections are found. */
export interface CollectionSearchInput {
  /** ansible.cfg collections_path(s) / ANSIBLE_COLLECTIONS_PATH(S), or Ansible's default when unset. */
  configured: string[];
  /** Each playbook's directory: its `collections/` is searched before anything else, as ansible-playbook does. */
  playbookDirs: string[];
  /** collections_scan_sys_path: also the controller Python's import path (Debian's `ansible` package lives there). */
  scanSysPath: boolean;
  /** The controller's Python; its sys.path is read once, only when a collection is first looked for. */
  python?: string | null;
}

/** The controller Python's view: its import path and the ansible-core package on it, read with one spawn. */
export interface PythonPaths {
  sysPath: string[];
  /** lib/ansible of the ansible-core the controller's Python imports, if any. */
  ansiblePackage?: string;
}

/** Ansible's default when neither ansible.cfg nor the environment names collection paths. */
export function defaultCollectionsPath(home = homedir()): string[] {
  return [join(home, '.ansible', 'collections'), '/usr/share/ansible/collections'];
}

/**
 * Where collections are found, in Ansible's order (its collection finder's): `collections/` beside each
 * playbook, the configured paths, then the controller Python's import path. A root is a directory holding
 * `ansible_collections/`; a configured path naming `ansible_collections` itself means its parent, and
 * roots without `ansible_collections/` are dropped, as Ansible drops them.
 */
export class CollectionSearch {
  private cachedRoots?: string[];
  private cachedPython?: PythonPaths;
  private readonly dirs = new Map<string, string | undefined>();

  constructor(private readonly input: CollectionSearchInput, private readonly readPython: (python: string | null) => PythonPaths = pythonPaths) {}

  roots(): string[] {
    if (this.cachedRoots) return this.cachedRoots;
    const playbook = this.input.playbookDirs.map((d) => join(d, 'collections'));
    const rest = [...this.input.configured, ...(this.input.scanSysPath ? this.python().sysPath : [])];
    const roots: string[] = [];
    for (const path of [...playbook, ...rest]) {
      const root = basename(path) === 'ansible_collections' ? dirname(path) : path;
      if (!roots.includes(root) && isDir(join(root, 'ansible_collections'))) roots.push(root);
    }
    this.cachedRoots = roots;
    return roots;
  }

  /** The directory of collection `ns.coll`: the first root that has it wins, as in Python's import. */
  collectionDir(collection: string): string | undefined {
    if (this.dirs.has(collection)) return this.dirs.get(collection);
    const [ns, coll, ...more] = collection.split('.');
    const found = more.length || !ns || !coll ? undefined : this.roots().map((r) => join(r, 'ansible_collections', ns, coll)).find(isDir);
    this.dirs.set(collection, found);
    return found;
  }

  /** The playbooks' directories, whose collections/ come first (for ansible-core's own loader). */
  playbookDirs(): string[] {
    return [...this.input.playbookDirs];
  }

  /** ansible-core's package directory (lib/ansible), for its builtin modules and their routing. */
  ansiblePackage(): string | undefined {
    return this.python().ansiblePackage;
  }

  private python(): PythonPaths {
    this.cachedPython ??= this.readPython(this.input.python === undefined ? controllerPython() : this.input.python);
    return this.cachedPython;
  }
}

/** The controller Python's sys.path, without importing ansible (which takes a second). */
export function pythonPaths(python: string | null): PythonPaths {
  if (!python) return { sysPath: [] };
  const run = spawnSync(python, ['-c', 'import json, sys; print(json.dumps(sys.path))'], { encoding: 'utf8', timeout: 30_000 });
  let sysPath: string[] = [];
  try {
    const parsed: unknown = JSON.parse(run.stdout);
    if (Array.isArray(parsed)) sysPath = parsed.filter((p): p is string => typeof p === 'string' && p !== '');
  } catch {
    // No usable Python: collections are then searched only in the configured paths.
  }
  const ansiblePackage = sysPath.map((p) => join(p, 'ansible')).find((p) => existsSync(join(p, '__init__.py')) && existsSync(join(p, 'modules')));
  return { sysPath, ansiblePackage };
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

let current: CollectionSearch | undefined;

/**
 * The run's collection search, set once by the command from its config and playbooks; the module
 * registry, connection and template plug-ins share it. Until then only the defaults are searched.
 */
export function collectionSearch(): CollectionSearch {
  current ??= new CollectionSearch({ configured: defaultCollectionsPath(), playbookDirs: [], scanSysPath: true });
  return current;
}

export function setCollectionSearch(search: CollectionSearch): void {
  current = search;
}

/** The search a run of these playbooks does under this config. */
export function collectionSearchFor(config: Config, playbookDirs: string[]): CollectionSearch {
  const { collections_path: configured, collections_scan_sys_path: scanSysPath } = config.defaults;
  return new CollectionSearch({ configured: configured ?? defaultCollectionsPath(), playbookDirs: [...new Set(playbookDirs)], scanSysPath: scanSysPath ?? true });
}
