import { expandRanges, HostRangeError, parseAddress } from './host-ranges';
import { InventoryData } from './inventory-data';

/** What a host-list reader may say at -vvv. */
export type VerboseSink = (level: number, message: string) => void;

/** Raised when Ansible's advanced_host_list would fail on the whole value (Python's ValueError). */
export class HostListError extends Error {}

/**
 * `-i a,b:22,` with the host_list plug-in: each item is a host, `host:port` split; a range is not
 * expanded (the item is kept whole, said at -vvv as Ansible says it).
 */
export function readHostList(source: string, data: InventoryData, verbose: VerboseSink): void {
  for (const item of items(source)) {
    const parsed = parseAddress(item);
    if (parsed?.host.includes('[')) verbose(3, 'Unable to parse address from hostname, leaving unchanged: Detected range in host but was asked to ignore ranges');
    const name = parsed && !parsed.host.includes('[') ? parsed.host : item;
    if (!data.hosts.has(name)) data.addHost(name, 'ungrouped', parsed?.port);
  }
}

/**
 * `-i 'web[1:3],db'` with advanced_host_list: ranges expand. A range Ansible cannot read is kept as
 * the host's name, except bounds that are neither numbers nor letters, which fail the whole value.
 */
export function readAdvancedHostList(source: string, data: InventoryData, verbose: VerboseSink): void {
  for (const item of items(source)) {
    const parsed = parseAddress(item) ?? { host: item };
    let hosts = [parsed.host];
    let port = parsed.port;
    try {
      if (parsed.host.includes('[')) hosts = expandRanges(parsed.host);
    } catch (err) {
      if (!(err instanceof HostRangeError)) throw err;
      const bad = nonNumericBound(parsed.host);
      if (bad !== undefined) throw new HostListError(`Invalid data from string, could not parse: invalid literal for int() with base 10: '${bad}'`);
      verbose(3, `Unable to parse address from hostname, leaving unchanged: ${err.message}`);
      [hosts, port] = [[item], undefined];
    }
    for (const host of hosts) if (!data.hosts.has(host)) data.addHost(host, 'ungrouped', port);
  }
}

function items(source: string): string[] {
  return source.split(',').map((s) => s.trim()).filter(Boolean);
}

/** The first bound of a `[a:b]` range Python's int() would refuse, when the range is not of letters. */
function nonNumericBound(host: string): string | undefined {
  const m = /\[([^\]:]*):([^\]:]*)(?::[^\]]*)?\]/.exec(host);
  if (!m) return undefined;
  const [, begin, end] = m;
  if (!end) return undefined;
  const letter = /^[A-Za-z]$/;
  if (letter.test(begin) && letter.test(end)) return undefined;
  return [begin || '0', end].find((b) => !/^\d+$/.test(b));
}
