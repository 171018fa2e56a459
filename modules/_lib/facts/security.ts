import { pythonProbe } from './platform';
import { type Collector, keyValues, linesOf } from './types';

const SELINUX_MODES: Record<string, string> = { '1': 'enforcing', '0': 'permissive', '-1': 'disabled' };

export const selinuxCollector: Collector = {
  name: 'selinux',
  sections: ['python'],
  collect(out) {
    const se = pythonProbe(out)?.selinux;
    if (!se?.present) return { selinux: { status: 'Missing selinux Python library' }, selinux_python_present: false };
    if (!se.enabled) return { selinux: { status: 'disabled' }, selinux_python_present: true };
    const mode = (m: number | null | undefined) => (m === null || m === undefined ? 'unknown' : (SELINUX_MODES[String(m)] ?? 'unknown'));
    return {
      selinux: { status: 'enabled', policyvers: se.policyvers ?? 'unknown', config_mode: mode(se.config_mode), mode: mode(se.mode), type: se.type ?? 'unknown' },
      selinux_python_present: true,
    };
  },
};

export const apparmorCollector: Collector = {
  name: 'apparmor',
  sections: ['security'],
  collect: (out) => ({ apparmor: { status: keyValues(linesOf(out, 'security')).has('apparmor') ? 'enabled' : 'disabled' } }),
};

export const fipsCollector: Collector = {
  name: 'fips',
  sections: ['security'],
  collect: (out) => ({ fips: keyValues(linesOf(out, 'security')).get('fips')?.trim() === '1' }),
};

export const capsCollector: Collector = {
  name: 'caps',
  factIds: ['system_capabilities', 'system_capabilities_enforced'],
  sections: ['security'],
  collect(out) {
    const current = linesOf(out, 'security').find((l) => l.startsWith('Current:'));
    if (current === undefined) return { system_capabilities_enforced: 'N/A', system_capabilities: 'N/A' };
    if (current.split(':')[1].trim() === '=ep') return { system_capabilities_enforced: 'False', system_capabilities: [] };
    return { system_capabilities_enforced: 'True', system_capabilities: current.split('=')[1].split(',').map((c) => c.trim()) };
  },
};

/** The inode `/` has when it is the real root of a filesystem of this type. */
const rootInode = (fsType: string) => (fsType.includes('btrfs') ? '256' : fsType.includes('xfs') ? '128' : '2');

export const chrootCollector: Collector = {
  name: 'chroot',
  factIds: ['is_chroot'],
  sections: ['chroot'],
  collect(out) {
    const [chrootVar = '', root = '', proc1Root = '', fsType = ''] = (out.get('chroot') ?? '').split('\n');
    if (chrootVar.slice('debian_chroot='.length)) return { is_chroot: true };
    // Without access to /proc/1/root (not root), compare with the inode a real root would have.
    if (proc1Root.trim()) return { is_chroot: root.trim() !== proc1Root.trim() };
    return { is_chroot: root.split(' ')[1] !== rootInode(fsType) };
  },
};
