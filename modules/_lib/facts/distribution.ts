import { parseDistFiles } from './dist-files';
import { type LsbInfo, parseLsb, parseOsRelease } from './os-release';
import { pythonProbe } from './platform';
import { type Collector, type Facts, type Sections, keyValues, linesOf } from './types';

const OS_FAMILY_MAP: Record<string, string[]> = {
  RedHat: ['RedHat', 'RHEL', 'Fedora', 'CentOS', 'Scientific', 'SLC', 'Ascendos', 'CloudLinux', 'PSBM', 'OracleLinux', 'OVS', 'OEL', 'Amazon', 'Virtuozzo', 'XenServer', 'Alibaba', 'EulerOS', 'openEuler', 'AlmaLinux', 'Rocky', 'TencentOS', 'EuroLinux', 'Kylin Linux Advanced Server'],
  Debian: ['Debian', 'Ubuntu', 'Raspbian', 'Neon', 'KDE neon', 'Linux Mint', 'SteamOS', 'Devuan', 'Kali', 'Cumulus Linux', 'Pop!_OS', 'Parrot', 'Pardus GNU/Linux', 'Uos', 'Deepin', 'OSMC'],
  Suse: ['SuSE', 'SLES', 'SLED', 'openSUSE', 'openSUSE Tumbleweed', 'SLES_SAP', 'SUSE_LINUX', 'openSUSE Leap'],
  Archlinux: ['Archlinux', 'Antergos', 'Manjaro'],
  Mandrake: ['Mandrake', 'Mandriva'],
  Slackware: ['Slackware'],
  Altlinux: ['Altlinux'],
  Gentoo: ['Gentoo', 'Funtoo'],
  Alpine: ['Alpine'],
  ClearLinux: ['Clear Linux OS', 'Clear Linux Mix'],
};

/** The os_family Ansible files a distribution under; unknown distributions are their own family. */
export function osFamily(distribution: string): string {
  for (const [family, names] of Object.entries(OS_FAMILY_MAP)) if (names.includes(distribution)) return family;
  return distribution;
}

/** What the distribution files on a Linux host say. */
export interface DistSources {
  osRelease: Map<string, string>;
  /** The os-release text as written, which Ansible's checks search for names. */
  osReleaseText: string;
  lsb: LsbInfo;
  /** Other release files by path (/etc/debian_version, /etc/redhat-release, …). */
  files: Map<string, string>;
  /** The host's system `distro` package version, which Ansible uses instead of its bundled 1.6. */
  distroLibrary?: string | null;
}

/** distro 1.7 started reading /etc/debian_version as a version candidate on Debian-like systems. */
function readsDebianVersion(library: string | null | undefined): boolean {
  const [major = 0, minor = 0] = (library ?? '').split('.').map(Number);
  return major > 1 || (major === 1 && minor >= 7);
}

const NORMALIZED_ID: Record<string, string> = {
  ol: 'oracle', 'opensuse-leap': 'opensuse', enterpriseenterpriseas: 'oracle', enterpriseenterpriseserver: 'oracle',
  redhatenterpriseworkstation: 'rhel', redhatenterpriseserver: 'rhel', redhatenterprisecomputenode: 'rhel',
};

function distroId(src: DistSources): string {
  const raw = src.osRelease.get('ID') || src.lsb.id || '';
  const id = raw.toLowerCase().replace(/ /g, '_');
  return NORMALIZED_ID[id] ?? id;
}

/** The version the `distro` library reports; Debian and CentOS take the most precise candidate. */
function distroVersion(src: DistSources, id: string): string {
  const candidates = [src.osRelease.get('VERSION_ID') ?? '', src.lsb.release ?? ''];
  const like = (src.osRelease.get('ID_LIKE') ?? '').split(/\s+/);
  if ((id === 'debian' || like.includes('debian')) && readsDebianVersion(src.distroLibrary)) candidates.push((src.files.get('/etc/debian_version') ?? '').trim());
  if (id !== 'debian' && id !== 'centos') return candidates.find((v) => v !== '') ?? '';
  let best = '';
  for (const v of candidates) if (best === '' || v.split('.').length > best.split('.').length) best = v;
  return id === 'centos' ? best.split('.').slice(0, 2).join('.') : best;
}

function distroCodename(src: DistSources): string | undefined {
  const os = src.osRelease;
  const fromVersion = /\(([^)]+)\)/.exec(os.get('VERSION') ?? '')?.[1];
  return os.get('VERSION_CODENAME') || os.get('UBUNTU_CODENAME') || fromVersion || src.lsb.codename || undefined;
}

/** Ansible's first guess from the `distro` library, before the release files refine it. */
export function guessDistribution(src: DistSources): Facts {
  const id = distroId(src);
  let name = id ? id[0].toUpperCase() + id.slice(1) : 'OtherLinux';
  if (name === 'Amzn') name = 'Amazon';
  else if (name === 'Rhel') name = 'Redhat';
  const version = distroVersion(src, id) || 'NA';
  return { distribution: name, distribution_version: version, distribution_release: distroCodename(src) ?? 'NA', distribution_major_version: version.split('.')[0] || 'NA' };
}

export const distributionCollector: Collector = {
  name: 'distribution',
  factIds: ['distribution_version', 'distribution_release', 'distribution_major_version', 'os_family'],
  sections: ['uname', 'os_release', 'dist_files', 'lsb', 'python'],
  collect(out) {
    const [system = '', kernel = '', kernelVersion = ''] = (out.get('uname') ?? '').split('\n');
    if (system !== 'Linux') return { distribution: system, distribution_release: kernel, distribution_version: kernelVersion, os_family: system };
    const src = distSources(out);
    const guess = guessDistribution(src);
    const dist = { ...guess, ...parseDistFiles(src, guess) };
    return { ...dist, os_family: osFamily(String(dist.distribution)) };
  },
};

/** The sections the distribution collector reads, parsed. */
export function distSources(out: Sections): DistSources {
  const osReleaseText = out.get('os_release') ?? '';
  return {
    osRelease: parseOsRelease(osReleaseText),
    osReleaseText,
    lsb: parseLsb(out.get('lsb') ?? ''),
    files: keyValues(linesOf(out, 'dist_files')),
    distroLibrary: pythonProbe(out)?.distro,
  };
}
