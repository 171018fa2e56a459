import { createHash, randomInt } from 'crypto';
import { parseYaml } from '../../playbook/yaml';
import { PyDateTime, strptime } from '../datetime';
import { pyStr } from '../python';
import { FilterFn } from '../scope';
import { FilterError, TemplateRuntimeError, num, truthy, typeName } from '../values';
import { requireString } from './helpers';
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
    throw new TemplateRuntimeError(`password_hash: hash type '${String(type)}' is not supported (use sha512 or sha256)`);
  }
  const size = saltSize === undefined || saltSize === null ? 16 : num(saltSize);
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
function uuid5(name: string, namespace: string): string {
  const ns = Buffer.from(namespace.replace(/-/g, ''), 'hex');
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

export const encodingFilters: Record<string, FilterFn> = {
  b64decode: (v) => Buffer.from(requireString(v), 'base64').toString('utf8'),
  b64encode: (v) => Buffer.from(requireString(v), 'utf8').toString('base64'),
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
  to_uuid: (v, [ns]) => uuid5(pyStr(v), String(ns ?? '361E6D51-FAEC-444A-9079-341386DA8E2E')),
  to_yaml: (v, _a, kw) => pyYaml(v, { indent: num(kw.indent ?? 2), flow: kw.default_flow_style === undefined || kw.default_flow_style === null, width: kw.width === undefined ? undefined : num(kw.width) }),
  type_debug: (v) => typeName(v),
  strftime: (v, [second, utc], kw) => {
    const at = second ?? kw.second;
    const date = at === undefined || at === null ? new Date() : new Date(num(at) * 1000);
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
    if (!(String(query) in parts)) throw new TemplateRuntimeError(`urlsplit: unknown URL component: ${String(query)}`);
    return parts[String(query)];
  },
};
