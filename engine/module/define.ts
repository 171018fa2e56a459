import type { ModuleDefinition, ModuleResult } from './types';

/**
 * Declares a module. The identity function at runtime; its value is the typing: `schema` must match
 * `Args` (ajv's JSONSchemaType), and `run` receives `Args` already validated, coerced and defaulted.
 */
export function defineModule<Args>(def: ModuleDefinition<Args>): ModuleDefinition<Args> {
  return def;
}

type Extra = Omit<Partial<ModuleResult>, 'changed' | 'failed'>;

/** Nothing needed doing. */
export function ok(extra: Extra = {}): ModuleResult {
  return { ...extra, changed: false };
}

/** Something was (or in check mode would have been) changed. */
export function changed(extra: Extra = {}): ModuleResult {
  return { ...extra, changed: true };
}

/** The task failed; `changed` says whether anything was modified before the failure. */
export function failed(msg: string, extra: Extra & { changed?: boolean } = {}): ModuleResult {
  return { ...extra, changed: extra.changed ?? false, failed: true, msg };
}
