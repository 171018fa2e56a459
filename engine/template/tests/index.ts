import { existsSync, lstatSync, statSync } from 'fs';
import { isAbsolute } from 'path';
import { UnsafeText } from '../../playbook/yaml';
import { pyRegex } from '../regex';
import { pyCompare, pyEq, pyIn, pyIter, pyStr } from '../python';
import { TestFn } from '../scope';
import { PyFloat, TemplateRuntimeError, Undefined, isDict, isNumber, num, plain, truthy } from '../values';
import { pathAndUrlTests } from './paths-urls';
import { versionTest } from './version';

/**
 * `truthy(convert_bool=True)`: Ansible first tries its strict boolean conversion (yes/no, on/off, y/n,
 * t/f, 1/0…), and a value that is none of those is judged as it is ('fred' is truthy).
 */
function truthyConverted(v: unknown): boolean {
  const p = plain(v);
  if (typeof p === 'boolean') return p;
  const word = typeof p === 'string' ? p.toLowerCase().trim() : isNumber(p) ? num(p) : undefined;
  if (['y', 'yes', 'on', '1', 'true', 't', 1].includes(word as string | number)) return true;
  if (['n', 'no', 'off', '0', 'false', 'f', 0].includes(word as string | number)) return false;
  return truthy(v);
}

/** Jinja2's and Ansible's tests (`x is name(...)`), in alphabetical order. */

function result(v: unknown, test: string): Record<string, unknown> {
  if (!isDict(v)) throw new TemplateRuntimeError(`The '${test}' test expects a dictionary`);
  return v;
}

function changed(v: unknown): boolean {
  const r = result(v, 'changed');
  if ('changed' in r) return truthy(r.changed);
  const rs = r.results;
  return Array.isArray(rs) && rs.some((x) => isDict(x) && truthy(x.changed ?? false));
}

function failed(v: unknown): boolean {
  return truthy(result(v, 'failed').failed ?? false);
}

function skipped(v: unknown): boolean {
  return truthy(result(v, 'skipped').skipped ?? false);
}

function regex(v: unknown, pattern: unknown, kw: Record<string, unknown>, how: string): boolean {
  const re = pyRegex(pyStr(pattern), { ignorecase: truthy(kw.ignorecase ?? false), multiline: truthy(kw.multiline ?? false) });
  const text = pyStr(v);
  const mode = pyStr(kw.match_type ?? how);
  if (mode === 'match') return new RegExp(`^(?:${re.source})`, re.flags).test(text);
  if (mode === 'fullmatch') return new RegExp(`^(?:${re.source})$`, re.flags).test(text);
  return re.test(text);
}

function fileTest(v: unknown, check: (p: string) => boolean): boolean {
  try {
    return check(pyStr(v));
  } catch {
    return false;
  }
}

const compare = (pred: (c: number) => boolean): TestFn => (v, [other]) => pred(pyCompare(v, other, '<'));
const isString = (v: unknown) => typeof v === 'string' || v instanceof UnsafeText;

export const TESTS: Record<string, TestFn> = {
  abs: (v) => isAbsolute(pyStr(v)),
  all: (v) => pyIter(v).every(truthy),
  any: (v) => pyIter(v).some(truthy),
  boolean: (v) => typeof v === 'boolean',
  callable: (v) => typeof v === 'function',
  changed,
  contains: (v, [x]) => pyIn(x, v),
  defined: (v) => !(v instanceof Undefined),
  directory: (v) => fileTest(v, (p) => statSync(p).isDirectory()),
  divisibleby: (v, [n]) => num(v) % num(n) === 0,
  eq: (v, [x]) => pyEq(v, x),
  even: (v) => num(v) % 2 === 0,
  exists: (v) => fileTest(v, (p) => existsSync(p.replace(/^~(?=\/|$)/, process.env.HOME ?? '~'))),
  failed: (v) => failed(v),
  false: (v) => v === false,
  falsy: (v, [convert], kw) => !(truthy(convert ?? kw.convert_bool ?? false) ? truthyConverted(v) : truthy(v)),
  file: (v) => fileTest(v, (p) => statSync(p).isFile()),
  finished: (v) => truthy(result(v, 'finished').finished ?? true),
  float: (v) => v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v)),
  ge: compare((c) => c >= 0),
  gt: compare((c) => c > 0),
  in: (v, [seq]) => pyIn(v, seq),
  integer: (v) => typeof v === 'number' && Number.isInteger(v),
  iterable: (v) => Array.isArray(v) || isDict(v) || isString(v),
  le: compare((c) => c <= 0),
  link: (v) => fileTest(v, (p) => lstatSync(p).isSymbolicLink()),
  lower: (v) => pyStr(v) === pyStr(v).toLowerCase(),
  lt: compare((c) => c < 0),
  mapping: (v) => isDict(v),
  match: (v, [p], kw) => regex(v, p, kw, 'match'),
  nan: (v) => isNumber(v) && Number.isNaN(num(v)),
  ne: (v, [x]) => !pyEq(v, x),
  none: (v) => v === null || v === undefined,
  number: (v) => isNumber(v) || typeof v === 'boolean',
  odd: (v) => Math.abs(num(v) % 2) === 1,
  reachable: (v) => !truthy(result(v, 'reachable').unreachable ?? false),
  regex: (v, [p], kw) => regex(v, p, kw, 'search'),
  sameas: (v, [x]) => v === x || (v === null && x === undefined),
  search: (v, [p], kw) => regex(v, p, kw, 'search'),
  sequence: (v) => Array.isArray(v) || isDict(v) || isString(v),
  skipped: (v) => skipped(v),
  started: (v) => truthy(result(v, 'started').started ?? true),
  string: (v) => isString(v),
  subset: (v, [x]) => pyIter(v).every((a) => pyIter(x).some((b) => pyEq(a, b))),
  succeeded: (v) => !failed(v),
  superset: (v, [x]) => pyIter(x).every((a) => pyIter(v).some((b) => pyEq(a, b))),
  true: (v) => v === true,
  truthy: (v, [convert], kw) => (truthy(convert ?? kw.convert_bool ?? false) ? truthyConverted(v) : truthy(v)),
  undefined: (v) => v instanceof Undefined,
  unreachable: (v) => truthy(result(v, 'unreachable').unreachable ?? false),
  upper: (v) => pyStr(v) === pyStr(v).toUpperCase(),
  version: (v, args, kw) => versionTest(v, args, kw),
  ...pathAndUrlTests,
};

const ALIASES: Record<string, string> = {
  '==': 'eq', equalto: 'eq', '!=': 'ne', '<': 'lt', lessthan: 'lt', '<=': 'le', '>': 'gt', greaterthan: 'gt', '>=': 'ge',
  success: 'succeeded', successful: 'succeeded', failure: 'failed', change: 'changed', skip: 'skipped', issubset: 'subset', issuperset: 'superset',
  version_compare: 'version', is_abs: 'abs', is_dir: 'directory', is_file: 'file', is_link: 'link',
  isnan: 'nan', is_mount: 'mount', is_same_file: 'same_file',
};
for (const [alias, target] of Object.entries(ALIASES)) TESTS[alias] = TESTS[target];
