import { distributionCollector } from '../../../modules/_lib/facts/distribution';
import { parseLsb } from '../../../modules/_lib/facts/os-release';
import { lsbCollector } from '../../../modules/_lib/facts/system';

/** The sections a host prints, as the gathering script would. */
function host(osRelease: string, files: Record<string, string>, lsb: string, distroLibrary: string | null = null): Map<string, string> {
  return new Map([
    ['python', JSON.stringify({ distro: distroLibrary })],
    ['uname', 'Linux\n6.8.0-45-generic\n#45-Ubuntu SMP'],
    ['os_release', osRelease],
    ['dist_files', Object.entries(files).map(([p, c]) => `${p}=${c}`).join('\n')],
    ['lsb', lsb],
  ]);
}

const UBUNTU_2204 = `PRETTY_NAME="Ubuntu 22.04.4 LTS"
NAME="Ubuntu"
VERSION_ID="22.04"
VERSION="22.04.4 LTS (Jammy Jellyfish)"
VERSION_CODENAME=jammy
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=jammy`;

const UBUNTU_2404 = `PRETTY_NAME="Ubuntu 24.04.1 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.1 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo`;

const DEBIAN_12 = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"`;

const lsbOutput = (id: string, desc: string, release: string, codename: string) =>
  `Distributor ID:\t${id}\nDescription:\t${desc}\nRelease:\t${release}\nCodename:\t${codename}`;

describe('distribution facts', () => {
  it.each([
    ['22.04', UBUNTU_2204, 'jammy', '22.04.4', 'bookworm/sid'],
    ['24.04', UBUNTU_2404, 'noble', '24.04.1', 'trixie/sid'],
  ])('maps Ubuntu %s as Ansible does', (version, osRelease, codename, point, debianVersion) => {
    const facts = distributionCollector.collect(
      host(osRelease, { '/etc/debian_version': debianVersion }, lsbOutput('Ubuntu', `Ubuntu ${point} LTS`, version, codename)),
      {},
    );
    expect(facts).toEqual({
      distribution: 'Ubuntu',
      distribution_version: version,
      distribution_major_version: version.split('.')[0],
      distribution_release: codename,
      distribution_file_path: '/etc/os-release',
      distribution_file_variety: 'Debian',
      distribution_file_parsed: true,
      os_family: 'Debian',
    });
  });

  it('takes the minor version of Debian from /etc/debian_version, and the point release when python3-distro reads it', () => {
    const withLibrary = distributionCollector.collect(host(DEBIAN_12, { '/etc/debian_version': '12.11' }, '', '1.8.0'), {});
    expect(withLibrary).toMatchObject({ distribution: 'Debian', distribution_version: '12.11', distribution_major_version: '12', distribution_minor_version: '11', distribution_release: 'bookworm', os_family: 'Debian' });
    // Without a system distro package Ansible's bundled copy (1.6) ignores /etc/debian_version.
    const bundled = distributionCollector.collect(host(DEBIAN_12, { '/etc/debian_version': '12.11' }, ''), {});
    expect(bundled).toMatchObject({ distribution_version: '12', distribution_major_version: '12', distribution_minor_version: '11' });
  });

  it('names a Red Hat family host from redhat-release and its os-release version', () => {
    const os = 'NAME="Rocky Linux"\nVERSION_ID="9.3"\nID="rocky"\nID_LIKE="rhel centos fedora"\nPRETTY_NAME="Rocky Linux 9.3 (Blue Onyx)"';
    const facts = distributionCollector.collect(host(os, { '/etc/redhat-release': 'Rocky Linux release 9.3 (Blue Onyx)' }, ''), {});
    expect(facts).toMatchObject({ distribution: 'Rocky', distribution_version: '9.3', distribution_major_version: '9', distribution_file_variety: 'RedHat', os_family: 'RedHat' });
  });

  it('reads lsb facts from lsb_release, or from /etc/lsb-release with quotes stripped', () => {
    expect(lsbCollector.collect(new Map([['lsb', lsbOutput('Ubuntu', 'Ubuntu 22.04.4 LTS', '22.04', 'jammy')]]), {})).toEqual({
      lsb: { id: 'Ubuntu', description: 'Ubuntu 22.04.4 LTS', release: '22.04', codename: 'jammy', major_release: '22' },
    });
    const file = '@file\nDISTRIB_ID=Ubuntu\nDISTRIB_RELEASE=24.04\nDISTRIB_CODENAME=noble\nDISTRIB_DESCRIPTION="Ubuntu 24.04.1 LTS"';
    expect(parseLsb(file)).toEqual({ id: 'Ubuntu', release: '24.04', codename: 'noble', description: 'Ubuntu 24.04.1 LTS', major_release: '24' });
  });
});
