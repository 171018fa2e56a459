import { parseCpuinfo } from '../../../modules/_lib/facts/cpu';
import { parseDateTime } from '../../../modules/_lib/facts/date-time';
import { parseMeminfo } from '../../../modules/_lib/facts/hardware';
import { parseCmdline } from '../../../modules/_lib/facts/host-config';
import { buildNetworkFacts } from '../../../modules/_lib/facts/network-facts';
import { buildScript, splitSections } from '../../../modules/_lib/facts/script';
import { filterFacts, selectCollectors } from '../../../modules/_lib/facts/subset';

const IP_ADDR = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000
    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00
    inet 127.0.0.1/8 scope host lo
       valid_lft forever preferred_lft forever
    inet6 ::1/128 scope host
       valid_lft forever preferred_lft forever
2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP group default qlen 1000
    link/ether 02:fc:00:00:00:01 brd ff:ff:ff:ff:ff:ff link-netnsid 0
    inet 192.0.2.2/24 brd 192.0.2.255 scope global eth0
       valid_lft forever preferred_lft forever
    inet6 fe80::fc:ff:fe00:1/64 scope link
       valid_lft forever preferred_lft forever
@secondary
2: eth0@if7: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1400 qdisc noqueue state UP group default qlen 1000
    inet 192.0.2.9/24 brd 192.0.2.255 scope global secondary eth0:1
       valid_lft forever preferred_lft forever`;

const SYSFS = ['iface=eth0', 'address=02:fc:00:00:00:01', 'mtu=1400', 'operstate=up', 'type=1', 'flags=0x1003', 'speed=-1', 'iface=lo', 'address=00:00:00:00:00:00', 'mtu=65536', 'operstate=unknown', 'type=772', 'flags=0x9'];

describe('network facts', () => {
  const facts = buildNetworkFacts('8.8.8.8 via 192.0.2.1 dev eth0 src 192.0.2.2 uid 0\n@v6\n', IP_ADDR, SYSFS);

  it('describes the default IPv4 route with string prefix and integer mtu', () => {
    expect(facts.default_ipv4).toEqual({
      address: '192.0.2.2', alias: 'eth0', broadcast: '192.0.2.255', gateway: '192.0.2.1', interface: 'eth0',
      macaddress: '02:fc:00:00:00:01', mtu: 1400, netmask: '255.255.255.0', network: '192.0.2.0', prefix: '24', type: 'ether',
    });
    expect(facts.default_ipv6).toEqual({});
  });

  it('lists interfaces, aliases as their own, and addresses without loopback', () => {
    expect(facts.interfaces).toEqual(['eth0', 'eth0_1', 'lo']);
    expect(facts.all_ipv4_addresses).toEqual(['192.0.2.2', '192.0.2.9']);
    expect(facts.all_ipv6_addresses).toEqual(['fe80::fc:ff:fe00:1']);
    expect(facts.lo).toEqual({
      device: 'lo', mtu: 65536, active: true, type: 'loopback', promisc: false,
      ipv4: { address: '127.0.0.1', broadcast: '', netmask: '255.0.0.0', network: '127.0.0.0', prefix: '8' },
      ipv6: [{ address: '::1', prefix: '128', scope: 'host' }],
    });
    expect(facts.eth0).toMatchObject({ speed: -1, ipv4_secondaries: [{ address: '192.0.2.9', prefix: '24' }] });
    expect(facts.eth0_1).toEqual({ ipv4_secondaries: [{ address: '192.0.2.9', broadcast: '192.0.2.255', netmask: '255.255.255.0', network: '192.0.2.0', prefix: '24' }] });
  });

  it('gives no network facts when ip printed nothing', () => {
    expect(buildNetworkFacts('', '', SYSFS)).toEqual({});
  });
});

describe('hardware facts', () => {
  const cpu = (n: number) => [`processor\t: ${n}`, 'vendor_id\t: GenuineIntel', 'model name\t: Intel(R) Xeon(R)', 'physical id\t: 0', 'siblings\t: 4', `core id\t\t: ${n % 2}`, 'cpu cores\t: 2'];

  it('counts sockets, cores, threads and vcpus from cpuinfo', () => {
    expect(parseCpuinfo([0, 1, 2, 3].flatMap(cpu), 'x86_64', 4, false)).toEqual({
      processor: [0, 1, 2, 3].flatMap((n) => [String(n), 'GenuineIntel', 'Intel(R) Xeon(R)']),
      processor_count: 1, processor_cores: 2, processor_threads_per_core: 2, processor_vcpus: 4, processor_nproc: 4,
    });
  });

  it('floors kB to MB and derives used and nocache memory', () => {
    const facts = parseMeminfo(['MemTotal:  2048000 kB', 'MemFree:  1024000 kB', 'Buffers: 10240 kB', 'Cached: 102400 kB', 'SwapCached: 0 kB', 'SwapTotal: 0 kB', 'SwapFree: 0 kB']);
    expect(facts).toEqual({
      memtotal_mb: 2000, memfree_mb: 1000, swaptotal_mb: 0, swapfree_mb: 0,
      memory_mb: { real: { total: 2000, used: 1000, free: 1000 }, nocache: { free: 1110, used: 890 }, swap: { total: 0, free: 0, used: 0, cached: 0 } },
    });
  });
});

describe('cmdline facts', () => {
  const line = 'BOOT_IMAGE=/vmlinuz root=UUID=1234 ro quiet console=tty0 console=ttyS0,115200 label="a b" ro';

  it('splits as Python shlex without POSIX rules: quotes kept, only a leading quote groups', () => {
    expect(parseCmdline(line, false)).toEqual({ BOOT_IMAGE: '/vmlinuz', root: 'UUID=1234', ro: true, quiet: true, console: 'ttyS0,115200', label: '"a', 'b"': true });
  });

  it('keeps every value of a repeated key in proc_cmdline', () => {
    expect(parseCmdline(line, true)).toMatchObject({ console: ['tty0', 'ttyS0,115200'], ro: true });
  });

  it('gives nothing for an unclosed leading quote, where Python raises', () => {
    expect(parseCmdline('a "b', false)).toEqual({});
  });
});

describe('date_time facts', () => {
  it('gives every value as a string, ISO times in UTC', () => {
    const dt = parseDateTime(['2024|03|Sunday|0|12|31|03|30|05|1711848605|123456789|CEST|+0200', 'CET|+0100', 'CEST|+0200']);
    expect(dt).toMatchObject({ date: '2024-03-31', time: '03:30:05', epoch: '1711848605', epoch_int: '1711848605', iso8601: '2024-03-31T01:30:05Z', iso8601_micro: '2024-03-31T01:30:05.123456Z', iso8601_basic: '20240331T033005123456', tz: 'CEST', tz_dst: 'CEST', tz_offset: '+0200', weekday: 'Sunday' });
    expect(Object.values(dt).every((v) => typeof v === 'string')).toBe(true);
  });
});

describe('gather_subset and filter', () => {
  const names = (subset: string[]) => selectCollectors(subset).map((c) => c.name);

  it('min skips hardware, network and virtual, and sends a shorter script', () => {
    expect(names(['min'])).not.toEqual(expect.arrayContaining(['hardware']));
    expect(names(['min'])).toEqual(names(['!all']));
    expect(names(['all'])).toEqual(expect.arrayContaining(['hardware', 'network', 'virtual']));
    const script = (s: string[]) => buildScript(selectCollectors(s).flatMap((c) => c.sections));
    for (const probe of ['ip addr show', '/proc/cpuinfo', '/proc/meminfo', 'stat -f', '/proc/1/cgroup']) {
      expect(script(['all'])).toContain(probe);
      expect(script(['min'])).not.toContain(probe);
    }
  });

  it('adds named subsets to the minimum and honours exclusions', () => {
    expect(names(['!all', 'network'])).toEqual(expect.arrayContaining(['network', 'platform', 'distribution']));
    expect(names(['!all', '!min'])).toEqual([]);
    expect(names(['all', '!hardware'])).not.toContain('hardware');
    expect(names(['!all', '!min', 'pkg_mgr'])).toEqual(['distribution', 'pkg_mgr']);
  });

  it('rejects an unknown subset with Ansible message', () => {
    expect(() => selectCollectors(['bogus'])).toThrow(/^Bad subset 'bogus' given to Ansible\. gather_subset options allowed: all, all_ipv4_addresses, /);
  });

  it('filters with fnmatch globs, the ansible_ prefix optional', () => {
    const facts = { ansible_python: 1, ansible_python_version: 2, ansible_os_family: 3, gather_subset: 4 };
    expect(Object.keys(filterFacts(facts, ['python*']))).toEqual(['ansible_python', 'ansible_python_version']);
    expect(Object.keys(filterFacts(facts, ['ansible_os_famil?', 'gather_[sx]ubset']))).toEqual(['ansible_os_family', 'gather_subset']);
    expect(filterFacts(facts, [])).toBe(facts);
  });

  it('splits the script output back into its sections', () => {
    const id = 'c'.repeat(32);
    expect(splitSections(`noise\n@@tsible-facts-${id}\n@@${id}:a\nx\ny\n@@tsible-facts:b\n\n@@${id}:b\n`)).toEqual(new Map([['a', 'x\ny\n@@tsible-facts:b'], ['b', '']]));
    expect(() => splitSections(`@@tsible-facts-${id}\n@@${id}:a\n@@${id}:a\n`)).toThrow('names section a twice');
  });
});
