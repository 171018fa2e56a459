import { builtinAliases, builtinModules } from '../../modules';
import { didYouMean } from './did-you-mean';
import { coreModuleFile } from './python/ansible-core';
import { loadPythonModule } from './python/python-module';
import { findCollectionModule } from '../plugins/modules';
import type { AnyModule } from './types';

/** Loads a module definition on demand; user modules and built-ins are both held this way. */
export type ModuleLoader = () => Promise<AnyModule>;

const FQCN_PREFIXES = ['ansible.builtin.', 'ansible.legacy.'];

/** The short name for an Ansible-qualified name (`ansible.builtin.copy` → `copy`); other names unchanged. */
export function shortName(name: string): string {
  const prefix = FQCN_PREFIXES.find((p) => name.startsWith(p));
  return prefix ? name.slice(prefix.length) : name;
}

/**
 * Finds the module a task names. User modules (from library dirs) win over built-ins with the same name,
 * as in Ansible. Returns undefined for unknown names; `suggestModule` then offers a correction.
 */
export function findModule(name: string, userModules: ReadonlyMap<string, ModuleLoader> = new Map()): ModuleLoader | undefined {
  return findLibraryModule(name, userModules) ?? findBuiltinModule(shortName(name)) ?? findCollectionModule(name, userModules);
}

/** A module of the library directories (-M, ansible.cfg's library, `library/` beside the playbook or in a role). */
export function findLibraryModule(name: string, userModules: ReadonlyMap<string, ModuleLoader>): ModuleLoader | undefined {
  return userModules.get(name) ?? userModules.get(shortName(name));
}

/**
 * An ansible.builtin module by short name: tsible's native one, else ansible-core's Python module on the
 * controller, which runs on the host as Ansible runs it (through ansible-core's action plug-in of that
 * name when there is one: see engine/plugins/actions.ts).
 */
export function findBuiltinModule(short: string): ModuleLoader | undefined {
  const builtin = Object.prototype.hasOwnProperty.call(builtinAliases, short) ? builtinAliases[short] : short;
  if (Object.prototype.hasOwnProperty.call(builtinModules, builtin)) return builtinModules[builtin];
  const file = coreModuleFile(short);
  if (!file) return undefined;
  return async () => loadPythonModule(file, short);
}

/** Every name a task could use for a module, for "did you mean". */
export function knownModuleNames(userModules: ReadonlyMap<string, ModuleLoader> = new Map()): string[] {
  return [...new Set([...Object.keys(builtinModules), ...Object.keys(builtinAliases), ...userModules.keys()])].sort();
}

export function suggestModule(name: string, userModules?: ReadonlyMap<string, ModuleLoader>): string | undefined {
  return didYouMean(shortName(name), knownModuleNames(userModules));
}
