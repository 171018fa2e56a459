import { type Collector, type Facts, keyValues, linesOf } from './types';

/** What the host shows about containers and hypervisors, as the virtual section prints it. */
interface VirtEvidence {
  cgroup: string[];
  environ: string[];
  exists: Set<string>;
  systemdContainer: string;
  xenHost: boolean;
  modules: Set<string>;
  productName: string;
  sysVendor: string;
  biosVendor: string;
}

const DMI_GUESTS: [(e: VirtEvidence) => boolean, string][] = [
  [(e) => ['KVM', 'KVM Server', 'Bochs', 'AHV'].includes(e.productName), 'kvm'],
  [(e) => e.sysVendor === 'oVirt', 'oVirt'],
  [(e) => ['VMware Virtual Platform', 'VMware7,1'].includes(e.productName), 'VMware'],
  [(e) => ['OpenStack Compute', 'OpenStack Nova'].includes(e.productName), 'openstack'],
  [(e) => e.biosVendor === 'Xen', 'xen'],
  [(e) => e.productName === 'VirtualBox', 'virtualbox'],
  [(e) => e.sysVendor === 'QEMU' || e.biosVendor === 'QEMU', 'kvm'],
  [(e) => e.sysVendor === 'Amazon EC2', 'kvm'],
  [(e) => e.productName === 'Virtual Machine' && e.sysVendor === 'Microsoft Corporation', 'VirtualPC'],
];

function containerChecks(e: VirtEvidence): [string, boolean][] {
  const env = (re: RegExp) => e.environ.some((l) => re.test(l));
  const cg = (re: RegExp) => e.cgroup.some((l) => re.test(l));
  return [
    ['docker', cg(/\/docker(\/|-[0-9a-f]+\.scope)/)],
    ['lxc', cg(/\/lxc\/|\/machine\.slice\/machine-lxc/)],
    ['containerd', cg(/\/system\.slice\/containerd\.service/)],
    ['lxc', env(/container=lxc/)],
    ['podman', env(/container=podman/)],
    ['container', env(/^container=./)],
  ];
}

/** Best-effort virtualization facts: containers first, then Xen, then DMI names and kernel modules. */
export function detectVirtualization(e: VirtEvidence): Facts {
  const guest = new Set<string>();
  const host = new Set<string>();
  let type: string | undefined;
  let role: string | undefined;
  // The first technology found names the type and role; every one found is listed.
  const found = (tech: string, r: 'guest' | 'host') => {
    (r === 'guest' ? guest : host).add(tech);
    if (type === undefined) [type, role] = [tech, r];
  };
  for (const [tech, hit] of containerChecks(e)) if (hit) found(tech, 'guest');
  if (e.exists.has('/proc/vz') && !e.exists.has('/proc/lve')) found('openvz', e.exists.has('/proc/bc') ? 'host' : 'guest');
  if (e.systemdContainer) found(e.systemdContainer, 'guest');
  if (e.exists.has('/.dockerenv') || e.exists.has('/.dockerinit')) found('docker', 'guest');
  if (['docker', 'lxc', 'podman', 'openvz', 'containerd'].some((t) => guest.has(t)) || e.systemdContainer) guest.add('container');
  if (e.exists.has('/proc/xen')) found('xen', e.xenHost ? 'host' : 'guest');
  for (const [test, tech] of DMI_GUESTS) if (test(e)) found(tech, 'guest');
  if (e.modules.has('kvm') || e.exists.has('/dev/kvm')) found('kvm', 'host');
  if (e.modules.has('vboxdrv')) found('virtualbox', 'host');
  return {
    virtualization_type: type ?? 'NA',
    virtualization_role: role ?? 'NA',
    virtualization_tech_guest: [...guest].sort(),
    virtualization_tech_host: [...host].sort(),
  };
}

export const virtualCollector: Collector = {
  name: 'virtual',
  factIds: ['virtualization_type', 'virtualization_role', 'virtualization_tech_guest', 'virtualization_tech_host'],
  sections: ['virtual', 'dmi'],
  collect(out) {
    const lines = linesOf(out, 'virtual');
    const values = (prefix: string) => lines.filter((l) => l.startsWith(prefix)).map((l) => l.slice(prefix.length));
    const dmi = keyValues(linesOf(out, 'dmi'));
    return detectVirtualization({
      cgroup: values('cgroup='),
      environ: values('environ='),
      exists: new Set(values('exists=')),
      systemdContainer: values('systemd_container=')[0]?.trim() ?? '',
      xenHost: lines.includes('xen_host=1'),
      modules: new Set(values('module=')),
      productName: dmi.get('product_name')?.trim() ?? '',
      sysVendor: dmi.get('sys_vendor')?.trim() ?? '',
      biosVendor: dmi.get('bios_vendor')?.trim() ?? '',
    });
  },
};
