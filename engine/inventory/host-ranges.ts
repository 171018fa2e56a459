/**
 * Host names as inventories write them: an optional `:port`, and `[a:b]` / `[a:b:step]` ranges that
 * expand to several hosts (`web[01:03]` keeps the zero padding, `db-[a:c]` counts letters).
 */

const ALNUM_RANGE = String.raw`\[(?:[a-z]:[a-z]|[0-9]+:[0-9]+)(?::[0-9]+)?\]`;
const NUM_RANGE = String.raw`\[[0-9]+:[0-9]+(?::[0-9]+)?\]`;
const HEX_RANGE = String.raw`\[[0-9a-f]+:[0-9a-f]+(?::[0-9]+)?\]`;
const LABEL = String.raw`(?:[\p{L}\p{N}_]|${ALNUM_RANGE})(?:[\p{L}\p{N}_-]|${ALNUM_RANGE})*(?<![_-])`;
const HOSTNAME = new RegExp(`^${LABEL}(?:\\.${LABEL})*$`, 'iu');
const V4 = `(?:[01]?[0-9]{1,2}|2[0-4][0-9]|25[0-5]|${NUM_RANGE})`;
const IPV4 = new RegExp(`^(?:${V4}\\.){3}${V4}$`, 'i');
const H = `(?:[0-9a-f]{1,4}|${HEX_RANGE})`;
const IPV6 = new RegExp(
  '^(?:' +
    [
      `(?:${H}:){7}${H}`, `(?:${H}:){1,6}:`, `(?:${H}:)(?::${H}){1,6}`, `(?:${H}:){2}(?::${H}){1,5}`,
      `(?:${H}:){3}(?::${H}){1,4}`, `(?:${H}:){4}(?::${H}){1,3}`, `(?:${H}:){5}(?::${H}){1,2}`,
      `(?:${H}:){6}(?::${H})`, `:(?::${H}){1,6}`, `${H}?::`, `(?:0:){6}(?:${H}\\.){3}${H}`,
      `::(?:ffff:)?(?:${H}\\.){3}${H}`, `(?:0:){5}ffff:(?:${H}\\.){3}${H}`,
    ].join('|') +
    ')$',
  'i',
);
const BRACKETED_HOSTPORT = /^\[(.+)\]:([0-9]+)$/;
const HOSTPORT = /^((?:[^:[\]]|\[[^\]]*\])*):([0-9]+)$/;

/** Split `host:port` / `[v6]:port`; undefined when the text is not a valid host name or address. */
export function parseAddress(text: string): { host: string; port?: number } | undefined {
  let host = text;
  let port: number | undefined;
  for (const re of [BRACKETED_HOSTPORT, HOSTPORT]) {
    const m = re.exec(host);
    if (m) {
      host = m[1];
      port = Number(m[2]);
    }
  }
  if (!IPV4.test(host) && !IPV6.test(host) && !HOSTNAME.test(host)) return undefined;
  return { host, port };
}

/**
 * The host names a host pattern stands for, and its port. Text that is not a valid address is kept as
 * the name, as Ansible does (ranges in it still expand).
 */
export function expandHostPattern(pattern: string): { hosts: string[]; port?: number } {
  const parsed = parseAddress(pattern) ?? { host: pattern };
  const hosts = parsed.host.includes('[') ? expandRanges(parsed.host) : [parsed.host];
  return { hosts, port: parsed.port };
}

export class HostRangeError extends Error {}

const LETTERS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/** Expand the first `[…]` range, then the ranges left in each result. */
export function expandRanges(name: string): string[] {
  const open = name.indexOf('[');
  const close = name.indexOf(']', open);
  if (close < 0) throw new HostRangeError('host range must be begin:end or begin:end:step');
  const head = name.slice(0, open);
  const tail = name.slice(close + 1);
  const out: string[] = [];
  for (const part of rangeValues(name.slice(open + 1, close))) {
    const expanded = `${head}${part}${tail}`;
    out.push(...(expanded.includes('[') ? expandRanges(expanded) : [expanded]));
  }
  return out;
}

function rangeValues(spec: string): string[] {
  const bounds = spec.split(':');
  if (bounds.length !== 2 && bounds.length !== 3) throw new HostRangeError('host range must be begin:end or begin:end:step');
  const begin = bounds[0] || '0';
  const end = bounds[1];
  const step = bounds.length === 3 ? Number(bounds[2]) : 1;
  if (!end) throw new HostRangeError('host range must specify end value');
  if (!Number.isInteger(step) || step < 1) throw new HostRangeError(`host range step must be a positive integer, got: ${bounds[2]}`);
  const iBegin = LETTERS.indexOf(begin);
  const iEnd = LETTERS.indexOf(end);
  if (begin.length === 1 && end.length === 1 && iBegin >= 0 && iEnd >= 0) {
    if (iBegin > iEnd) throw new HostRangeError('host range must have begin <= end');
    return stepped(iBegin, iEnd, step).map((i) => LETTERS[i]);
  }
  if (!/^\d+$/.test(begin) || !/^\d+$/.test(end)) throw new HostRangeError(`host range must be numeric or single letters, got: [${spec}]`);
  const width = begin.length > 1 && begin.startsWith('0') ? begin.length : 0;
  if (width && width !== end.length) throw new HostRangeError('host range must specify equal-length begin and end formats');
  return stepped(Number(begin), Number(end), step).map((n) => String(n).padStart(width, '0'));
}

function stepped(from: number, to: number, step: number): number[] {
  const out: number[] = [];
  for (let i = from; i <= to; i += step) out.push(i);
  return out;
}
