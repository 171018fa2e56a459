import { TsibleError } from '../../errors';
import { UndefinedError } from '../values';

/**
 * A lookup failure Ansible reports in its own words (its lookup and option errors, undefined variables,
 * an unknown lookup). Any other error a lookup called from a template raises is wrapped, as Ansible
 * wraps it, in "An unhandled exception occurred while running the lookup plugin …".
 */
export class LookupFailure extends TsibleError {}

/** The error a template's `lookup()`/`query()` call raises for what a lookup threw. */
export function asTemplateLookupError(name: string, e: unknown): unknown {
  if (!(e instanceof TsibleError) || e instanceof LookupFailure || e.cause instanceof UndefinedError) return e;
  const msg = `An unhandled exception occurred while running the lookup plugin '${name}'. Error was a <class 'ansible.errors.AnsibleError'>, original message: ${e.message}. ${e.message}`;
  return new TsibleError(msg, { origin: e.origin, hint: e.hint, context: e.context, cause: e });
}
