import { existsSync } from 'fs';
import { delimiter, join } from 'path';

/**
 * The controller's Python, for playbooks that run helpers with it and for their Python plug-ins: the
 * system's python3 first (where a distribution's Ansible runs, so `import ansible` works), then python3 on PATH.
 */
export function controllerPython(env: NodeJS.ProcessEnv = process.env): string | null {
  for (const dir of ['/usr/bin', ...(env.PATH ?? '').split(delimiter)]) {
    const candidate = join(dir, 'python3');
    if (dir && existsSync(candidate)) return candidate;
  }
  return null;
}
