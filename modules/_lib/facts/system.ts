import { parseLsb } from './os-release';
import { type Collector, type Facts, keyValues, linesOf } from './types';

export const lsbCollector: Collector = {
  name: 'lsb',
  sections: ['lsb'],
  collect(out) {
    return { lsb: parseLsb(out.get('lsb') ?? '') };
  },
};

export const userCollector: Collector = {
  name: 'user',
  factIds: ['user_id', 'user_uid', 'user_gid', 'user_gecos', 'user_dir', 'user_shell', 'real_user_id', 'effective_user_id', 'effective_group_ids'],
  sections: ['user'],
  collect(out) {
    const [name = '', ruid, euid, rgid, passwd = ''] = linesOf(out, 'user');
    const [, , uid, gid, gecos = '', dir = '', shell = ''] = passwd.split(':');
    return {
      user_id: name,
      user_uid: Number(uid),
      user_gid: Number(gid),
      user_gecos: gecos,
      user_dir: dir,
      user_shell: shell,
      real_user_id: Number(ruid),
      effective_user_id: Number(euid),
      real_group_id: Number(rgid),
      // Ansible reports the real group id here too.
      effective_group_id: Number(rgid),
    };
  },
};

export const sshPubKeysCollector: Collector = {
  name: 'ssh_pub_keys',
  factIds: ['ssh_host_pub_keys', 'ssh_host_key_dsa_public', 'ssh_host_key_rsa_public', 'ssh_host_key_ecdsa_public', 'ssh_host_key_ed25519_public'],
  sections: ['ssh_keys'],
  collect(out) {
    const facts: Facts = {};
    for (const line of linesOf(out, 'ssh_keys')) {
      const [algo, keytype, key] = line.split(/\s+/);
      if (!key) continue;
      facts[`ssh_host_key_${algo}_public`] = key;
      facts[`ssh_host_key_${algo}_public_keytype`] = keytype;
    }
    return facts;
  },
};

const PKG_MGRS: [string, string][] = [
  ['/usr/bin/rpm-ostree', 'atomic_container'], ['/usr/bin/yum', 'yum'], ['/usr/bin/dnf', 'dnf'], ['/usr/bin/apt-get', 'apt'],
  ['/usr/bin/zypper', 'zypper'], ['/usr/sbin/urpmi', 'urpmi'], ['/usr/bin/pacman', 'pacman'], ['/bin/opkg', 'opkg'],
  ['/usr/pkg/bin/pkgin', 'pkgin'], ['/opt/local/bin/pkgin', 'pkgin'], ['/opt/tools/bin/pkgin', 'pkgin'], ['/opt/local/bin/port', 'macports'],
  ['/usr/local/bin/brew', 'homebrew'], ['/opt/homebrew/bin/brew', 'homebrew'], ['/sbin/apk', 'apk'], ['/usr/sbin/pkg', 'pkgng'],
  ['/usr/sbin/swlist', 'swdepot'], ['/usr/bin/emerge', 'portage'], ['/usr/sbin/pkgadd', 'svr4pkg'], ['/usr/bin/pkg', 'pkg5'],
  ['/usr/bin/xbps-install', 'xbps'], ['/usr/local/sbin/pkg', 'pkgng'], ['/usr/bin/swupd', 'swupd'], ['/usr/sbin/sorcery', 'sorcery'],
  ['/usr/bin/installp', 'installp'],
];

function redHatPkgMgr(found: string, present: Set<string>, facts: Facts): string {
  if (present.has('/run/ostree-booted')) return 'atomic_container';
  const major = parseInt(String(facts.distribution_major_version), 10);
  const pick = (threshold: number) => (Number.isNaN(major) ? 'dnf' : major < threshold ? (present.has('/usr/bin/yum') ? 'yum' : found) : present.has('/usr/bin/dnf') ? 'dnf' : found);
  if (facts.distribution === 'Fedora') return pick(23);
  if (facts.distribution === 'Amazon') return pick(2022);
  return major < 8 ? 'yum' : 'dnf';
}

export const pkgMgrCollector: Collector = {
  name: 'pkg_mgr',
  requires: ['distribution'],
  sections: ['pkg_mgr'],
  collect(out, facts) {
    const lines = linesOf(out, 'pkg_mgr');
    const present = new Set(lines);
    const candidates = facts.os_family === 'Altlinux' ? PKG_MGRS.filter(([p]) => p !== '/usr/bin/pkg') : PKG_MGRS;
    // The last manager present wins, as in Ansible's list walk.
    let name = 'unknown';
    for (const [path, mgr] of candidates) if (present.has(path)) name = mgr;
    if (facts.os_family === 'RedHat') name = redHatPkgMgr(name, present, facts);
    else if (facts.os_family === 'Debian') name = 'apt';
    else if (facts.os_family === 'Altlinux' && name === 'apt') name = 'apt_rpm';
    if (name === 'apt' && present.has('apt_rpm')) name = 'apt_rpm';
    return { pkg_mgr: name };
  },
};

const PROC_1_MAP: Record<string, string> = { procd: 'openwrt_init', 'runit-init': 'runit', svscan: 'svc', 'openrc-init': 'openrc' };

function linuxServiceMgr(kv: Map<string, string>, exists: Set<string>): string | undefined {
  const systemctl = kv.has('systemctl');
  if (systemctl && ['/run/systemd/system/', '/dev/.run/systemd/', '/dev/.systemd/'].some((p) => exists.has(p))) return 'systemd';
  if (kv.has('initctl') && exists.has('/etc/init/')) return 'upstart';
  if (exists.has('/sbin/openrc')) return 'openrc';
  if (systemctl && (kv.get('init') ?? '').endsWith('systemd')) return 'systemd';
  if (exists.has('/etc/init.d/')) return 'sysvinit';
  return undefined;
}

export const serviceMgrCollector: Collector = {
  name: 'service_mgr',
  requires: ['platform', 'distribution'],
  sections: ['service_mgr'],
  collect(out, facts) {
    const lines = linesOf(out, 'service_mgr');
    const kv = keyValues(lines);
    const exists = new Set(lines.filter((l) => l.startsWith('exists=')).map((l) => l.slice(7)));
    let proc1: string | undefined = kv.get('comm')?.trim() || kv.get('init');
    if (proc1 !== undefined) proc1 = proc1.split('/').pop()?.trim();
    if (proc1 === 'init' || proc1?.endsWith('sh')) proc1 = undefined;
    let mgr = proc1 ? (PROC_1_MAP[proc1] ?? proc1) : undefined;
    if (!mgr && facts.distribution === 'OpenWrt') mgr = 'openwrt_init';
    else if (!mgr && facts.system === 'Linux') mgr = linuxServiceMgr(kv, exists);
    return { service_mgr: mgr ?? 'service' };
  },
};
