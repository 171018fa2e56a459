import { OMIT } from '../template';

/** Module arguments whose templated value is the `omit` placeholder are dropped, as if not written. */
export function stripOmitted(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== OMIT) out[k] = v;
  return out;
}
