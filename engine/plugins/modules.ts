import { loadPythonModule } from '../module/python/python-module';
import { findModule, ModuleLoader } from '../module/registry';
import { INTERNAL_ACTIONS } from '../playbook/action';
import { collectionSearch } from './collections';
import { isCollectionPluginName, LegacySources, resolvePlugin, ResolvedPlugin, withLegacy } from './fqcn';

/**
 * Module names as Ansible's module loader reads them, over tsible's registry: `ansible.legacy` is the
 * library directories then the builtins, `ansible.builtin` the builtins alone (tsible's own module or
 * action first, then ansible-core's Python module).
 */
export function moduleSources(userModules: ReadonlyMap<string, ModuleLoader>): LegacySources {
  return {
    legacy: (short) => INTERNAL_ACTIONS.has(short) || findModule(short, userModules) !== undefined,
    builtin: (short) => INTERNAL_ACTIONS.has(short) || findModule(short) !== undefined,
  };
}

/**
 * The module a task's action names, given the `collections:` search list in force there (play, role,
 * block or task). Throws for a tombstoned name or a broken redirect; undefined when nothing has it.
 */
export function resolveModule(
  name: string,
  collections: readonly string[],
  userModules: ReadonlyMap<string, ModuleLoader>,
  onDeprecation?: (message: string) => void,
): ResolvedPlugin | undefined {
  return resolvePlugin('modules', name, withLegacy(collections), { sources: moduleSources(userModules), onDeprecation });
}

/**
 * A collection's module by FQCN, for the registry: its Python file runs on the host, packaged with the
 * collection's module_utils. A redirect to a builtin gives the builtin (tsible's own where it has one).
 * Loading fails with Ansible's message for a removed (tombstoned) module.
 */
export function findCollectionModule(name: string, userModules: ReadonlyMap<string, ModuleLoader>): ModuleLoader | undefined {
  if (!isCollectionPluginName(name)) return undefined;
  let resolved: ResolvedPlugin | undefined;
  try {
    resolved = resolveModule(name, [], userModules);
  } catch (err) {
    return () => Promise.reject(err);
  }
  if (!resolved) return undefined;
  const { file, name: runs } = resolved;
  if (!file) return findModule(runs, userModules);
  return async () => loadPythonModule(file, runs, { importRoots: collectionSearch().roots() });
}
