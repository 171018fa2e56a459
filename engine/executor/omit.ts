import { OMIT } from '../template';
import { UnsafeText } from '../playbook/yaml';

/**
 * Arguments as actions take them: an argument whose templated value is the `omit` placeholder is
 * dropped, as if not written (also when the template read host data, which makes the placeholder unsafe).
 */
export function stripOmitted(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if ((v instanceof UnsafeText ? v.text : v) !== OMIT) out[k] = v;
  return out;
}
