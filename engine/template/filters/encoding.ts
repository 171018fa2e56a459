import { createHash, randomInt } from 'crypto';
import { parseYaml } from '../../playbook/yaml';
import { PyDateTime, strptime } from '../datetime';
import { pyStr } from '../python';
import { FilterFn } from '../scope';
import { FilterError, TemplateRuntimeError, num, plain, truthy, typeName } from '../values';
import { requireString } from './helpers';
import { toFloat } from './jinja';
import { pyJson } from './py-json';
import { pyYaml } from './py-yaml';
import { shaCrypt } from './sha-crypt';

/** Serialisation, encoding and hashing filters. */

const DEFAULT_ROUNDS = { sha512: 656000, sha256: 535000 };

const SALT_CHARS = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789./';

function passwordHash(password: unknown, args: unknown[], kw: Record<string, unknown>): string {
  const [type = kw.hashtype ?? 'sha512', salt = kw.salt, saltSize = kw.salt_size, rounds = kw.rounds] = args;
  const kind = String(type).replace(/_crypt$/, '');
  if (kind !== 'sha512' && kind !== 'sha256') {
    throw new FilterError(`password_hash: hash type '${String(type)}' is not supported (use sha512 or sha256)`);
  }
  const size = saltSize === undefined || saltSize === null ? 16 : Number(pyStr(saltSize));
  if (!Number.isInteger(size) || size < 0) throw new FilterError(`password_hash: salt_size must be a whole number, got ${pyStr(saltSize)}`);
  const saltText = salt === undefined || salt === null
    ? Array.from({ length: size }, () => SALT_CHARS[randomInt(SALT_CHARS.length)]).join('')
    : pyStr(salt);
  if (!/^[./0-9A-Za-z]*$/.test(saltText)) throw new TemplateRuntimeError('invalid characters in salt');
  // Without passlib, Ansible passes its own default rounds to crypt(3), so they appear in the hash.
  const count = rounds === undefined || rounds === null ? DEFAULT_ROUNDS[kind] : num(rounds);
  // …except crypt's own default of 5000, which Ansible leaves out of the salt string.
  return shaCrypt(kind, pyStr(password), saltText, count === 5000 ? undefined : count);
}

function hash(data: unknown, algorithm: unknown): string {
  const name = String(algorithm ?? 'sha1');
  try {
    return createHash(name).update(requireString(data), 'utf8').digest('hex');
  } catch {
    throw new FilterError(`unsupported hash type ${name}`);
  }
}

/** RFC 4122 name-based (SHA-1) UUID, as Python's uuid.uuid5. */
function uuid5(name: string, namespace: unknown): string {
  const digits = typeof plain(namespace) === 'string' ? pyStr(namespace).replace(/^(urn:)?(uuid:)?/, '').replace(/^\{|\}$/g, '').replace(/-/g, '') : '';
  if (!/^[0-9a-fA-F]{32}$/.test(digits)) throw new FilterError(`Invalid value '${pyStr(namespace)}' for 'namespace': badly formed hexadecimal UUID string`);
  const ns = Buffer.from(digits, 'hex');
  const h = createHash('sha1').update(ns).update(name, 'utf8').digest();
  h[6] = (h[6] & 0x0f) | 0x50;
  h[8] = (h[8] & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function fromYaml(v: unknown, multi: boolean): unknown {
  if (typeof v !== 'string') return v;
  return parseYaml(v, '<from_yaml>', multi ? { multi: true } : {});
}

function fromJson(v: unknown): unknown {
  try {
    return JSON.parse(requireString(v));
  } catch (e) {
    throw new TemplateRuntimeError(`from_json: ${(e as Error).message}`);
  }
}

/** Python's codec names (any case, `-`/`_`/space alike) for the encodings Node can do. */
const CODECS: Record<string, 'utf8' | 'utf16le' | 'utf16be' | 'utf16' | 'latin1' | 'ascii'> = {
  utf8: 'utf8', u8: 'utf8', utf: 'utf8', cp65001: 'utf8',
  utf16le: 'utf16le', utf16be: 'utf16be', utf16: 'utf16', u16: 'utf16',
  latin1: 'latin1', latin: 'latin1', l1: 'latin1', iso88591: 'latin1', iso885911987: 'latin1', 8859: 'latin1', cp819: 'latin1',
  ascii: 'ascii', usascii: 'ascii', 646: 'ascii',
};

function codec(encoding: unknown): (typeof CODECS)[string] {
  const name = encoding === undefined || encoding === null ? 'utf-8' : pyStr(encoding);
  const found = CODECS[name.toLowerCase().replace(/[-_ ]/g, '')];
  if (!found) throw new FilterError(`unknown encoding: ${name} (tsible supports utf-8, utf-16, utf-16-le, utf-16-be, latin-1 and ascii)`);
  return found;
}

function swapPairs(b: Buffer): Buffer {
  const out = Buffer.from(b);
  return out.length % 2 === 0 ? out.swap16() : out;
}

function encodeText(text: string, encoding: unknown): Buffer {
  const c = codec(encoding);
  const limit = c === 'ascii' ? 0x80 : c === 'latin1' ? 0x100 : Infinity;
  const chars = [...text];
  const bad = chars.findIndex((ch) => ch.codePointAt(0)! >= limit);
  if (bad >= 0) {
    const hex = chars[bad].codePointAt(0)!.toString(16).padStart(2, '0');
    throw new FilterError(`'${c === 'ascii' ? 'ascii' : 'latin-1'}' codec can't encode character '\\x${hex}' in position ${bad}: ordinal not in range(${limit})`);
  }
  switch (c) {
    case 'utf16be': return swapPairs(Buffer.from(text, 'utf16le'));
    // Python's plain utf-16 writes a byte-order mark, in the machine's (little-endian) order.
    case 'utf16': return Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    default: return Buffer.from(text, c);
  }
}

function decodeText(bytes: Buffer, encoding: unknown): string {
  const c = codec(encoding);
  switch (c) {
    case 'utf16be': return swapPairs(bytes).toString('utf16le');
    case 'utf16':
      if (bytes[0] === 0xfe && bytes[1] === 0xff) return swapPairs(bytes.subarray(2)).toString('utf16le');
      return bytes.subarray(bytes[0] === 0xff && bytes[1] === 0xfe ? 2 : 0).toString('utf16le');
    default: return bytes.toString(c);
  }
}

const NOT_A_NUMBER = Symbol('not a number');

export const encodingFilters: Record<string, FilterFn> = {
  b64decode: (v, [encoding], kw) => decodeText(Buffer.from(requireString(v), 'base64'), encoding ?? kw.encoding),
  b64encode: (v, [encoding], kw) => encodeText(requireString(v), encoding ?? kw.encoding).toString('base64'),
  checksum: (v) => hash(v, 'sha1'),
  from_json: (v) => fromJson(v),
  from_yaml: (v) => fromYaml(v, false),
  from_yaml_all: (v) => fromYaml(v, true),
  hash: (v, [alg]) => hash(v, alg),
  md5: (v) => hash(v, 'md5'),
  password_hash: (v, args, kw) => passwordHash(v, args, kw),
  sha1: (v) => hash(v, 'sha1'),
  to_json: (v, _a, kw) => pyJson(v, {
    indent: kw.indent === undefined || kw.indent === null ? undefined : num(kw.indent),
    sortKeys: truthy(kw.sort_keys ?? false),
    ensureAscii: kw.ensure_ascii === undefined ? true : truthy(kw.ensure_ascii),
  }),
  to_nice_json: (v, [indent], kw) => pyJson(v, {
    indent: num(indent ?? kw.indent ?? 4),
    sortKeys: truthy(kw.sort_keys ?? true),
    separators: [',', ': '],
    ensureAscii: kw.ensure_ascii === undefined ? true : truthy(kw.ensure_ascii),
  }),
  to_nice_yaml: (v, [indent], kw) => pyYaml(v, { indent: num(indent ?? kw.indent ?? 4), flow: false, width: kw.width === undefined ? undefined : num(kw.width) }),
  to_uuid: (v, [ns], kw) => uuid5(pyStr(v), ns ?? kw.namespace ?? '361E6D51-FAEC-444A-9079-341386DA8E2E'),
  to_yaml: (v, _a, kw) => pyYaml(v, { indent: num(kw.indent ?? 2), flow: kw.default_flow_style === undefined || kw.default_flow_style === null, width: kw.width === undefined ? undefined : num(kw.width) }),
  type_debug: (v) => typeName(v),
  strftime: (v, [second, utc], kw) => {
    const at = second ?? kw.second;
    const seconds = at === undefined || at === null ? undefined : toFloat(at, NOT_A_NUMBER);
    if (seconds === NOT_A_NUMBER) throw new FilterError(`Invalid value for epoch value (${pyStr(at)})`);
    const date = seconds === undefined ? new Date() : new Date(num(seconds) * 1000);
    return new PyDateTime(date, truthy(utc ?? kw.utc ?? false)).strftime(requireString(v));
  },
  to_datetime: (v, [format]) => {
    const fmt = format === undefined ? '%Y-%m-%d %H:%M:%S' : pyStr(format);
    const parsed = strptime(requireString(v), fmt);
    if (!parsed) throw new TemplateRuntimeError(`time data '${requireString(v)}' does not match format '${fmt}'`);
    return parsed;
  },
  urldecode: (v) => decodeURIComponent(requireString(v).replace(/\+/g, ' ')),
  urlsplit: (v, [query]) => {
    const u = new URL(requireString(v));
    const parts: Record<string, unknown> = {
      fragment: u.hash.replace(/^#/, ''), hostname: u.hostname.toLowerCase() || null, netloc: u.host && (u.username ? `${u.username}${u.password ? ':' + u.password : ''}@${u.host}` : u.host),
      password: u.password || null, path: u.pathname, port: u.port ? Number(u.port) : null, query: u.search.replace(/^\?/, ''),
      scheme: u.protocol.replace(/:$/, ''), username: u.username || null,
    };
    if (query === undefined || query === '') return parts;
    if (!(String(query) in parts)) throw new FilterError(`urlsplit: unknown URL component: ${String(query)}`);
    return parts[String(query)];
  },
};
