export type Iface = Record<string, unknown>;
export type Addr4 = { address: string; broadcast: string; netmask: string; network: string; prefix: string };

const INTERFACE_TYPE: Record<string, string> = { '1': 'ether', '32': 'infiniband', '512': 'ppp', '772': 'loopback', '65534': 'tunnel' };

function ipv4ToInt(ip: string): number {
  return ip.split('.').reduce((n, part) => n * 256 + (Number(part) & 255), 0) >>> 0;
}

function intToIpv4(n: number): string {
  return [24, 16, 8, 0].map((s) => (n >>> s) & 255).join('.');
}

/** An `inet` line's address with netmask and network computed from the prefix length. */
export function ipv4Entry(words: string[]): Addr4 {
  const [address, prefix = '32'] = words[1].split('/');
  const broadcast = words.length > 3 && words[2] === 'brd' ? words[3] : '';
  const bits = Number(prefix);
  const mask = bits === 0 ? 0 : (0xffffffff << (32 - bits)) >>> 0;
  return { address, broadcast, netmask: intToIpv4(mask), network: intToIpv4((ipv4ToInt(address) & mask) >>> 0), prefix };
}

/** `ip route get` output: interface, source address and gateway. */
export function parseRouteGet(line: string | undefined, target: string): Record<string, string> {
  const words = (line ?? '').trim().split(/\s+/);
  const out: Record<string, string> = {};
  if (words[0] !== target) return out;
  for (let i = 0; i < words.length - 1; i++) {
    if (words[i] === 'dev') out.interface = words[i + 1];
    else if (words[i] === 'src') out.address = words[i + 1];
    else if (words[i] === 'via' && words[i + 1] !== target) out.gateway = words[i + 1];
  }
  return out;
}

/** sysfs attributes per interface, in directory order, from `iface=NAME` blocks. */
export function parseSysfs(lines: string[]): Map<string, Map<string, string>> {
  const ifaces = new Map<string, Map<string, string>>();
  let current: Map<string, string> | undefined;
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq < 0) continue;
    const [key, value] = [line.slice(0, eq), line.slice(eq + 1)];
    if (key === 'iface') ifaces.set(value, (current = new Map()));
    else current?.set(key, value);
  }
  return ifaces;
}

/** An interface's facts from sysfs alone, before its addresses are added. */
export function sysfsFacts(device: string, attrs: Map<string, string>): Iface {
  const iface: Iface = { device };
  const mac = attrs.get('address');
  if (mac && mac !== '00:00:00:00:00:00') iface.macaddress = mac;
  if (attrs.has('mtu')) iface.mtu = Number(attrs.get('mtu'));
  if (attrs.has('operstate')) iface.active = attrs.get('operstate') !== 'down';
  if (attrs.has('module')) iface.module = attrs.get('module');
  if (attrs.has('type')) iface.type = INTERFACE_TYPE[attrs.get('type')!] ?? 'unknown';
  if (attrs.has('bridge_id')) {
    Object.assign(iface, { type: 'bridge', interfaces: (attrs.get('brif') ?? '').split(/\s+/).filter(Boolean), id: attrs.get('bridge_id'), stp: attrs.get('stp') === '1' });
  }
  if (attrs.has('bond_mode')) {
    const first = (k: string) => (attrs.get(k) ?? '').split(/\s+/)[0];
    Object.assign(iface, { type: 'bonding', slaves: (attrs.get('bond_slaves') ?? '').split(/\s+/).filter(Boolean), mode: first('bond_mode'), miimon: first('bond_miimon'), lacp_rate: first('bond_lacp_rate') });
    if (attrs.get('bond_primary')) Object.assign(iface, { primary: attrs.get('bond_primary'), all_slaves_active: attrs.get('bond_all_slaves_active') === '1' });
  }
  if (attrs.has('pciid')) iface.pciid = attrs.get('pciid');
  const speed = attrs.get('speed');
  if (speed !== undefined && /^-?\d+$/.test(speed.trim())) iface.speed = Number(speed);
  if (attrs.has('flags')) iface.promisc = (parseInt(attrs.get('flags')!, 16) & 0x100) > 0;
  return iface;
}

/** `ip addr show` output as address lines per device. */
export function addrLinesByDevice(text: string): Map<string, string[][]> {
  const byDevice = new Map<string, string[][]>();
  let device: string | undefined;
  for (const line of text.split('\n')) {
    const head = /^\d+:\s+([^:@\s]+)(?:@\S+)?:/.exec(line);
    if (head) {
      device = head[1];
      byDevice.set(device, []);
    } else if (device && /^\s+inet6? /.test(line)) byDevice.get(device)!.push(line.trim().split(/\s+/));
  }
  return byDevice;
}
