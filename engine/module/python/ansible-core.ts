import { execFileSync } from 'child_process';
import { existsSync } from 'fs';
import { join } from 'path';
import { controllerPython } from '../../config/controller-python';

/** The controller's ansible-core: where its package is and its version. */
export interface AnsibleCore {
  python: string;
  dir: string;
  version: string;
}

const FIND_CORE = 'import os, ansible.release as r; print(os.path.dirname(r.__file__)); print(r.__version__)';

let found: AnsibleCore | null | undefined;

/**
 * The ansible-core the controller's python3 imports, asked once per process: its modules are the ones a
 * task may name without tsible having them, and its module_utils go into every package.
 */
export function controllerAnsible(): AnsibleCore | null {
  if (found !== undefined) return found;
  const python = controllerPython();
  found = null;
  if (!python) return found;
  try {
    const [dir, version] = execFileSync(python, ['-c', FIND_CORE], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim().split('\n');
    if (dir && version) found = { python, dir, version };
  } catch {
    // No ansible-core there: only the modules tsible has, and library modules' packaging fails clearly.
  }
  return found;
}

/** ansible-core's own file for a module name (`getent` → …/ansible/modules/getent.py), if it has one. */
export function coreModuleFile(name: string): string | undefined {
  const core = controllerAnsible();
  if (!core || !/^[a-z_][a-z0-9_]*$/i.test(name)) return undefined;
  const file = join(core.dir, 'modules', `${name}.py`);
  return existsSync(file) ? file : undefined;
}

/** ansible-core's action plug-in of that name, which runs on the controller before (or instead of) its module. */
export function coreActionPlugin(name: string): string | undefined {
  const core = controllerAnsible();
  if (!core || !/^[a-z_][a-z0-9_]*$/i.test(name)) return undefined;
  const file = join(core.dir, 'plugins', 'action', `${name}.py`);
  return existsSync(file) ? file : undefined;
}

/** What a user reads when a Python module cannot be packaged because the controller has no ansible-core. */
export function noAnsibleCoreMessage(module: string): string {
  return (
    `module '${module}' is a Python module and needs ansible-core on the controller to be packaged: ` +
    `'${controllerPython() ?? 'python3'} -c "import ansible"' fails. Install it (pip install ansible-core, or apt install ansible-core)`
  );
}
