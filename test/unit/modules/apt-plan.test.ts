import { preparedDiff, aptChangedSomething, isLockError } from '../../../modules/_lib/apt/apt-output';
import { compareDebVersions } from '../../../modules/_lib/apt/debian-version';
import { parseProbe, SECTION } from '../../../modules/_lib/apt/package-state';
import { autoMarked, planInstall, planRemove, splitSpec } from '../../../modules/_lib/apt/plan';

/** Probe output as the host prints it: dpkg-query lines, apt-cache policy blocks, apt-mark showauto names. */
const PROBE = [
  SECTION.dpkg,
  'curl\tinstall ok installed\t7.88.1-10+deb12u5',
  'nginx\tdeinstall ok config-files\t1.22.1-9',
  SECTION.policy,
  'curl:',
  '  Installed: 7.88.1-10+deb12u5',
  '  Candidate: 7.88.1-10+deb12u15',
  '  Version table:',
  '     7.88.1-10+deb12u15 500',
  '        500 http://deb.debian.org/debian bookworm/main amd64 Packages',
  ' *** 7.88.1-10+deb12u5 100',
  '        100 /var/lib/dpkg/status',
  'hello:',
  '  Installed: (none)',
  '  Candidate: 2.10-3',
  '  Version table:',
  '     2.10-3 500',
  '        500 http://deb.debian.org/debian bookworm/main amd64 Packages',
  'mail-transport-agent:',
  '  Installed: (none)',
  '  Candidate: (none)',
  '  Version table:',
  SECTION.auto,
  'curl',
  SECTION.stamp,
  '1795634054',
  '1795634100',
  '',
].join('\n');

const host = parseProbe(PROBE);
const opts = { upgrade: false, onlyUpgrade: false };

describe('apt probe output', () => {
  it('reads dpkg status, apt versions, auto marks and the cache time', () => {
    expect(host.states.get('curl')).toEqual({ status: 'installed', installed: '7.88.1-10+deb12u5', candidate: '7.88.1-10+deb12u15', versions: ['7.88.1-10+deb12u15', '7.88.1-10+deb12u5'], known: true, auto: true });
    expect(host.states.get('nginx')).toMatchObject({ status: 'config-files', known: false });
    expect(host.states.get('nginx')?.installed).toBeUndefined();
    expect(host.states.get('mail-transport-agent')).toMatchObject({ known: true, versions: [], candidate: undefined });
    expect(host.cacheTime).toBe(1795634054);
  });
});

describe('apt install plan (what apt-get install is given)', () => {
  it('pins a missing package to the candidate and leaves an installed one alone', () => {
    expect(planInstall(['hello', 'curl'], host, opts)).toEqual({ ok: true, packages: ['hello=2.10-3'], names: ['hello', 'curl'], virtual: [] });
  });
  it('state=latest upgrades to the candidate', () => {
    expect(planInstall(['curl'], host, { ...opts, upgrade: true })).toMatchObject({ packages: ['curl=7.88.1-10+deb12u15'] });
  });
  it('a version glob picks the best matching version; an installed match is enough', () => {
    expect(planInstall(['hello=2.10*'], host, opts)).toMatchObject({ packages: ['hello=2.10-3'] });
    expect(planInstall(['curl=7.88.1-10+deb12u15'], host, opts)).toMatchObject({ packages: ['curl=7.88.1-10+deb12u15'] });
    expect(planInstall(['hello=3*'], host, opts)).toEqual({ ok: false, msg: 'no available installation candidate for hello=3*' });
    // As in Ansible, `>=` only constrains an installed version; a missing package gets the candidate.
    expect(planInstall(['hello>=3'], host, opts)).toMatchObject({ packages: ['hello=2.10-3'] });
  });
  it('unknown names fail as Ansible words it; virtual ones are left to apt', () => {
    expect(planInstall(['nope'], host, opts)).toEqual({ ok: false, msg: "No package matching 'nope' is available" });
    expect(planInstall(['mail-transport-agent'], host, opts)).toMatchObject({ packages: [], virtual: ['mail-transport-agent'] });
  });
  it('only_upgrade skips what is not installed', () => {
    expect(planInstall(['hello'], host, { upgrade: true, onlyUpgrade: true })).toMatchObject({ packages: [] });
  });
  it('names marked automatic are the ones apt-mark must make manual', () => {
    expect(autoMarked(['hello', 'curl'], host)).toEqual(['curl']);
  });
});

describe('apt remove plan', () => {
  it('removes installed packages; with purge also leftover configuration', () => {
    expect(planRemove(['curl', 'hello', 'nginx'], host, false)).toEqual(['curl']);
    expect(planRemove(['curl', 'hello', 'nginx'], host, true)).toEqual(['curl', 'nginx']);
    expect(planRemove(['curl=1.0'], host, false)).toEqual([]);
  });
});

describe('package specs and Debian versions', () => {
  it('splits name=version and name>=version', () => {
    expect(splitSpec('foo=1.0*')).toEqual({ name: 'foo', op: '=', version: '1.0*' });
    expect(splitSpec('foo>=2')).toEqual({ name: 'foo', op: '>=', version: '2' });
    expect(splitSpec('foo')).toEqual({ name: 'foo' });
  });
  it.each([
    ['1.0', '1.0', 0],
    ['1.0~rc1', '1.0', -1],
    ['1:0.9', '2.0', 1],
    ['1.0-2', '1.0-10', -1],
    ['7.88.1-10+deb12u15', '7.88.1-10+deb12u5', 1],
    ['1.0a', '1.0+', -1],
    ['2.10-3', '2.10', 1],
  ])('%s vs %s → %i', (a, b, want) => {
    expect(compareDebVersions(a, b)).toBe(want);
    expect(compareDebVersions(b, a)).toBe(-want || 0);
  });
});

describe('apt-get output', () => {
  const out = 'Reading package lists...\nBuilding dependency tree...\nReading state information...\nThe following NEW packages will be installed:\n  hello\n0 upgraded, 1 newly installed, 0 to remove and 3 not upgraded.\nInst hello (2.10-3 Debian:12 [amd64])\n';
  it('diff.prepared is the part between the state line and the summary', () => {
    expect(preparedDiff(out)).toEqual({ prepared: 'The following NEW packages will be installed:\n  hello\n0 upgraded, 1 newly installed, 0 to remove and 3 not upgraded.' });
  });
  it('the summary line says whether anything changes', () => {
    expect(aptChangedSomething(out)).toBe(true);
    expect(aptChangedSomething('0 upgraded, 0 newly installed, 0 to remove and 3 not upgraded.')).toBe(false);
  });
  it('recognises a held lock', () => {
    expect(isLockError('E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 126 (python3)')).toBe(true);
    expect(isLockError('E: Unable to locate package nope')).toBe(false);
    const notRoot = 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?';
    expect(isLockError(notRoot)).toBe(false);
  });
});
