/** Parsers for the files that say which distribution a host runs: os-release, lsb-release, `lsb_release -a`. */

const QUOTES = /^["'\\]+|["'\\]+$/g;

/** os-release's `KEY=value` lines, unquoted (shell quoting rules, as systemd documents them). */
export function parseOsRelease(text: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of text.split('\n')) {
    const m = /^\s*([A-Z_][A-Z0-9_]*)=(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2].trim();
    const q = value[0];
    if ((q === '"' || q === "'") && value.endsWith(q) && value.length >= 2) value = value.slice(1, -1);
    map.set(m[1], q === "'" ? value : value.replace(/\\(["\\$`])/g, '$1'));
  }
  return map;
}

export interface LsbInfo {
  id?: string;
  release?: string;
  description?: string;
  codename?: string;
  major_release?: string;
}

const LSB_BIN_KEYS: [string, keyof LsbInfo][] = [
  ['LSB Version:', 'release'],
  ['Distributor ID:', 'id'],
  ['Description:', 'description'],
  ['Release:', 'release'],
  ['Codename:', 'codename'],
];

const LSB_FILE_KEYS: [string, keyof LsbInfo][] = [
  ['DISTRIB_ID', 'id'],
  ['DISTRIB_RELEASE', 'release'],
  ['DISTRIB_DESCRIPTION', 'description'],
  ['DISTRIB_CODENAME', 'codename'],
];

function parseLsbLines(lines: string[], sep: string, keys: [string, keyof LsbInfo][]): LsbInfo {
  const info: LsbInfo = {};
  for (const line of lines) {
    if (!line.includes(sep)) continue;
    const value = line.slice(line.indexOf(sep) + 1).trim();
    const hit = keys.find(([label]) => line.includes(label));
    if (hit) info[hit[1]] = value;
  }
  return info;
}

/**
 * The lsb facts from `lsb_release -a` output, or from /etc/lsb-release when the section starts with
 * `@file`: quotes stripped, and `major_release` the part of `release` before the first dot.
 */
export function parseLsb(text: string): LsbInfo {
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  const fromFile = lines[0] === '@file';
  const info = fromFile ? parseLsbLines(lines.slice(1), '=', LSB_FILE_KEYS) : parseLsbLines(lines, ':', LSB_BIN_KEYS);
  if (info.release !== undefined) info.major_release = info.release.split('.')[0];
  for (const key of Object.keys(info) as (keyof LsbInfo)[]) {
    const v = info[key];
    if (v) info[key] = v.replace(QUOTES, '');
  }
  return info;
}
