import { lstatSync, statSync } from 'fs';
import { dirname, resolve } from 'path';
import { pyIter, pyStr } from '../python';
import { TestFn } from '../scope';
import { TemplateRuntimeError } from '../values';

/** Ansible's path tests that need more than one stat, and its URI tests (Python's urlparse rules). */

function linkExists(v: unknown): boolean {
  try {
    lstatSync(pyStr(v));
    return true;
  } catch {
    return false;
  }
}

/** Python's os.path.ismount: another device than the parent, or the root itself. */
function isMount(v: unknown): boolean {
  try {
    const path = resolve(pyStr(v));
    const self = lstatSync(path);
    if (self.isSymbolicLink()) return false;
    const parent = lstatSync(dirname(path));
    return self.dev !== parent.dev || self.ino === parent.ino;
  } catch {
    return false;
  }
}

/** Python's os.path.samefile, which fails on a path that does not exist. */
function sameFile(v: unknown, other: unknown): boolean {
  try {
    const a = statSync(pyStr(v));
    const b = statSync(pyStr(other));
    return a.dev === b.dev && a.ino === b.ino;
  } catch (e) {
    throw new TemplateRuntimeError(`[Errno 2] No such file or directory: ${(e as NodeJS.ErrnoException).path ?? ''}`);
  }
}

/** The scheme and network location as Python's urlparse splits them (a scheme is letters first, then +-. too). */
function urlParts(value: string): { scheme: string; netloc: string } {
  const m = /^([A-Za-z][A-Za-z0-9+\-.]*):/.exec(value);
  const scheme = m ? m[1].toLowerCase() : '';
  const rest = m ? value.slice(m[0].length) : value;
  if (!rest.startsWith('//')) return { scheme, netloc: '' };
  const end = rest.slice(2).search(/[/?#]/);
  return { scheme, netloc: end < 0 ? rest.slice(2) : rest.slice(2, 2 + end) };
}

function isUri(v: unknown, schemes?: unknown): boolean {
  if (typeof v !== 'string') return false;
  const allowed = schemes === undefined || schemes === null ? undefined : pyIter(schemes).map(pyStr);
  return !allowed || allowed.length === 0 || allowed.includes(urlParts(v).scheme);
}

export const pathAndUrlTests: Record<string, TestFn> = {
  link_exists: (v) => linkExists(v),
  mount: (v) => isMount(v),
  same_file: (v, [other]) => sameFile(v, other),
  uri: (v, [schemes], kw) => isUri(v, schemes ?? kw.schemes),
  url: (v, [schemes], kw) => {
    if (!isUri(v, schemes ?? kw.schemes)) return false;
    const { scheme, netloc } = urlParts(v as string);
    return netloc !== '' || scheme === 'file';
  },
  urn: (v) => isUri(v, ['urn']),
};
