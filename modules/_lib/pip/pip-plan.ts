import { shlexSplit } from '../shlex';
import { isSatisfied, parseFreeze, parseRequirement, recoverPackageNames, Requirement, withVersion } from './requirement';

export type PipState = 'present' | 'absent' | 'latest' | 'forcereinstall';

export const STATE_WORDS: Record<PipState, string[]> = {
  present: ['install'],
  absent: ['uninstall', '-y'],
  latest: ['install', '-U'],
  forcereinstall: ['install', '-U', '--force-reinstall'],
};

export interface PipRequest {
  name?: string[];
  version?: string;
  requirements?: string;
  extra_args?: string;
  editable: boolean;
  state: PipState;
}

/** The requirements named, with `version:` folded in; or why the arguments cannot be used. */
export function requirementsOf(args: PipRequest): Requirement[] | { msg: string } {
  if (!args.name) return [];
  const reqs = recoverPackageNames(args.name).map(parseRequirement);
  if (args.version === undefined) return reqs;
  if (reqs.length > 1) {
    return { msg: "'version' argument is ambiguous when installing multiple package distributions. Please specify version restrictions next to each package in 'name' argument." };
  }
  if (reqs[0].specs.length > 0) {
    return { msg: "The 'version' argument conflicts with any version specifier provided along with a package name. Please keep the version specifier, but remove the 'version' argument." };
  }
  return [withVersion(reqs[0], args.version)];
}

/** extra_args as words; `editable` adds `-e` as Ansible does. */
export function extraWords(args: PipRequest): string[] {
  const words = args.extra_args ? shlexSplit(args.extra_args) : [];
  if (args.editable && !words.includes('-e')) words.push('-e');
  return words;
}

/** Flags after which the freeze alone cannot say what pip would do. */
const UNPREDICTABLE = ['-U', '--upgrade', '--force-reinstall', '-e', '--editable', '-r', '--requirement', '-I', '--ignore-installed'];

/**
 * Whether pip has something to do, judged from the freeze; undefined when only running pip can tell
 * (requirements files, latest, reinstall, URLs, flags that upgrade).
 */
export function predictChange(args: PipRequest, reqs: Requirement[], freeze: string): boolean | undefined {
  if (args.requirements || !args.name || args.state === 'latest' || args.state === 'forcereinstall') return undefined;
  if (extraWords(args).some((w) => UNPREDICTABLE.includes(w))) return undefined;
  if (reqs.some((r) => !r.name)) return undefined;
  const installed = parseFreeze(freeze);
  if (args.state === 'present') return !reqs.every((r) => isSatisfied(r, installed));
  // pip uninstall takes the name only: any installed version goes.
  return reqs.some((r) => r.name !== undefined && installed.has(r.name));
}
