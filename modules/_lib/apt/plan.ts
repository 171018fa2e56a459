import { fnmatchRegExp } from '../../../engine/fnmatch';
import { compareDebVersions } from './debian-version';
import type { HostPackages, PackageState } from './package-state';
import { stateOf } from './package-state';

/** `name`, `name=version` (a glob on the version) or `name>=version`, split as Ansible splits it. */
export interface PackageSpec {
  name: string;
  op?: '=' | '>=';
  version?: string;
}

export function splitSpec(spec: string): PackageSpec {
  const m = /^(.*?)(>?=)(.*)$/s.exec(spec);
  if (!m) return { name: spec };
  return { name: m[1], op: m[2] as '=' | '>=', version: m[3] };
}

function matches(version: string, spec: PackageSpec): boolean {
  if (spec.op === '=') return fnmatchRegExp(spec.version ?? '').test(version);
  if (spec.op === '>=') return compareDebVersions(version, spec.version ?? '') >= 0;
  return true;
}

/** The version apt would pick: an `=` spec pins every matching version above the rest, as `apt-get install name=ver` does. */
function bestVersion(state: PackageState, spec: PackageSpec): string | undefined {
  if (spec.op !== '=') return state.candidate;
  const pinned = state.versions.filter((v) => matches(v, spec));
  return pinned.sort((a, b) => compareDebVersions(b, a))[0];
}

export interface InstallOptions {
  upgrade: boolean;
  onlyUpgrade: boolean;
}

export type InstallPlan =
  | { ok: true; packages: string[]; names: string[]; virtual: string[] }
  | { ok: false; msg: string };

/** Which packages `apt-get install` must be given, each pinned to the version apt would choose. */
export function planInstall(specs: string[], host: HostPackages, opts: InstallOptions): InstallPlan {
  const packages: string[] = [];
  const virtual: string[] = [];
  const names: string[] = [];
  for (const raw of specs) {
    const spec = splitSpec(raw);
    names.push(spec.name);
    const state = stateOf(host, spec.name);
    const installed = state.status === 'installed';
    if (!installed && opts.onlyUpgrade) continue;
    if (!installed && state.versions.length === 0) {
      if (!state.known) return { ok: false, msg: `No package matching '${spec.name}' is available` };
      // A virtual package: apt chooses the provider, so only a simulation can tell whether one is there.
      virtual.push(spec.name);
      continue;
    }
    const best = bestVersion(state, spec);
    const versionInstalled = installed && matches(state.installed ?? '', spec);
    const installable = !installed ? best : best !== undefined && best !== state.installed && matches(best, spec) ? best : undefined;
    if (!versionInstalled && !installable) return { ok: false, msg: `no available installation candidate for ${raw}` };
    if (installable && (!installed || opts.upgrade || !versionInstalled)) packages.push(`${spec.name}=${installable}`);
    else if (versionInstalled && installable && spec.op === '=') packages.push(`${spec.name}=${spec.version}`);
  }
  return { ok: true, packages, names, virtual };
}

/** Which of the given specs `apt-get remove` must be given: installed ones, and with purge leftover config too. */
export function planRemove(specs: string[], host: HostPackages, purge: boolean): string[] {
  return specs.filter((raw) => {
    const spec = splitSpec(raw);
    const state = stateOf(host, spec.name);
    const versionInstalled = state.status === 'installed' && matches(state.installed ?? '', spec);
    const hasFiles = state.status !== undefined && state.status !== 'not-installed';
    return versionInstalled || (hasFiles && purge);
  });
}

/** Names that apt-mark must make manual: named, installed, and marked automatic. */
export function autoMarked(names: string[], host: HostPackages): string[] {
  return names.filter((n) => stateOf(host, n).auto);
}
