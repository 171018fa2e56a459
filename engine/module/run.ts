import { createModuleContext, ContextOptions } from './context';
import { withInvocation } from './invocation';
import { checkArgs } from './validate';
import type { AnyModule, ModuleResult } from './types';

/**
 * Runs a module whose arguments are already templated: validates them, honours check-mode support,
 * adds the result's invocation and always removes the task's tmp dir. Exceptions other than argument
 * errors propagate: the executor reports them as MODULE FAILURE (or UNREACHABLE for connection errors).
 */
export async function runModule(mod: AnyModule, rawArgs: unknown, opts: ContextOptions): Promise<ModuleResult> {
  const args = checkArgs(mod, rawArgs, { stage: 'run' });
  if (opts.check && mod.supports.checkMode === 'none') {
    return { changed: false, skipped: true, msg: `remote module (${mod.name}) does not support check mode` };
  }
  const given = rawArgs && typeof rawArgs === 'object' ? (rawArgs as Record<string, unknown>) : {};
  // The arguments as given to the module, before it could change its own copy.
  const shown = { ...args };
  const { ctx, cleanup } = createModuleContext(opts);
  try {
    return withInvocation(mod, given, shown, await mod.run(ctx, args));
  } finally {
    await cleanup();
  }
}
