import { createModuleContext, ContextOptions } from './context';
import { withInvocation } from './invocation';
import { pythonToReport, withDiscovered } from './python/interpreter';
import { checkArgs } from './validate';
import type { AnyModule, ModuleResult } from './types';

/**
 * Runs a module whose arguments are already templated: validates them, honours check-mode support,
 * adds the result's invocation and always removes the task's tmp dir. Exceptions other than argument
 * errors propagate: the executor reports them as MODULE FAILURE (or UNREACHABLE for connection errors).
 * `reportPython`: a native module standing for one of Ansible's Python modules reports the host's Python
 * as Ansible's first Python module on a host does (see pythonToReport).
 */
export async function runModule(mod: AnyModule, rawArgs: unknown, opts: ContextOptions, reportPython = false): Promise<ModuleResult> {
  const args = checkArgs(mod, rawArgs, { stage: 'run' });
  if (opts.check && mod.supports.checkMode === 'none') {
    return { changed: false, skipped: true, msg: `remote module (${mod.name}) does not support check mode` };
  }
  const given = rawArgs && typeof rawArgs === 'object' ? (rawArgs as Record<string, unknown>) : {};
  // The arguments as given to the module, before it could change its own copy.
  const shown = { ...args };
  const { ctx, cleanup } = createModuleContext(opts);
  try {
    const python = reportPython && !mod.source && mod.discoversPython !== false ? await pythonToReport(ctx) : undefined;
    return withDiscovered(withInvocation(mod, given, shown, await mod.run(ctx, args)), python);
  } finally {
    await cleanup();
  }
}
