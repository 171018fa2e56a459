import { splitLinesPy } from '../run-command';

/** What the host knows about one package name: dpkg's status and apt's versions. */
export interface PackageState {
  /** dpkg's current-state word (`installed`, `config-files`, `not-installed`…); undefined when dpkg never saw it. */
  status?: string;
  /** The installed version, when `status` is `installed`. */
  installed?: string;
  /** apt's candidate, undefined for `(none)`. */
  candidate?: string;
  /** Every version apt knows, best first as `apt-cache policy` lists them. */
  versions: string[];
  /** apt-cache printed a block for the name (it may still be virtual: no versions). */
  known: boolean;
  /** apt-mark says it was installed only as a dependency. */
  auto: boolean;
}

/** Marks between the sections of the probe's output. */
export const SECTION = { dpkg: '--- tsible dpkg', policy: '--- tsible policy', auto: '--- tsible auto', stamp: '--- tsible stamp' } as const;

function blank(): PackageState {
  return { versions: [], known: false, auto: false };
}

function entry(states: Map<string, PackageState>, name: string): PackageState {
  let s = states.get(name);
  if (!s) states.set(name, (s = blank()));
  return s;
}

/** `dpkg-query -W -f='${Package}\t${Status}\t${Version}\n'` lines. */
function readDpkg(lines: string[], states: Map<string, PackageState>): void {
  for (const line of lines) {
    const [name, status, version] = line.split('\t');
    if (!name || !status) continue;
    const word = status.split(' ')[2];
    const s = entry(states, name);
    s.status = word;
    if (word === 'installed') s.installed = version;
  }
}

const VERSION_LINE = /^ (?:\*\*\*| {3}) (\S+) -?\d+$/;

/** `apt-cache policy NAMES` in the C locale: a block per name apt knows. */
function readPolicy(lines: string[], states: Map<string, PackageState>): void {
  let current: PackageState | undefined;
  for (const line of lines) {
    const head = /^(\S+):$/.exec(line);
    if (head) {
      current = entry(states, head[1]);
      current.known = true;
      continue;
    }
    if (!current) continue;
    const candidate = /^ {2}Candidate: (\S+)$/.exec(line);
    if (candidate) current.candidate = candidate[1] === '(none)' ? undefined : candidate[1];
    const version = VERSION_LINE.exec(line);
    if (version && !current.versions.includes(version[1])) current.versions.push(version[1]);
  }
}

export interface HostPackages {
  states: Map<string, PackageState>;
  /** Seconds since the epoch of the last cache update, as Ansible dates it (0 when unknown). */
  cacheTime: number;
}

/** Splits the probe's output into its sections and reads each. */
export function parseProbe(output: string): HostPackages {
  const sections: Record<string, string[]> = {};
  let current: string[] | undefined;
  for (const line of splitLinesPy(output)) {
    const mark = Object.entries(SECTION).find(([, m]) => m === line);
    if (mark) sections[mark[0]] = current = [];
    else current?.push(line);
  }
  const states = new Map<string, PackageState>();
  readDpkg(sections.dpkg ?? [], states);
  readPolicy(sections.policy ?? [], states);
  for (const name of sections.auto ?? []) entry(states, name.trim()).auto = true;
  const stamp = Number((sections.stamp ?? [])[0]);
  return { states, cacheTime: Number.isFinite(stamp) ? Math.trunc(stamp) : 0 };
}

/** The state of a name the probe said nothing about: unknown to dpkg and apt. */
export function stateOf(host: HostPackages, name: string): PackageState {
  return host.states.get(name) ?? blank();
}
