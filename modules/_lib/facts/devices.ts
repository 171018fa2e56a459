/** The devices and device_links facts from the devices section (sysfs block devices, /dev/disk links). */

export type LinkTable = Record<string, Record<string, string[]>>;

const UNITS: [string, number][] = [['Y', 2 ** 80], ['Z', 2 ** 70], ['E', 2 ** 60], ['P', 2 ** 50], ['T', 2 ** 40], ['G', 2 ** 30], ['M', 2 ** 20], ['K', 2 ** 10]];

/** Python's '%.2f': exact ties round to even, where JavaScript's toFixed rounds up. */
function pyFixed2(x: number): string {
  const scaled = x * 100;
  if (Math.abs(scaled % 1) === 0.5 && Math.floor(scaled) % 2 === 0) return (Math.floor(scaled) / 100).toFixed(2);
  return x.toFixed(2);
}

/** Ansible's bytes_to_human: `0.00 Bytes`, `1.50 GB`. */
export function bytesToHuman(size: number): string {
  const unit = UNITS.find(([, limit]) => size >= limit);
  return unit ? `${pyFixed2(size / unit[1])} ${unit[0]}B` : `${pyFixed2(size)} Bytes`;
}

export interface Block {
  name: string;
  link: string;
  attrs: Map<string, string>;
  entries: string[];
  holders: string[];
  parts: { name: string; attrs: Map<string, string>; holders: string[] }[];
}

export function linkTable(linkLines: string[], masterLines: string[]): LinkTable {
  const sets: Record<string, Record<string, Set<string>>> = { ids: {}, uuids: {}, labels: {}, masters: {} };
  const add = (type: string, key: string, value: string) => ((sets[type][key] ??= new Set()).add(value));
  for (const line of linkLines) {
    const [type, entry, target] = line.split(' ');
    if (target) add(type, target.split('/').pop()!, entry);
  }
  for (const path of masterLines) {
    const parts = path.split('/');
    if (parts.length >= 6) add('masters', parts[5], parts[3]);
  }
  const table: LinkTable = {};
  for (const [type, byKey] of Object.entries(sets)) table[type] = Object.fromEntries(Object.entries(byKey).map(([k, v]) => [k, [...v].sort()]));
  return table;
}

/** `holder=dm-0 NAME` lines: the device-mapper name, or the holder's own name when it has none. */
function holderNames(lines: string[]): string[] {
  return lines.filter((h) => h.split(' ')[0].startsWith('dm-')).map((h) => h.split(' ')[1] || h.split(' ')[0]);
}

export function parseBlocks(lines: string[]): Block[] {
  const blocks: Block[] = [];
  let target: { attrs: Map<string, string>; holders: string[] } | undefined;
  for (const line of lines) {
    if (line.startsWith('@block ')) {
      const [, name, link = ''] = line.split(' ');
      const block: Block = { name, link, attrs: new Map(), entries: [], holders: [], parts: [] };
      blocks.push(block);
      target = block;
    } else if (line.startsWith('@part ')) {
      const part = { name: line.slice(6), attrs: new Map<string, string>(), holders: [] as string[] };
      blocks[blocks.length - 1]?.parts.push(part);
      target = part;
    } else if (line.startsWith('entries=') && blocks.length) blocks[blocks.length - 1].entries = line.slice(8).split(' ').filter(Boolean);
    else if (line.startsWith('holder=')) target?.holders.push(line.slice(7));
    else if (target && line.includes('=')) target.attrs.set(line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1));
  }
  return blocks;
}

const linksFor = (table: LinkTable, name: string) => Object.fromEntries(Object.entries(table).map(([type, byName]) => [type, byName[name] ?? []]));

/** A device's or partition's sector size: the logical size, the hardware size, else the number 512. */
const sectorSize = (a: Map<string, string>): string | number => a.get('queue/logical_block_size') ?? a.get('queue/hw_sector_size') ?? 512;

interface Context {
  table: LinkTable;
  linkLines: string[][];
  lspci: string[];
}

function partitions(block: Block, diskname: string, ctx: Context): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const re = new RegExp(`(${diskname}[p]?\\d+)`);
  for (const folder of block.entries) {
    const m = re.exec(folder);
    const part = m && block.parts.find((p) => p.name === folder);
    if (!m || !part) continue;
    const sectors = part.attrs.get('size') ?? 0;
    const uuid = ctx.linkLines.find(([type, , target]) => type === 'uuids' && target?.split('/').pop() === m[1]);
    out[m[1]] = {
      links: linksFor(ctx.table, m[1]),
      start: part.attrs.get('start') ?? 0,
      sectors,
      sectorsize: sectorSize(part.attrs),
      size: bytesToHuman(Number(sectors) * 512),
      uuid: uuid ? uuid[1] : null,
      holders: holderNames(part.holders),
    };
  }
  return out;
}

function pciHost(block: Block, lspci: string[]): string {
  const m = /.+\/([a-f0-9]{4}:[a-f0-9]{2}:[0|1][a-f0-9]\.[0-7])\//.exec(`/sys/block/${block.link}`);
  const line = m ? lspci.find((l) => l.startsWith(`${m[1]} `) || l.startsWith(`${m[1]}\t`)) : undefined;
  return line ? line.slice(m![1].length + 1) : '';
}

function deviceFacts(block: Block, ctx: Context, wwns: Map<string, string>): Record<string, unknown> {
  const a = block.attrs;
  const diskname = (block.link || block.name).split('/').pop()!;
  const sectors = a.get('size') ?? 0;
  const scheduler = /.*?(\[(.*)\])/.exec(a.get('queue/scheduler') ?? '');
  return {
    // Only a /sys/block entry that is not a symlink (old sysfs) can be told to be a real device.
    virtual: block.link || !block.entries.some((e) => e.includes('device')) ? 1 : 0,
    links: linksFor(ctx.table, block.name),
    vendor: a.get('device/vendor') ?? null,
    model: a.get('device/model') ?? null,
    sas_address: a.get('device/sas_address') ?? null,
    sas_device_handle: a.get('device/sas_device_handle') ?? null,
    ...(a.has('device/serial') ? { serial: a.get('device/serial') } : {}),
    removable: a.get('removable') ?? null,
    support_discard: a.get('queue/discard_granularity') ?? null,
    ...(wwns.has(diskname) ? { wwn: wwns.get(diskname) } : {}),
    partitions: partitions(block, diskname, ctx),
    rotational: a.get('queue/rotational') ?? null,
    scheduler_mode: scheduler ? scheduler[2] : '',
    sectors,
    sectorsize: sectorSize(a),
    size: bytesToHuman(Number(sectors) * 512),
    host: pciHost(block, ctx.lspci),
    holders: holderNames(block.holders),
  };
}

/** Parses the devices section into the devices and device_links facts. */
export function parseDevices(text: string): Record<string, unknown> {
  const lines = text.split('\n');
  const at = (marker: string) => lines.indexOf(marker);
  const between = (from: string, to: number) => lines.slice(at(from) + 1, to).filter((l) => l.trim());
  const firstBlock = lines.findIndex((l) => l.startsWith('@block '));
  const end = firstBlock < 0 ? lines.length : firstBlock;
  const linkLines = between('@links', at('@masters')).map((l) => l.split(' '));
  const table = linkTable(linkLines.map((l) => l.join(' ')), between('@masters', at('@lspci')));
  const wwns = new Map<string, string>();
  for (const [type, entry, target] of linkLines) if (type === 'ids' && entry.startsWith('wwn-') && target) wwns.set(target.split('/').pop()!, entry.slice(4));
  const ctx: Context = { table, linkLines, lspci: between('@lspci', end) };
  const devices: Record<string, unknown> = {};
  for (const block of parseBlocks(lines.slice(end))) devices[(block.link || block.name).split('/').pop()!] = deviceFacts(block, ctx, wwns);
  return { devices, device_links: table };
}
