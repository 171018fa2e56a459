import { type Addr4, type Iface, addrLinesByDevice, ipv4Entry, parseRouteGet, parseSysfs, sysfsFacts } from './network';
import { type Collector, type Facts, linesOf } from './types';

interface Defaults {
  v4: Record<string, unknown>;
  v6: Record<string, unknown>;
}

interface Collected {
  interfaces: Map<string, Iface>;
  all4: string[];
  all6: string[];
}

function addIpv4(c: Collected, device: string, words: string[], secondary: boolean, defaults: Defaults, mac: string): void {
  const entry = ipv4Entry(words);
  const label = words[words.length - 1];
  // An aliased address (eth0:1) becomes an interface of its own, as Ansible reports it.
  if (label !== device) c.interfaces.set(label, {});
  const target = c.interfaces.get(label)!;
  const dev = c.interfaces.get(device)!;
  if (!secondary && !('ipv4' in target)) target.ipv4 = entry;
  else ((target.ipv4_secondaries as Addr4[] | undefined) ?? (target.ipv4_secondaries = [])).push(entry);
  if (secondary) {
    const list = (dev.ipv4_secondaries as Addr4[] | undefined) ?? (dev.ipv4_secondaries = []);
    if (label !== device) list.push({ ...entry });
  }
  if (defaults.v4.address === entry.address) {
    const { address: _a, ...rest } = entry;
    Object.assign(defaults.v4, rest, { macaddress: mac, mtu: dev.mtu, type: dev.type ?? 'unknown', alias: label });
  }
  if (!entry.address.startsWith('127.')) c.all4.push(entry.address);
}

function addIpv6(c: Collected, device: string, words: string[], defaults: Defaults, mac: string): void {
  const peer = words[2] === 'peer';
  const address = peer ? words[1] : words[1].split('/')[0];
  const prefix = (peer ? words[3] : words[1]).split('/')[1] ?? '';
  const scope = peer ? words[5] : words[3];
  const dev = c.interfaces.get(device)!;
  ((dev.ipv6 as unknown[] | undefined) ?? (dev.ipv6 = [])).push({ address, prefix, scope });
  if (defaults.v6.address === address) Object.assign(defaults.v6, { prefix, scope, macaddress: mac, mtu: dev.mtu, type: dev.type ?? 'unknown' });
  if (address !== '::1') c.all6.push(address);
}

/**
 * Network facts from `ip route get` (v4, then `@v6`, then v6), `ip addr show primary` (then
 * `@secondary` and the secondaries) and the sysfs attributes of each interface.
 */
export function buildNetworkFacts(routeText: string, addrText: string, sysfsLines: string[]): Facts {
  if (!addrText.trim()) return {};
  const [v4Line, v6Line] = routeText.split('@v6');
  const defaults: Defaults = { v4: parseRouteGet(v4Line.split('\n')[0], '8.8.8.8'), v6: parseRouteGet(v6Line?.trim().split('\n')[0], '2404:6800:400a:800::1012') };
  const [primaryText, secondaryText = ''] = addrText.split('@secondary');
  const primary = addrLinesByDevice(primaryText);
  const secondary = addrLinesByDevice(secondaryText);
  const c: Collected = { interfaces: new Map(), all4: [], all6: [] };
  for (const [device, attrs] of parseSysfs(sysfsLines)) {
    c.interfaces.set(device, sysfsFacts(device, attrs));
    const mac = attrs.get('address') ?? '';
    for (const [lines, isSecondary] of [[primary.get(device) ?? [], false], [secondary.get(device) ?? [], true]] as const) {
      for (const words of lines) {
        if (words[0] === 'inet') addIpv4(c, device, words, isSecondary, defaults, mac);
        else if (words[0] === 'inet6' && !isSecondary) addIpv6(c, device, words, defaults, mac);
      }
    }
  }
  const facts: Facts = {};
  const names: string[] = [];
  for (const [name, iface] of c.interfaces) {
    const key = name.replace(/:/g, '_');
    names.push(key);
    facts[key] = iface;
  }
  return { interfaces: names, ...facts, default_ipv4: defaults.v4, default_ipv6: defaults.v6, all_ipv4_addresses: c.all4, all_ipv6_addresses: c.all6 };
}

export const networkCollector: Collector = {
  name: 'network',
  factIds: ['interfaces', 'default_ipv4', 'default_ipv6', 'all_ipv4_addresses', 'all_ipv6_addresses'],
  requires: ['distribution', 'platform'],
  sections: ['net_sysfs', 'ip_route', 'ip_addr'],
  collect: (out) => buildNetworkFacts(out.get('ip_route') ?? '', out.get('ip_addr') ?? '', linesOf(out, 'net_sysfs')),
};
