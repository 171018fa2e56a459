import { capsCollector, chrootCollector } from '../../../modules/_lib/facts/security';
import { pkgMgrCollector, serviceMgrCollector, sshPubKeysCollector, userCollector } from '../../../modules/_lib/facts/system';
import { detectVirtualization } from '../../../modules/_lib/facts/virtual';

const section = (name: string, text: string) => new Map([[name, text]]);

describe('service_mgr', () => {
  const mgr = (text: string, facts = { system: 'Linux' }) => serviceMgrCollector.collect(section('service_mgr', text), facts).service_mgr;

  it('names PID 1, mapped as Ansible maps it', () => {
    expect(mgr('comm=systemd')).toBe('systemd');
    expect(mgr('comm=runit-init')).toBe('runit');
    expect(mgr('comm=process_api')).toBe('process_api');
  });

  it('looks further when PID 1 is init or a shell', () => {
    expect(mgr('comm=init\nsystemctl=1\nexists=/run/systemd/system/')).toBe('systemd');
    expect(mgr('comm=bash\nexists=/sbin/openrc\nexists=/etc/init.d/')).toBe('openrc');
    expect(mgr('comm=sh\nexists=/etc/init.d/')).toBe('sysvinit');
    expect(mgr('comm=dumb-init.sh')).toBe('service');
  });
});

describe('pkg_mgr', () => {
  const pkg = (paths: string[], facts: Record<string, unknown>) => pkgMgrCollector.collect(section('pkg_mgr', paths.join('\n')), facts).pkg_mgr;

  it('follows the distribution where Ansible does', () => {
    expect(pkg(['/usr/bin/apt-get'], { os_family: 'Debian' })).toBe('apt');
    expect(pkg([], { os_family: 'Debian' })).toBe('apt');
    expect(pkg(['/usr/bin/yum', '/usr/bin/dnf'], { os_family: 'RedHat', distribution: 'RedHat', distribution_major_version: '7' })).toBe('yum');
    expect(pkg(['/usr/bin/yum', '/usr/bin/dnf'], { os_family: 'RedHat', distribution: 'Fedora', distribution_major_version: '39' })).toBe('dnf');
    expect(pkg(['/usr/bin/dnf', '/run/ostree-booted'], { os_family: 'RedHat', distribution: 'Fedora', distribution_major_version: '39' })).toBe('atomic_container');
  });

  it('takes the last manager present otherwise', () => {
    expect(pkg(['/sbin/apk'], { os_family: 'Alpine' })).toBe('apk');
    expect(pkg(['/usr/bin/pacman'], { os_family: 'Archlinux' })).toBe('pacman');
    expect(pkg([], { os_family: 'Gentoo' })).toBe('unknown');
  });
});

describe('user, ssh keys, caps, chroot', () => {
  it('gives uid and gid as numbers and the passwd fields as strings', () => {
    expect(userCollector.collect(section('user', 'deploy\n1001\n1001\n1002\ndeploy:x:1001:1002:Deploy User,,,:/home/deploy:/bin/zsh'), {})).toEqual({
      user_id: 'deploy', user_uid: 1001, user_gid: 1002, user_gecos: 'Deploy User,,,', user_dir: '/home/deploy', user_shell: '/bin/zsh',
      real_user_id: 1001, effective_user_id: 1001, real_group_id: 1002, effective_group_id: 1002,
    });
  });

  it('splits host keys into key and key type', () => {
    expect(sshPubKeysCollector.collect(section('ssh_keys', 'ed25519 ssh-ed25519 AAAAC3Nz root@h'), {})).toEqual({
      ssh_host_key_ed25519_public: 'AAAAC3Nz', ssh_host_key_ed25519_public_keytype: 'ssh-ed25519',
    });
  });

  it('reports capabilities as strings, N/A without capsh', () => {
    expect(capsCollector.collect(section('security', 'fips=\nCurrent: =ep'), {})).toEqual({ system_capabilities_enforced: 'False', system_capabilities: [] });
    expect(capsCollector.collect(section('security', 'Current: cap_chown,cap_kill=ep'), {})).toEqual({ system_capabilities_enforced: 'True', system_capabilities: ['ep'] });
    expect(capsCollector.collect(section('security', 'fips='), {})).toEqual({ system_capabilities_enforced: 'N/A', system_capabilities: 'N/A' });
  });

  it('sees a chroot by the root inode', () => {
    expect(chrootCollector.collect(section('chroot', 'debian_chroot=\n2049 2\n2049 2\next2/ext3'), {})).toEqual({ is_chroot: false });
    expect(chrootCollector.collect(section('chroot', 'debian_chroot=\n2049 5123\n2049 2\next2/ext3'), {})).toEqual({ is_chroot: true });
    expect(chrootCollector.collect(section('chroot', 'debian_chroot=\n2049 256\n\nbtrfs'), {})).toEqual({ is_chroot: false });
    expect(chrootCollector.collect(section('chroot', 'debian_chroot=sid\n2049 2\n2049 2\next2/ext3'), {})).toEqual({ is_chroot: true });
  });
});

describe('virtualization', () => {
  const none = { cgroup: [], environ: [], exists: new Set<string>(), systemdContainer: '', xenHost: false, modules: new Set<string>(), productName: '', sysVendor: '', biosVendor: '' };

  it('names the first technology found and lists them all', () => {
    expect(detectVirtualization({ ...none, cgroup: ['0::/system.slice/docker-0123abcd.scope'], productName: 'KVM' })).toEqual({
      virtualization_type: 'docker', virtualization_role: 'guest', virtualization_tech_guest: ['container', 'docker', 'kvm'], virtualization_tech_host: [],
    });
    expect(detectVirtualization({ ...none, systemdContainer: 'systemd-nspawn' })).toMatchObject({ virtualization_type: 'systemd-nspawn', virtualization_tech_guest: ['container', 'systemd-nspawn'] });
    expect(detectVirtualization({ ...none, productName: 'VMware Virtual Platform' })).toMatchObject({ virtualization_type: 'VMware', virtualization_role: 'guest' });
  });

  it('calls a host with KVM available a KVM host, and says NA when nothing is seen', () => {
    expect(detectVirtualization({ ...none, modules: new Set(['kvm']) })).toMatchObject({ virtualization_type: 'kvm', virtualization_role: 'host', virtualization_tech_host: ['kvm'] });
    expect(detectVirtualization(none)).toEqual({ virtualization_type: 'NA', virtualization_role: 'NA', virtualization_tech_guest: [], virtualization_tech_host: [] });
  });
});
