import { pyStr } from '../python';
import { TemplateRuntimeError, truthy } from '../values';

/** Ansible's `version` test: loose (distutils LooseVersion), strict, semver and PEP 440 ordering. */

type Part = number | string;

const OPERATORS: Record<string, (c: number) => boolean> = {
  '==': (c) => c === 0, '=': (c) => c === 0, eq: (c) => c === 0,
  '<': (c) => c < 0, lt: (c) => c < 0,
  '<=': (c) => c <= 0, le: (c) => c <= 0,
  '>': (c) => c > 0, gt: (c) => c > 0,
  '>=': (c) => c >= 0, ge: (c) => c >= 0,
  '!=': (c) => c !== 0, '<>': (c) => c !== 0, ne: (c) => c !== 0,
};

function compareParts(a: Part[], b: Part[]): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const x = a[i];
    const y = b[i];
    if (typeof x !== typeof y) {
      throw new TemplateRuntimeError(`Version comparison failed: '<' not supported between instances of '${typeof x === 'number' ? 'int' : 'str'}' and '${typeof y === 'number' ? 'int' : 'str'}'`);
    }
    if (x !== y) return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

function loose(v: string): Part[] {
  return (v.match(/\d+|[a-z]+|\./gi) ?? []).filter((p) => p !== '.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
}

function strict(v: string): [number[], Part[] | null] {
  const m = /^(\d+)\.(\d+)(?:\.(\d+))?(?:([ab])(\d+))?$/.exec(v);
  if (!m) throw new TemplateRuntimeError(`Version comparison failed: invalid version number '${v}'`);
  return [[Number(m[1]), Number(m[2]), Number(m[3] ?? 0)], m[4] ? [m[4], Number(m[5])] : null];
}

function compareStrict(a: string, b: string): number {
  const [na, pa] = strict(a);
  const [nb, pb] = strict(b);
  const c = compareParts(na, nb);
  if (c !== 0) return c;
  if (!pa && !pb) return 0;
  if (!pa) return 1;
  if (!pb) return -1;
  return compareParts(pa, pb);
}

function semver(v: string): { core: number[]; pre: Part[] } {
  const m = /^v?(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+[0-9A-Za-z.-]+)?$/.exec(v);
  if (!m) throw new TemplateRuntimeError(`Version comparison failed: invalid semantic version '${v}'`);
  return { core: [Number(m[1]), Number(m[2]), Number(m[3])], pre: m[4] ? m[4].split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p)) : [] };
}

function compareSemver(a: string, b: string): number {
  const x = semver(a);
  const y = semver(b);
  const c = compareParts(x.core, y.core);
  if (c !== 0) return c;
  if (!x.pre.length || !y.pre.length) return y.pre.length - x.pre.length;
  for (let i = 0; i < Math.min(x.pre.length, y.pre.length); i++) {
    const p = x.pre[i];
    const q = y.pre[i];
    if (p === q) continue;
    if (typeof p === 'number' && typeof q === 'number') return p - q;
    if (typeof p === 'number') return -1;
    if (typeof q === 'number') return 1;
    return p < q ? -1 : 1;
  }
  return x.pre.length - y.pre.length;
}

/**
 * A PEP 440 version as a sort key, in the order Python's packaging library gives: epoch, release without
 * trailing zeros, then pre-release (a dev release of a final version sorts before its pre-releases), post,
 * dev and local segments.
 */
function pep440(v: string): Part[][] {
  const m = /^\s*v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|alpha|b|beta|c|rc|pre|preview)[-_.]?(\d*))?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d*))?(?:[-_.]?(dev)[-_.]?(\d*))?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?\s*$/i.exec(v);
  if (!m) throw new TemplateRuntimeError(`Version comparison failed: Invalid version: '${v}'`);
  const [, epoch, release, preWord, preNum, postImplicit, postWord, postNum, devWord, devNum, local] = m;
  const nums = release.split('.').map(Number);
  while (nums.length > 1 && nums[nums.length - 1] === 0) nums.pop();
  const PRE: Record<string, number> = { a: 0, alpha: 0, b: 1, beta: 1, c: 2, rc: 2, pre: 2, preview: 2 };
  const hasPost = postImplicit !== undefined || postWord !== undefined;
  // -Infinity/Infinity stand for packaging's NegativeInfinity/Infinity markers.
  const pre = preWord !== undefined ? [PRE[preWord.toLowerCase()], Number(preNum || 0)] : !hasPost && devWord !== undefined ? [-Infinity] : [Infinity];
  const post = hasPost ? [Number(postImplicit ?? (postNum || 0))] : [-Infinity];
  const dev = devWord !== undefined ? [Number(devNum || 0)] : [Infinity];
  // Local segments: numbers sort above words; a version without one sorts below any that has one.
  const localKey = local === undefined ? [-Infinity] : local.split(/[-_.]/).flatMap((p) => (/^\d+$/.test(p) ? [1, Number(p)] : [0, p.toLowerCase()]));
  return [[Number(epoch ?? 0)], nums, pre, post, dev, localKey];
}

function comparePep440(a: string, b: string): number {
  const x = pep440(a);
  const y = pep440(b);
  for (let i = 0; i < x.length; i++) {
    const c = compareParts(x[i], y[i]);
    if (c !== 0) return Math.sign(c);
  }
  return 0;
}

const TYPES = ['loose', 'strict', 'semver', 'semantic', 'pep440'];

/** `value is version(other, operator, strict=…, version_type=…)`, checked in Ansible's order with its messages. */
export function versionTest(value: unknown, args: unknown[], kw: Record<string, unknown>): boolean {
  const [other, operator = kw.operator ?? 'eq', strictArg = kw.strict, typeArg = kw.version_type] = args;
  const given = (v: unknown) => v !== undefined && v !== null;
  if (given(strictArg) && given(typeArg)) throw new TemplateRuntimeError("Cannot specify both 'strict' and 'version_type'");
  const a = pyStr(value);
  const b = pyStr(other);
  if (a === '') throw new TemplateRuntimeError('Input version value cannot be empty');
  if (b === '') throw new TemplateRuntimeError('Version parameter to compare against cannot be empty');
  const type = truthy(strictArg) ? 'strict' : given(typeArg) && truthy(typeArg) ? pyStr(typeArg) : 'loose';
  if (!TYPES.includes(type)) throw new TemplateRuntimeError(`Invalid version type (${type}). Must be one of ${TYPES.map((t) => `'${t}'`).join(', ')}`);
  const op = OPERATORS[pyStr(operator)];
  if (!op) throw new TemplateRuntimeError(`Invalid operator type (${pyStr(operator)}). Must be one of ${Object.keys(OPERATORS).map((o) => `'${o}'`).join(', ')}`);
  let c: number;
  if (type === 'strict') c = compareStrict(a, b);
  else if (type === 'semver' || type === 'semantic') c = compareSemver(a, b);
  else if (type === 'pep440') c = comparePep440(a, b);
  else c = compareParts(loose(a), loose(b));
  return op(c);
}
