import { satisfiesClause } from './pep440';

/** A requirement as the user wrote it, and what freeze output must show to satisfy it. */
export interface Requirement {
  /** Text passed to pip. */
  text: string;
  /** Canonical project name (PEP 503), undefined for URLs, paths and other non-plain requirements. */
  name?: string;
  specs: [string, string][];
}

const OPS = ['>=', '<=', '>', '<', '==', '!=', '~='];

/** PEP 503: runs of `-_.` become `-`, lower case. */
export function canonicalName(name: string): string {
  return name.replace(/[-_.]+/g, '-').toLowerCase();
}

const startsWithOp = (s: string) => OPS.some((op) => s.trimStart().startsWith(op));

/**
 * Ansible's reading of `name`: each item is split on commas, and pieces that are only a version
 * clause (`<2`) or inside extras brackets join the package before them:
 * `['django>1.11,<1.12', 'six']` stays two packages.
 */
export function recoverPackageNames(names: string[]): string[] {
  const pieces = names.flatMap((n) => n.split(','));
  const packages: string[] = [];
  let parts: string[] = [];
  let inBrackets = false;
  for (const piece of pieces) {
    if (!startsWithOp(piece) && !inBrackets && parts.length > 0) {
      packages.push(parts.join(','));
      parts = [];
    }
    if (piece.includes('[')) inBrackets = true;
    if (inBrackets && piece.includes(']')) inBrackets = false;
    parts.push(piece);
  }
  packages.push(parts.join(','));
  return packages;
}

const REQ_RE = /^\s*([A-Za-z0-9][A-Za-z0-9._-]*)\s*(\[[^\]]*\])?\s*(\(?[^;()]*\)?)?\s*(;.*)?$/;

/** A requirement string; not plain (no `name`) when it is a URL, a path or unparseable, as pip's `Requirement` would refuse it. */
export function parseRequirement(text: string): Requirement {
  const m = REQ_RE.exec(text);
  if (!m || /[/\\:@]/.test(m[3] ?? '')) return { text, specs: [] };
  const body = (m[3] ?? '').replace(/^\(|\)$/g, '').trim();
  const specs: [string, string][] = [];
  for (const clause of body ? body.split(',') : []) {
    const c = /^\s*(===|==|!=|<=|>=|~=|<|>)\s*(\S+)\s*$/.exec(clause);
    if (!c) return { text, specs: [] };
    specs.push([c[1], c[2]]);
  }
  return { text, name: canonicalName(m[1]), specs };
}

/** `version:` merged into a single package the way Ansible does it: `1.2` means `==1.2`, `>=1.2` is kept. */
export function withVersion(req: Requirement, version: string): Requirement {
  const v = version.trimStart();
  const text = /^\d/.test(v) ? `${req.text}==${v}` : `${req.text} ${v}`;
  return parseRequirement(text);
}

/** Whether the installed packages (canonical name → version) satisfy the requirement. */
export function isSatisfied(req: Requirement, installed: Map<string, string>): boolean {
  if (!req.name) return false;
  const version = installed.get(req.name);
  return version !== undefined && req.specs.every(([op, spec]) => satisfiesClause(version, op, spec));
}

/** `pip list --format=freeze` / `pip freeze` lines as canonical name → version. */
export function parseFreeze(output: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of output.split('\n')) {
    const m = /^([A-Za-z0-9][A-Za-z0-9._-]*)==(\S+)\s*$/.exec(line.trim());
    if (m) out.set(canonicalName(m[1]), m[2]);
  }
  return out;
}
