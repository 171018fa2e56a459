import { existsSync, readdirSync } from 'fs';
import { dirname, join } from 'path';
import { findModule, knownModuleNames } from '../module/registry';
import { discoverUserModules } from '../module/user-modules';
import { LoadOptions } from '../playbook/context';

/**
 * What the loader needs to refuse a misspelt module before anything runs: the built-ins, plus users'
 * modules wherever Ansible would find them — -M, ansible.cfg's library, `library/` beside each playbook,
 * and `library/` inside any role on the role search path.
 */
export function moduleChecks(playbooks: string[], modulePath: string[], library: string[], rolesPath: string[]): Pick<LoadOptions, 'isKnownModule' | 'moduleNames'> {
  const roleDirs = [...playbooks.map((p) => join(dirname(p), 'roles')), ...rolesPath];
  const roleLibraries = roleDirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).map((r) => join(dir, r, 'library')) : []));
  const user = discoverUserModules([...modulePath, ...playbooks.map((p) => join(dirname(p), 'library')), ...library, ...roleLibraries]);
  return {
    isKnownModule: (name) => findModule(name, user) !== undefined,
    moduleNames: () => knownModuleNames(user),
  };
}
