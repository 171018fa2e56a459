import { UnsafeText } from '../playbook/yaml';

/**
 * str() of a value as Python prints it, which is how Ansible shows loop item labels and how values
 * appear when a list or dict is rendered inside a larger string: `{'a': 1, 'b': [True, None]}`.
 */
export function pyStr(value: unknown): string {
  if (value instanceof UnsafeText) return value.text;
  return typeof value === 'string' ? value : pyRepr(value);
}

export function pyRepr(value: unknown): string {
  if (value === null || value === undefined) return 'None';
  if (value === true) return 'True';
  if (value === false) return 'False';
  if (typeof value === 'number') return Number.isInteger(value) || !Number.isFinite(value) ? pyNumber(value) : String(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(pyRepr).join(', ')}]`;
  if (typeof value === 'object') {
    const text = (value as { toJSON?: () => unknown }).toJSON;
    if (typeof text === 'function') return pyRepr(text.call(value));
    return `{${Object.entries(value as Record<string, unknown>)
      .map(([k, v]) => `${quote(k)}: ${pyRepr(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** Python picks single quotes unless the text has a single quote and no double quote. */
function quote(s: string): string {
  const useDouble = s.includes("'") && !s.includes('"');
  const q = useDouble ? '"' : "'";
  const body = s
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\r/g, '\\r')
    .replace(/\t/g, '\\t')
    .replace(new RegExp(q, 'g'), `\\${q}`);
  return q + body + q;
}
