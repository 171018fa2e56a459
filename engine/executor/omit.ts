/**
 * The value of the `omit` variable. Like Ansible's, it is a distinctive string: a module argument whose
 * templated value is exactly this is dropped, as if it had not been written.
 */
export const OMIT_TOKEN = '__omit_place_holder__5e1a2e3f0d7c4b8a9f6e';

export function stripOmitted(args: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (v !== OMIT_TOKEN) out[k] = v;
  return out;
}
