import { realpathSync } from 'fs';
import { homedir } from 'os';
import * as posix from 'path/posix';
import { pyStr } from '../python';
import { FilterFn } from '../scope';
import { TemplateRuntimeError, plain, tuple, typeName } from '../values';
import { requireString } from './helpers';
import { globFiles } from '../lookups/glob';

/** Path filters (Python's posixpath semantics). */

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

function pathParts(v: unknown): unknown[] {
  const p = plain(v);
  if (typeof p === 'string') return [p];
  if (!Array.isArray(p)) throw new TemplateRuntimeError(`|path_join expects string or sequence, got <class '${typeName(p)}'> instead.`);
  return p;
}

export const pathFilters: Record<string, FilterFn> = {
  basename: (v) => basename(requireString(v)),
  dirname: (v) => dirname(requireString(v)),
  expanduser: (v) => expanduser(requireString(v)),
  expandvars: (v) => requireString(v).replace(/\$(\w+)|\$\{(\w+)\}/g, (m, a, b) => process.env[a ?? b] ?? m),
  fileglob: (v) => globFiles(requireString(v)),
  path_join: (v) => pathParts(v).map(pyStr).reduce((acc, p) => (p.startsWith('/') || acc === '' ? p : acc.endsWith('/') ? acc + p : acc + '/' + p), ''),
  realpath: (v) => realpath(requireString(v)),
  relpath: (v, [start]) => posix.relative(posix.resolve(pyStr(start ?? '.')), posix.resolve(requireString(v))) || '.',
  splitext: (v) => tuple(splitext(requireString(v))),
  win_basename: (v) => requireString(v).split(/[\\/]/).pop() ?? '',
};
