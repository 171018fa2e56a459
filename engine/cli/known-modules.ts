import { existsSync, readdirSync } from 'fs';
import { dirname, join } from 'path';
import { findModule, knownModuleNames } from '../module/registry';
import { discoverUserModules } from '../module/user-modules';
import { LoadOptions } from '../playbook/context';
import { resolveModule } from '../plugins/modules';
import { actionPluginDirs, ActionPlugins, isNativeAction } from '../plugins/actions';

/**
 * What the loader needs to resolve each task's module before anything runs: the built-ins, users'
 * modules wherever Ansible would find them — -M, ansible.cfg's library, `library/` beside each playbook,
 * and `library/` inside any role on the role search path — and the collections, with their routing.
 * An action a Python action plug-in provides without a module (action_plugins/, a collection's
 * plugins/action/) is known too. A deprecated name is told once to `onDeprecation`, as Ansible tells it while loading.
 */
export function moduleChecks(
  playbooks: string[],
  modulePath: string[],
  library: string[],
  rolesPath: string[],
  onDeprecation?: (message: string) => void,
  actionPluginPaths: string[] = [],
): Pick<LoadOptions, 'isKnownModule' | 'moduleNames' | 'resolveModule'> {
  const roleDirs = [...playbooks.map((p) => join(dirname(p), 'roles')), ...rolesPath];
  const roleLibraries = roleDirs.flatMap(listRoles).map((r) => join(r, 'library'));
  const user = discoverUserModules([...modulePath, ...playbooks.map((p) => join(dirname(p), 'library')), ...library, ...roleLibraries]);
  const actions = new ActionPlugins(actionPluginDirs(playbooks.map((p) => dirname(p)), roleDirs.flatMap(listRoles), actionPluginPaths), isNativeAction);
  const told = new Set<string>();
  const deprecation = onDeprecation && ((message: string) => {
    if (!told.has(message)) onDeprecation(message);
    told.add(message);
  });
  return {
    isKnownModule: (name) => findModule(name, user) !== undefined || actions.resolve(name) !== undefined,
    moduleNames: () => knownModuleNames(user),
    resolveModule: (name, collections) => resolveModule(name, collections, user, deprecation)?.name ?? actions.resolve(name, collections)?.name,
  };
}

function listRoles(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir).map((r) => join(dir, r)) : [];
}
