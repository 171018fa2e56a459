import { OMIT } from '../template';
import { UnsafeText } from '../playbook/yaml';

/**
 * Module arguments as modules take them: an argument whose templated value is the `omit` placeholder
 * is dropped, as if not written, and text kept from templating (`!unsafe`) is plain text again.
 */
export function stripOmitted(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== OMIT) out[k] = v instanceof UnsafeText ? String(v) : v;
  return out;
}
