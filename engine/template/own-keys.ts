/**
 * Dicts built from data (host JSON, YAML, template results) keep every key as an ordinary key, as
 * Python does: plain assignment of `__proto__` would change the object's prototype instead, dropping
 * the key and making the object inherit whatever the data said.
 */

/** `obj[key] = value` that never reaches a setter: `__proto__` becomes an ordinary key. */
export function setOwn(obj: Record<string, unknown>, key: string, value: unknown): void {
  if (key === '__proto__') Object.defineProperty(obj, key, { value, writable: true, enumerable: true, configurable: true });
  else obj[key] = value;
}
