import { dateTimeCollector } from './date-time';
import { distributionCollector } from './distribution';
import { hardwareCollector } from './hardware';
import { cmdlineCollector, dnsCollector, loadavgCollector, localCollector } from './host-config';
import { networkCollector } from './network-facts';
import { envCollector, platformCollector, pythonCollector } from './platform';
import { apparmorCollector, capsCollector, chrootCollector, fipsCollector, selinuxCollector } from './security';
import { lsbCollector, pkgMgrCollector, serviceMgrCollector, sshPubKeysCollector, userCollector } from './system';
import { type Collector, linesOf } from './types';
import { virtualCollector } from './virtual';

const iscsiCollector: Collector = { name: 'iscsi', sections: ['iscsi'], collect: (out) => ({ iscsi_iqn: (out.get('iscsi') ?? '').trim() }) };
const nvmeCollector: Collector = { name: 'nvme', sections: ['nvme'], collect: (out) => ({ hostnqn: (out.get('nvme') ?? '').trim() }) };
const fcWwnCollector: Collector = {
  name: 'fibre_channel_wwn',
  sections: ['fc_wwn'],
  collect: (out) => ({ fibre_channel_wwn: linesOf(out, 'fc_wwn').map((l) => l.trim().replace(/^0x/, '')) }),
};
/** Facter and Ohai facts come from tools tsible does not run; the names are accepted and gather nothing. */
const facterCollector: Collector = { name: 'facter', factIds: ['facter'], sections: [], collect: () => ({}) };
const ohaiCollector: Collector = { name: 'ohai', sections: [], collect: () => ({}) };

/** Every collector, in the order Ansible runs them (later ones read earlier ones' facts). */
export const COLLECTORS: Collector[] = [
  platformCollector, distributionCollector, lsbCollector,
  selinuxCollector, apparmorCollector, chrootCollector, fipsCollector,
  pythonCollector, capsCollector, pkgMgrCollector, serviceMgrCollector, cmdlineCollector, dateTimeCollector, envCollector, loadavgCollector, sshPubKeysCollector, userCollector,
  virtualCollector, hardwareCollector,
  dnsCollector, fcWwnCollector, networkCollector, iscsiCollector, nvmeCollector,
  localCollector, facterCollector, ohaiCollector,
];

/** What `gather_subset: min` (and `!all`) always keeps. */
export const MINIMAL = new Set(['apparmor', 'caps', 'cmdline', 'date_time', 'distribution', 'dns', 'env', 'fips', 'local', 'lsb', 'pkg_mgr', 'platform', 'python', 'selinux', 'service_mgr', 'ssh_pub_keys', 'user']);
