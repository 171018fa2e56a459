/** PEP 440 versions and specifiers: the subset pip requirements use (`>=2`, `~=1.4`, `==1.*`, `!=1.2`). */

export interface Pep440Version {
  epoch: number;
  release: number[];
  /** Pre-release phase and number: a, b or rc. */
  pre?: [string, number];
  post?: number;
  dev?: number;
  local?: string;
}

const VERSION_RE =
  /^v?(?:(\d+)!)?(\d+(?:\.\d+)*)(?:[-_.]?(a|b|c|rc|alpha|beta|pre|preview)[-_.]?(\d+)?)?(?:-(\d+)|[-_.]?(post|rev|r)[-_.]?(\d+)?)?(?:[-_.]?(dev)[-_.]?(\d+)?)?(?:\+([a-z0-9]+(?:[-_.][a-z0-9]+)*))?$/i;

const PRE_NAMES: Record<string, string> = { a: 'a', alpha: 'a', b: 'b', beta: 'b', c: 'rc', rc: 'rc', pre: 'rc', preview: 'rc' };

/** The version, or undefined when it is not PEP 440 (a legacy version string). */
export function parseVersion(text: string): Pep440Version | undefined {
  const m = VERSION_RE.exec(text.trim());
  if (!m) return undefined;
  const v: Pep440Version = { epoch: Number(m[1] ?? 0), release: m[2].split('.').map(Number) };
  if (m[3]) v.pre = [PRE_NAMES[m[3].toLowerCase()], Number(m[4] ?? 0)];
  if (m[5] !== undefined || m[6]) v.post = Number(m[5] ?? m[7] ?? 0);
  if (m[8]) v.dev = Number(m[9] ?? 0);
  if (m[10]) v.local = m[10].toLowerCase().replace(/[-_]/g, '.');
  return v;
}

function compareNumbers(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

const PHASE: Record<string, number> = { a: 0, b: 1, rc: 2 };

/** Sort keys in PEP 440 order: a dev release before its pre-releases, those before the release, then posts. */
function phaseKey(v: Pep440Version): number[] {
  const pre = v.pre ? [PHASE[v.pre[0]], v.pre[1]] : v.dev !== undefined && v.post === undefined ? [-1, 0] : [3, 0];
  const post = v.post !== undefined ? [1, v.post] : [0, 0];
  const dev = v.dev !== undefined ? [0, v.dev] : [1, 0];
  return [...pre, ...post, ...dev];
}

function compareLocal(a?: string, b?: string): number {
  if (a === b) return 0;
  if (a === undefined) return -1;
  if (b === undefined) return 1;
  const x = a.split('.');
  const y = b.split('.');
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    if (x[i] === undefined) return -1;
    if (y[i] === undefined) return 1;
    const [nx, ny] = [/^\d+$/.test(x[i]), /^\d+$/.test(y[i])];
    const d = nx && ny ? Number(x[i]) - Number(y[i]) : nx !== ny ? (nx ? 1 : -1) : x[i].localeCompare(y[i]);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export function compareVersions(a: Pep440Version, b: Pep440Version): number {
  if (a.epoch !== b.epoch) return Math.sign(a.epoch - b.epoch);
  return compareNumbers(a.release, b.release) || compareNumbers(phaseKey(a), phaseKey(b)) || compareLocal(a.local, b.local);
}

const isPre = (v: Pep440Version) => v.pre !== undefined || v.dev !== undefined;
const base = (v: Pep440Version): Pep440Version => ({ epoch: v.epoch, release: v.release });
const withoutLocal = (v: Pep440Version): Pep440Version => ({ ...v, local: undefined });

/** `==1.4.*`: the version's release starts with the given components. */
function prefixMatch(v: Pep440Version, prefix: string): boolean {
  const want = parseVersion(prefix);
  if (!want) return false;
  return want.epoch === v.epoch && want.release.every((n, i) => (v.release[i] ?? 0) === n);
}

/**
 * One specifier clause (`>=1.2`) against a version, pre-releases allowed as Ansible asks.
 * Unparseable versions only match `===` exactly.
 */
export function satisfiesClause(version: string, op: string, spec: string): boolean {
  if (op === '===') return version === spec;
  const v = parseVersion(version);
  if (!v) return false;
  if (op === '==' || op === '!=') {
    const hit = spec.endsWith('.*') ? prefixMatch(v, spec.slice(0, -2)) : (() => {
      const s = parseVersion(spec);
      return s !== undefined && compareVersions(s.local ? v : withoutLocal(v), s) === 0;
    })();
    return op === '==' ? hit : !hit;
  }
  const s = parseVersion(spec);
  if (!s) return false;
  const c = compareVersions(withoutLocal(v), s);
  switch (op) {
    case '>=': return c >= 0;
    case '<=': return c <= 0;
    // `<1.0` does not admit 1.0's own pre-releases, `>1.0` not its post-releases.
    case '<': return c < 0 && !(!isPre(s) && isPre(v) && compareVersions(base(v), base(s)) === 0);
    case '>': return c > 0 && !(s.post === undefined && v.post !== undefined && compareVersions(base(v), base(s)) === 0);
    case '~=': return c >= 0 && s.release.length > 1 && prefixMatch(v, s.release.slice(0, -1).join('.'));
    default: return false;
  }
}
