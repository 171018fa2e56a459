import { existsSync, readdirSync } from 'fs';
import { join } from 'path';
import { Config } from '../config/types';
import { PythonPlugins } from '../template/python-plugins';

/**
 * Where a run finds Python filter, test and lookup plug-ins, in Ansible's order: `filter_plugins/` (and the
 * others) beside each playbook and inside the roles on the role search path, then ansible.cfg's paths.
 * Ansible adds a role's directory only once the role is loaded; a role that is never used adds names no
 * playbook asks for, so all of them are searched.
 */
export function playbookPythonPlugins(playbookDirs: string[], config: Config, onWarning?: (message: string) => void): PythonPlugins {
  const roleDirs = [...playbookDirs.map((d) => join(d, 'roles')), ...config.defaults.roles_path];
  const roles = roleDirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).map((r) => join(dir, r)) : []));
  const dirs = (sub: string, configured: string[] = []) => [...playbookDirs.map((d) => join(d, sub)), ...roles.map((r) => join(r, sub)), ...configured].filter((d) => existsSync(d));
  return new PythonPlugins({
    filter: dirs('filter_plugins', config.defaults.filter_plugins),
    test: dirs('test_plugins', config.defaults.test_plugins),
    lookup: dirs('lookup_plugins', config.defaults.lookup_plugins),
  }, onWarning);
}
