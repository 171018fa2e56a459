/**
 * Ansible's argument-spec conversions, applied before JSON Schema validation so that playbooks written
 * for Ansible (`force: yes`, `port: "22"`, `paths: a,b`) validate the same way.
 */

const TRUE_WORDS = new Set(['yes', 'on', '1', 'true', 'y', 't']);
const FALSE_WORDS = new Set(['no', 'off', '0', 'false', 'n', 'f']);

/** Ansible's boolean(): undefined when the value is not one of its spellings. */
export function toAnsibleBool(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value === 1 ? true : value === 0 ? false : undefined;
  if (typeof value !== 'string') return undefined;
  const word = value.trim().toLowerCase();
  if (TRUE_WORDS.has(word)) return true;
  if (FALSE_WORDS.has(word)) return false;
  return undefined;
}

/** Python's str() of a scalar, which is what Ansible passes to a `str` argument given a number or bool. */
function toAnsibleString(value: unknown): unknown {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return String(value);
  return value;
}

function toNumber(value: unknown, integer: boolean): unknown {
  if (typeof value !== 'string' || value.trim() === '') return value;
  const n = Number(value);
  if (Number.isNaN(n) || (integer && !Number.isInteger(n))) return value;
  return n;
}

/** Ansible's list type: a comma-separated string or a single scalar becomes a list. */
function toList(value: unknown, itemType: unknown): unknown {
  if (Array.isArray(value)) return value.map((v) => coerceValue(v, itemType));
  if (typeof value === 'string') return value.split(',').map((s) => coerceValue(s.trim(), itemType));
  if (value === null || value === undefined || typeof value === 'object') return value;
  return [coerceValue(value, itemType)];
}

interface SchemaLike {
  type?: string | string[];
  items?: unknown;
}

/** One value converted toward its schema's type; values that cannot convert are left for ajv to report. */
export function coerceValue(value: unknown, schema: unknown): unknown {
  const type = (schema as SchemaLike | undefined)?.type;
  if (value === null || value === undefined || typeof type !== 'string') return value;
  switch (type) {
    case 'boolean':
      return toAnsibleBool(value) ?? value;
    case 'string':
      return toAnsibleString(value);
    case 'integer':
      return toNumber(value, true);
    case 'number':
      return toNumber(value, false);
    case 'array':
      return toList(value, (schema as SchemaLike).items);
    default:
      return value;
  }
}

/** Every known argument converted toward its declared type; unknown keys are left alone. */
export function coerceArgs(args: Record<string, unknown>, properties: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(args)) {
    out[key] = key in properties ? coerceValue(value, properties[key]) : value;
  }
  return out;
}
