import { parseCpuinfo } from './cpu';
import { parseDevices } from './devices';
import { parseLvm, parseMounts } from './mounts';
import { type Collector, type Facts, keyValues, linesOf } from './types';

const MEM_KEYS = ['MemTotal', 'SwapTotal', 'MemFree', 'SwapFree', 'Buffers', 'Cached', 'SwapCached'];

/** /proc/meminfo as Ansible's *_mb facts and memory_mb (kB values floor-divided to MB). */
export function parseMeminfo(lines: string[]): Facts {
  const mb = new Map<string, number>();
  for (const line of lines) {
    const [key, rest = ''] = line.split(':', 2);
    if (MEM_KEYS.includes(key)) mb.set(key, Math.floor(parseInt(rest.trim(), 10) / 1024));
  }
  if (!mb.has('MemTotal')) return {};
  const get = (k: string) => mb.get(k) ?? null;
  const sub = (a: number | null, b: number | null) => (a === null || b === null ? null : a - b);
  const nocacheFree = get('Cached') === null || get('MemFree') === null || get('Buffers') === null ? null : get('Cached')! + get('MemFree')! + get('Buffers')!;
  const facts: Facts = {};
  for (const k of ['MemTotal', 'SwapTotal', 'MemFree', 'SwapFree']) if (mb.has(k)) facts[`${k.toLowerCase()}_mb`] = mb.get(k);
  facts.memory_mb = {
    real: { total: get('MemTotal'), used: sub(get('MemTotal'), get('MemFree')), free: get('MemFree') },
    nocache: { free: nocacheFree, used: sub(get('MemTotal'), nocacheFree) },
    swap: { total: get('SwapTotal'), free: get('SwapFree'), used: sub(get('SwapTotal'), get('SwapFree')), cached: get('SwapCached') },
  };
  return facts;
}

/** SMBIOS chassis types, by number, as the form_factor fact names them. */
const FORM_FACTORS = ['Unknown', 'Other', 'Unknown', 'Desktop', 'Low Profile Desktop', 'Pizza Box', 'Mini Tower', 'Tower', 'Portable', 'Laptop', 'Notebook', 'Hand Held', 'Docking Station', 'All In One', 'Sub Notebook', 'Space-saving', 'Lunch Box', 'Main Server Chassis', 'Expansion Chassis', 'Sub Chassis', 'Bus Expansion Chassis', 'Peripheral Chassis', 'RAID Chassis', 'Rack Mount Chassis', 'Sealed-case PC', 'Multi-system', 'CompactPCI', 'AdvancedTCA', 'Blade', 'Blade Enclosure', 'Tablet', 'Convertible', 'Detachable', 'IoT Gateway', 'Embedded PC', 'Mini PC', 'Stick PC'];

const DMI_FACTS: [string, string][] = [
  ['bios_date', 'bios_date'], ['bios_vendor', 'bios_vendor'], ['bios_version', 'bios_version'], ['board_asset_tag', 'board_asset_tag'],
  ['board_name', 'board_name'], ['board_serial', 'board_serial'], ['board_vendor', 'board_vendor'], ['board_version', 'board_version'],
  ['chassis_asset_tag', 'chassis_asset_tag'], ['chassis_serial', 'chassis_serial'], ['chassis_vendor', 'chassis_vendor'], ['chassis_version', 'chassis_version'],
  ['product_name', 'product_name'], ['product_serial', 'product_serial'], ['product_uuid', 'product_uuid'], ['product_version', 'product_version'],
  ['system_vendor', 'sys_vendor'],
];

/** The DMI facts from sysfs; 'NA' for what the host does not have or does not let us read. */
export function parseDmi(lines: string[]): Facts {
  const dmi = keyValues(lines);
  const facts: Facts = {};
  for (const [fact, file] of DMI_FACTS) facts[fact] = dmi.get(file)?.trim() || 'NA';
  const chassis = dmi.get('chassis_type');
  facts.form_factor = chassis === undefined ? 'NA' : (FORM_FACTORS[Number(chassis)] ?? 'unknown');
  return facts;
}

export const hardwareCollector: Collector = {
  name: 'hardware',
  factIds: ['processor', 'processor_cores', 'processor_count', 'mounts', 'devices'],
  requires: ['platform'],
  sections: ['meminfo', 'cpuinfo', 'nproc', 'uptime', 'dmi', 'mounts', 'lvm', 'devices'],
  collect(out, facts) {
    const cpuLines = linesOf(out, 'cpuinfo');
    const xen = cpuLines[0] === '@xen';
    const nproc = parseInt(out.get('nproc') ?? '', 10);
    const uptime = parseFloat(out.get('uptime') ?? '');
    return {
      ...(cpuLines.length ? parseCpuinfo(xen ? cpuLines.slice(1) : cpuLines, String(facts.architecture ?? ''), Number.isNaN(nproc) ? undefined : nproc, xen) : {}),
      ...parseMeminfo(linesOf(out, 'meminfo')),
      ...parseDmi(linesOf(out, 'dmi')),
      ...(Number.isNaN(uptime) ? {} : { uptime_seconds: Math.trunc(uptime) }),
      mounts: parseMounts(out.get('mounts') ?? ''),
      lvm: parseLvm(out.get('lvm') ?? ''),
      ...parseDevices(out.get('devices') ?? ''),
    };
  },
};
