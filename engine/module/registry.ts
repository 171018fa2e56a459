import { builtinAliases, builtinModules } from '../../modules';
import { didYouMean } from './did-you-mean';
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
  const user = userModules.get(name) ?? userModules.get(shortName(name));
  if (user) return user;
  const short = shortName(name);
  const builtin = Object.prototype.hasOwnProperty.call(builtinAliases, short) ? builtinAliases[short] : short;
  return Object.prototype.hasOwnProperty.call(builtinModules, builtin) ? builtinModules[builtin] : undefined;
}

/** Every name a task could use for a module, for "did you mean". */
export function knownModuleNames(userModules: ReadonlyMap<string, ModuleLoader> = new Map()): string[] {
  return [...new Set([...Object.keys(builtinModules), ...Object.keys(builtinAliases), ...userModules.keys()])].sort();
}

export function suggestModule(name: string, userModules?: ReadonlyMap<string, ModuleLoader>): string | undefined {
  return didYouMean(shortName(name), knownModuleNames(userModules));
}
