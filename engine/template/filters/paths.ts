import { realpathSync } from 'fs';
import { homedir } from 'os';
import * as posix from 'path/posix';
import { pyIter, pyStr } from '../python';
import { FilterFn } from '../scope';
import { TemplateRuntimeError, float, num, truthy, tuple } from '../values';
import { requireString } from './helpers';
import { globFiles } from '../lookups/glob';

/** Path filters (Python's posixpath semantics) and Ansible's math filters. */

function basename(p: string): string {
  return p.slice(p.lastIndexOf('/') + 1);
}

function dirname(p: string): string {
  const i = p.lastIndexOf('/') + 1;
  const head = p.slice(0, i);
  return head && head !== '/'.repeat(head.length) ? head.replace(/\/+$/, '') : head;
}

/** Python's os.path.splitext: a leading dot of the name is not an extension. */
function splitext(p: string): [string, string] {
  const base = basename(p);
  const dot = base.lastIndexOf('.');
  if (dot <= 0 || /^\.+$/.test(base.slice(0, dot + 1))) return [p, ''];
  const cut = p.length - base.length + dot;
  return [p.slice(0, cut), p.slice(cut)];
}

function expanduser(p: string): string {
  if (p === '~' || p.startsWith('~/')) return (process.env.HOME ?? homedir()) + p.slice(1);
  return p;
}

function realpath(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return posix.resolve(p);
  }
}

function humanToBytes(v: unknown, defaultUnit: unknown, isbits: unknown): number {
  const s = pyStr(v).trim();
  const m = /^(\d+(?:\.\d*)?)\s*([KMGTPEZY]?)(i?)([Bb]?)(?:ytes?|its?)?$/i.exec(s);
  if (!m) throw new TemplateRuntimeError(`human_to_bytes() can't interpret following string: ${s}`);
  const unit = (m[2] || (defaultUnit ? String(defaultUnit)[0] : '')).toUpperCase();
  const power = 'BKMGTPEZY'.indexOf(unit || 'B');
  const bits = truthy(isbits ?? false);
  return Math.round(Number(m[1]) * 1024 ** Math.max(power, 0) * (bits && m[4] === 'B' ? 8 : 1));
}

function humanReadable(v: unknown, isbits: unknown, unit: unknown): string {
  const bits = truthy(isbits ?? false);
  const suffix = bits ? 'b' : 'B';
  const units = ['', 'K', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];
  let n = num(v);
  let i = 0;
  if (unit !== undefined && unit !== null) {
    i = Math.max(0, units.indexOf(String(unit)[0].toUpperCase()));
    n = n / 1024 ** i;
  } else {
    while (Math.abs(n) >= 1024 && i < units.length - 1) { n /= 1024; i++; }
  }
  return `${n.toFixed(2)} ${units[i]}${suffix}`;
}

export const pathFilters: Record<string, FilterFn> = {
  basename: (v) => basename(requireString(v)),
  dirname: (v) => dirname(requireString(v)),
  expanduser: (v) => expanduser(requireString(v)),
  expandvars: (v) => requireString(v).replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => process.env[a ?? b] ?? m),
  fileglob: (v) => globFiles(requireString(v)),
  path_join: (v) => pyIter(v).map(pyStr).reduce((acc, p) => (p.startsWith('/') || acc === '' ? p : acc.endsWith('/') ? acc + p : acc + '/' + p), ''),
  realpath: (v) => realpath(requireString(v)),
  relpath: (v, [start]) => posix.relative(posix.resolve(pyStr(start ?? '.')), posix.resolve(requireString(v))) || '.',
  splitext: (v) => tuple(splitext(requireString(v))),
  win_basename: (v) => requireString(v).split(/[\\/]/).pop() ?? '',
  human_readable: (v, [isbits, unit], kw) => humanReadable(v, isbits ?? kw.isbits, unit ?? kw.unit),
  human_to_bytes: (v, [dflt, isbits], kw) => humanToBytes(v, dflt ?? kw.default_unit, isbits ?? kw.isbits),
  log: (v, [base]) => float(base === undefined ? Math.log(num(v)) : Math.log(num(v)) / Math.log(num(base))),
  pow: (v, [e]) => float(num(v) ** num(e)),
  root: (v, [base]) => float(base === undefined || num(base) === 2 ? Math.sqrt(num(v)) : num(v) ** (1 / num(base))),
};
