import { ExitCode, TsibleError } from '../errors';
import { Templar, TemplateOptions } from '../template/types';
import { VALUES_ARE_TEMPLATED } from '../template/session';
import { RAW_VALUES } from '../template/values';
import { isUnsafeData } from '../template/unsafe';

/**
 * Variables as templates see them: a value is templated only when read, with the same variables, so
 * `a: "{{ b }}"`, `b: "{{ c | upper }}"` resolve in any order and an unused broken value never fails.
 * A value that refers back to itself is an error naming the variable instead of an endless loop.
 */
export function lazyVars(vars: Record<string, unknown>, templar: Templar, opts: TemplateOptions = {}): Record<string, unknown> {
  const resolved = new Map<string, unknown>();
  const resolving: string[] = [];
  const proxy: Record<string, unknown> = new Proxy(vars, {
    get(target, key) {
      // Tells the templar that values read from here are already templated, so it does not do it twice.
      if (key === VALUES_ARE_TEMPLATED) return true;
      if (key === RAW_VALUES) return target;
      if (typeof key !== 'string' || !Object.prototype.hasOwnProperty.call(target, key)) return Reflect.get(target, key);
      if (resolved.has(key)) return resolved.get(key);
      const raw = target[key];
      if (!needsTemplating(raw, templar)) return raw;
      if (resolving.includes(key)) {
        const chain = [...resolving.slice(resolving.indexOf(key)), key].join(' -> ');
        throw new TsibleError(`recursive loop detected in the definition of variable '${key}' (${chain})`, { origin: opts.origin, exitCode: ExitCode.error });
      }
      resolving.push(key);
      try {
        // Only the value asked for is lenient: variables it reads are strict, so a value using one that
        // fails stays as written as a whole (Ansible's fail_on_undefined on the outer template only).
        const lenient = opts.failOnUndefined === false && resolving.length === 1;
        const value = templar.template(raw, proxy, { preserveTypes: true, ...opts, failOnUndefined: !lenient });
        resolved.set(key, value);
        return value;
      } finally {
        resolving.pop();
      }
    },
  });
  return proxy;
}

/** Whether a value holds a string that templating would change (inside lists and dicts too). */
function needsTemplating(value: unknown, templar: Templar, depth = 0): boolean {
  // Host data (a registered result, facts) is never templated, and is not walked on every read either.
  if (isUnsafeData(value)) return false;
  if (typeof value === 'string') return templar.isTemplated(value);
  if (depth > 20 || value === null || typeof value !== 'object') return false;
  // Lazy variables (hostvars, another host's vars) template their own values when read; walking them
  // here would compute every host's variables, and hostvars again inside each.
  if ((value as Record<symbol, unknown>)[VALUES_ARE_TEMPLATED] === true) return false;
  const items = Array.isArray(value) ? value : Object.values(value);
  return items.some((v) => needsTemplating(v, templar, depth + 1));
}
