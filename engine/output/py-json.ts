/**
 * JSON as Python's json.dumps(sort_keys=True, ensure_ascii=False) writes it, which is what users see in
 * Ansible's output: `{"a": 1, "b": [1, 2]}` on one line, or indented by 4 with the same spacing.
 */
export function pyJson(value: unknown, indent?: number, itemSeparator = ', '): string {
  return dump(value, indent, 0, itemSeparator);
}

function dump(value: unknown, indent: number | undefined, depth: number, sep: string): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return value.toString();
  const toJSON = (value as { toJSON?: () => unknown }).toJSON;
  if (typeof toJSON === 'function') return dump(toJSON.call(value), indent, depth, sep);
  const entries: [string | null, unknown][] = Array.isArray(value)
    ? value.map((v) => [null, v])
    : Object.keys(value as object)
        .sort()
        .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
        .map((k) => [k, (value as Record<string, unknown>)[k]]);
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  if (entries.length === 0) return open + close;
  const parts = entries.map(([k, v]) => (k === null ? '' : `${JSON.stringify(k)}: `) + dump(v, indent, depth + 1, sep));
  if (indent === undefined) return open + parts.join(sep) + close;
  const inner = ' '.repeat(indent * (depth + 1));
  const outer = ' '.repeat(indent * depth);
  return `${open}\n${inner}${parts.join(`,\n${inner}`)}\n${outer}${close}`;
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? 'Infinity' : '-Infinity';
  return String(n);
}
