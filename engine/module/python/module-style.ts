/**
 * How Ansible runs a module file, read from its text: `new` (AnsibleModule, packaged with its module_utils),
 * `want_json` (a script given a JSON arguments file), `old` (a script given a key=value arguments file),
 * `binary` (any executable, given a JSON arguments file).
 */
export type ModuleStyle = 'new' | 'want_json' | 'old' | 'binary';

/** An import of module_utils: absolute, from a collection, or relative from a module's package (`from ..module_utils.basic`). */
const NEW_STYLE = /from +\.{2,} *module_utils.* +import |from +ansible_collections\.[^.\s]+\.[^.\s]+\.plugins\.module_utils.* +import |import +ansible_collections\.[^.\s]+\.[^.\s]+\.plugins\.module_utils|from +ansible\.module_utils.* +import |import +ansible\.module_utils\.|<<INCLUDE_ANSIBLE_MODULE_COMMON>>/;

/** Bytes that never occur in text, as Ansible tells a binary module from a script. */
function isBinary(head: Buffer): boolean {
  return head.some((b) => b < 0x20 && ![7, 8, 9, 10, 12, 13, 27].includes(b)) || head.includes(0x7f);
}

export function moduleStyle(source: Buffer): ModuleStyle {
  if (isBinary(source.subarray(0, 1024))) return 'binary';
  const text = source.toString('utf8');
  if (NEW_STYLE.test(text)) return 'new';
  if (text.includes('WANT_JSON')) return 'want_json';
  return 'old';
}

/** The interpreter a script names on its `#!` line (`/usr/bin/env python3` keeps its argument), if any. */
export function shebangOf(source: Buffer): string | undefined {
  const first = source.subarray(0, 256).toString('utf8').split('\n')[0];
  return first.startsWith('#!') ? first.slice(2).trim() : undefined;
}

/** Whether a `#!` line names Python, which Ansible replaces by the host's discovered or configured Python. */
export function isPythonShebang(shebang: string): boolean {
  const words = shebang.split(/\s+/);
  const program = words[0].endsWith('/env') ? (words[1] ?? '') : words[0];
  return /(^|\/)python[\d.]*$/.test(program);
}

/** Python's str() of a value, as an old-style module's key=value file carries it. */
function pyStr(v: unknown): string {
  if (v === null || v === undefined) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : JSON.stringify(v);
}

/** Python's shlex.quote. */
function pyQuote(s: string): string {
  if (s === '') return "''";
  return /^[\w@%+=:,./-]+$/.test(s) ? s : `'${s.replace(/'/g, `'"'"'`)}'`;
}

/** The arguments file of an old-style module: `key=value` pairs, each value quoted for a shell. */
export function oldStyleArgs(params: Record<string, unknown>): string {
  return Object.entries(params)
    .map(([k, v]) => `${k}=${pyQuote(pyStr(v))} `)
    .join('');
}
