import { createModuleContext, ContextOptions } from './context';
import { checkArgs } from './validate';
import type { AnyModule, ModuleResult } from './types';

/**
 * Runs a module whose arguments are already templated: validates them, honours check-mode support,
 * and always removes the task's tmp dir. Exceptions other than argument errors propagate: the executor
 * reports them as MODULE FAILURE (or UNREACHABLE for connection errors).
 */
export async function runModule(mod: AnyModule, rawArgs: unknown, opts: ContextOptions): Promise<ModuleResult> {
  const args = checkArgs(mod, rawArgs, { stage: 'run' });
  if (opts.check && mod.supports.checkMode === 'none') {
    return { changed: false, skipped: true, msg: `remote module (${mod.name}) does not support check mode` };
  }
  const { ctx, cleanup } = createModuleContext(opts);
  try {
    return await mod.run(ctx, args);
  } finally {
    await cleanup();
  }
}
