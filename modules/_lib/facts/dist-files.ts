import type { DistSources } from './distribution';
import type { Facts } from './types';

/** A release file parser: the facts it found, or undefined when the file is not of its kind. */
type Parse = (data: string, src: DistSources, guess: Facts) => Facts | undefined;

interface DistFile {
  path: string;
  name: string;
  allowEmpty?: boolean;
  parse: Parse;
}

/** Files that only name the distribution: `name` when `marker` appears, else the file's first word. */
const searchString = (marker: string, name: string): Parse => (data) => ({ distribution: data.includes(marker) ? name : data.split(/\s+/)[0] });

const match = (re: RegExp, data: string): string | undefined => re.exec(data)?.[1];

function versionFacts(version: string | undefined): Facts {
  return version ? { distribution_version: version, distribution_major_version: version.split('.')[0] } : {};
}

const release = (value: string | undefined): Facts => (value ? { distribution_release: value } : {});

const DEBIAN_LIKE: [string[], string, Parse][] = [
  [['Ubuntu'], 'Ubuntu', () => ({})],
  [['SteamOS'], 'SteamOS', () => ({})],
  [['Kali'], 'Kali', (d) => release(match(/DISTRIB_RELEASE=(.*)/, d))],
  [['Parrot'], 'Parrot', (d) => release(match(/DISTRIB_RELEASE=(.*)/, d))],
  [['Devuan'], 'Devuan', (d) => {
    const v = match(/VERSION_ID="(.*)"/, d);
    return { ...release(match(/PRETTY_NAME="?[^("]+ \(?([^) "]+)\)?/, d)), ...(v ? { distribution_version: v, distribution_major_version: v } : {}) };
  }],
  [['Cumulus'], 'Cumulus Linux', (d) => {
    const v = match(/VERSION_ID=(.*)/, d);
    return { ...(v ? { distribution_version: v, distribution_major_version: v.split('.')[0] } : {}), ...release(match(/VERSION="(.*)"/, d)) };
  }],
  [['Mint'], 'Linux Mint', (d) => versionFacts(match(/VERSION_ID="(.*)"/, d))],
  [['UOS', 'Uos', 'uos'], 'Uos', (d) => ({ ...versionFacts(match(/VERSION_ID="(.*)"/, d)), ...codename(d) })],
  [['Deepin', 'deepin'], 'Deepin', (d) => ({ ...versionFacts(match(/VERSION_ID="(.*)"/, d)), ...codename(d) })],
];

function codename(data: string): Facts {
  return release(match(/VERSION_CODENAME="?([^"\n]+)"?/, data));
}

/** Debian and its derivatives, told apart by the names their os-release mentions. */
const parseDebian: Parse = (data, src, guess) => {
  if (data.includes('Debian') || data.includes('Raspbian')) {
    const facts: Facts = { distribution: 'Debian', ...release(match(/PRETTY_NAME=[^(]+ \(?([^)]+?)\)/, data)) };
    const minor = /(\d+)\.(\d+)/.exec((src.files.get('/etc/debian_version') ?? '').trim());
    if (minor) facts.distribution_minor_version = minor[2];
    return facts;
  }
  for (const [markers, name, parse] of DEBIAN_LIKE) {
    if (markers.some((m) => data.includes(m))) return { distribution: name, ...parse(data, src, guess) };
  }
  return undefined;
};

const parseSuse: Parse = (data, src) => {
  if (!data.toLowerCase().includes('suse')) return undefined;
  return { distribution: src.osRelease.get('NAME') ?? 'SUSE', ...versionFacts(src.osRelease.get('VERSION_ID')) };
};

const parseAmazon: Parse = (data, src) => {
  if (!data.includes('Amazon')) return undefined;
  const version = src.osRelease.get('VERSION_ID') ?? '';
  const [major, minor] = version.split('.');
  return { distribution: 'Amazon', distribution_version: version, distribution_major_version: major, distribution_minor_version: minor ?? 'NA' };
};

const parseNA: Parse = (_data, src, guess) => {
  const facts: Facts = {};
  const name = src.osRelease.get('NAME');
  if (name) facts.distribution = name;
  const version = src.osRelease.get('VERSION');
  if (version && guess.distribution_version === 'NA') facts.distribution_version = version;
  return facts;
};

/** The release files Ansible tries, in its order; the first that parses names the distribution. */
const DIST_FILES: DistFile[] = [
  { path: '/etc/altlinux-release', name: 'Altlinux', parse: searchString('ALT', 'Altlinux') },
  { path: '/etc/oracle-release', name: 'OracleLinux', parse: searchString('Oracle Linux', 'OracleLinux') },
  { path: '/etc/slackware-version', name: 'Slackware', parse: (d) => (d.includes('Slackware') ? { distribution: 'Slackware', ...versionFacts(match(/Slackware ([0-9]+\.[0-9]+)/, d)) } : undefined) },
  { path: '/etc/centos-release', name: 'CentOS', parse: (d) => (d.includes('CentOS Stream') ? { distribution_release: 'Stream' } : undefined) },
  { path: '/etc/redhat-release', name: 'RedHat', parse: searchString('Red Hat', 'RedHat') },
  { path: '/etc/os-release', name: 'Amazon', parse: parseAmazon },
  { path: '/etc/alpine-release', name: 'Alpine', parse: (d) => ({ distribution: 'Alpine', distribution_version: d }) },
  { path: '/etc/arch-release', name: 'Archlinux', allowEmpty: true, parse: () => ({}) },
  { path: '/etc/os-release', name: 'Archlinux', parse: (d) => (d.includes('Arch Linux') ? {} : undefined) },
  { path: '/etc/os-release', name: 'SUSE', parse: parseSuse },
  { path: '/etc/os-release', name: 'Debian', parse: parseDebian },
  { path: '/etc/os-release', name: 'NA', parse: parseNA },
];

function fileContent(src: DistSources, path: string): string | undefined {
  return path === '/etc/os-release' ? src.osReleaseText || undefined : src.files.get(path);
}

/**
 * Walks Ansible's release-file list: the first file present whose parser accepts it sets the
 * distribution (and file path/variety), and may refine version, release and minor version.
 */
export function parseDistFiles(src: DistSources, guess: Facts): Facts {
  for (const file of DIST_FILES) {
    const content = fileContent(src, file.path);
    if (content === undefined || (content.trim() === '' && !file.allowEmpty)) continue;
    const base = { distribution: file.name, distribution_file_path: file.path, distribution_file_variety: file.name };
    if (file.allowEmpty) return base;
    const parsed = file.parse(content.replace(/^["'\\]+|["'\\]+$/g, ''), src, guess);
    if (parsed) return { ...base, distribution_file_parsed: true, ...parsed };
  }
  return {};
}
