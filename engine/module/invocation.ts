import type { AnyModule, ModuleResult } from './types';

/** What Ansible's modules put where a no_log argument's value would be. */
export const NO_LOG_VALUE = 'VALUE_SPECIFIED_IN_NO_LOG_PARAMETER';
const MASK = '********';

/**
 * A module's result with `invocation.module_args` as an Ansible module returns it (callbacks show it from
 * -vvv on, and playbooks read it from loop items): every argument the module takes, defaulted or null, the
 * free-form text as `_raw_params`, and each alias under the name it was given too. Values of no_log
 * arguments are then removed from the whole result, as Ansible's modules remove them from everything they
 * return: a module must not be the way a password gets out. A module that checks its own arguments (a
 * Python module) reports its own invocation.
 */
export function withInvocation(mod: AnyModule, raw: Record<string, unknown>, args: Record<string, unknown>, result: ModuleResult): ModuleResult {
  const own = mod.invocation === false || mod.acceptsAnyArgs || 'invocation' in result;
  const shown = own ? result : { ...result, invocation: { module_args: moduleArgs(mod, raw, args) } };
  const secrets = noLogValues(mod, args);
  return secrets.size ? (removeValues(shown, secrets) as ModuleResult) : shown;
}

function moduleArgs(mod: AnyModule, raw: Record<string, unknown>, args: Record<string, unknown>): Record<string, unknown> {
  const names = Object.keys((mod.schema as { properties?: Record<string, unknown> }).properties ?? {});
  const out: Record<string, unknown> = {};
  for (const name of names) out[name === mod.freeForm ? '_raw_params' : name] = args[name] ?? null;
  for (const [name, aliases] of Object.entries(mod.argAliases ?? {})) {
    for (const alias of (aliases as string[] | undefined) ?? []) if (alias in raw && raw[alias] !== null) out[alias] = args[name] ?? null;
  }
  return mod.invocation ? { ...out, ...mod.invocation.fixed } : out;
}

/** The text of every no_log argument's value, as Ansible lists them: strings and numbers, in lists and dicts too. */
function noLogValues(mod: AnyModule, args: Record<string, unknown>): Set<string> {
  const found = new Set<string>();
  const collect = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value) found.add(value);
    } else if (typeof value === 'number') {
      found.add(String(value));
    } else if (Array.isArray(value)) {
      value.forEach(collect);
    } else if (value && typeof value === 'object') {
      Object.values(value).forEach(collect);
    }
  };
  for (const name of mod.noLogArgs ?? []) collect(args[name]);
  return found;
}

/** Ansible's remove_values: a value that is a secret becomes NO_LOG_VALUE, one that contains it is masked. */
export function removeValues(value: unknown, secrets: Set<string>): unknown {
  if (typeof value === 'string' || typeof value === 'number') {
    const text = String(value);
    if (secrets.has(text)) return NO_LOG_VALUE;
    let masked = text;
    for (const secret of secrets) masked = masked.split(secret).join(MASK);
    // A number holding a secret's digits cannot stay a number with a mask in it, so it is the mask, as in Ansible.
    return masked === text ? value : typeof value === 'number' ? MASK : masked;
  }
  if (Array.isArray(value)) return value.map((v) => removeValues(v, secrets));
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[removeValues(k, secrets) as string] = removeValues(v, secrets);
    return out;
  }
  return value;
}
