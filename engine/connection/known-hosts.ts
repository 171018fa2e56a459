import { createHash, createHmac, randomBytes } from 'crypto';
import { appendFileSync, mkdirSync, readFileSync } from 'fs';
import { dirname } from 'path';

/** A key recorded for a host in a known_hosts file. */
export interface KnownKey {
  type: string;
  key: Buffer;
  file: string;
  line: number;
  revoked: boolean;
}

export type HostKeyVerdict =
  | { status: 'match' }
  | { status: 'unknown' }
  | { status: 'changed'; recorded: KnownKey }
  | { status: 'revoked'; recorded: KnownKey };

/** How OpenSSH names a host in known_hosts: bare for port 22, `[host]:port` otherwise. */
export function knownHostsName(hostname: string, port: number): string {
  return port === 22 ? hostname : `[${hostname}]:${port}`;
}

/** Every key the files record for the host, plain or hashed (`|1|salt|hash`) entries alike. */
export function knownKeysFor(files: string[], hostname: string, port: number): KnownKey[] {
  const name = knownHostsName(hostname, port);
  const keys: KnownKey[] = [];
  for (const file of files) {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      continue;
    }
    text.split(/\r?\n/).forEach((raw, index) => {
      const key = parseLine(raw, name, file, index + 1);
      if (key) keys.push(key);
    });
  }
  return keys;
}

function parseLine(raw: string, name: string, file: string, line: number): KnownKey | null {
  const fields = raw.trim().split(/\s+/);
  if (!fields[0] || fields[0].startsWith('#')) return null;
  let marker = '';
  if (fields[0].startsWith('@')) marker = fields.shift() as string;
  // Certificate authorities sign host certificates, which we do not negotiate.
  if (marker === '@cert-authority' || fields.length < 3) return null;
  const [hosts, type, base64] = fields;
  if (!hostFieldMatches(hosts, name)) return null;
  return { type, key: Buffer.from(base64, 'base64'), file, line, revoked: marker === '@revoked' };
}

function hostFieldMatches(field: string, name: string): boolean {
  if (field.startsWith('|1|')) {
    const [, , salt, hash] = field.split('|');
    const digest = createHmac('sha1', Buffer.from(salt, 'base64')).update(name).digest('base64');
    return digest === hash;
  }
  let matched = false;
  for (const pattern of field.split(',')) {
    const negated = pattern.startsWith('!');
    if (!globMatch(negated ? pattern.slice(1) : pattern, name)) continue;
    if (negated) return false;
    matched = true;
  }
  return matched;
}

function globMatch(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(text);
}

/**
 * Adds a host's key to a known_hosts file, as ssh does for a new host under StrictHostKeyChecking=no or
 * accept-new; hashed (`|1|salt|hmac`) when HashKnownHosts is on, so the file does not list host names.
 */
export function recordHostKey(file: string, hostname: string, port: number, key: Buffer, hash: boolean): void {
  const name = knownHostsName(hostname, port);
  let field = name;
  if (hash) {
    const salt = randomBytes(20);
    field = `|1|${salt.toString('base64')}|${createHmac('sha1', salt).update(name).digest('base64')}`;
  }
  mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
  appendFileSync(file, `${field} ${keyType(key)} ${key.toString('base64')}\n`, { mode: 0o600 });
}

/** Compares the key a server offered with what the files record for it. */
export function checkHostKey(known: KnownKey[], offered: Buffer): HostKeyVerdict {
  const same = known.filter((k) => k.key.equals(offered));
  const revoked = same.find((k) => k.revoked);
  if (revoked) return { status: 'revoked', recorded: revoked };
  if (same.length) return { status: 'match' };
  const type = keyType(offered);
  const sameType = known.find((k) => !k.revoked && k.type === type);
  return sameType ? { status: 'changed', recorded: sameType } : { status: 'unknown' };
}

/** The algorithm name inside an SSH public key blob (its first string). */
export function keyType(blob: Buffer): string {
  if (blob.length < 4) return '';
  return blob.subarray(4, 4 + blob.readUInt32BE(0)).toString('latin1');
}

/** OpenSSH's SHA256 fingerprint of a public key blob, as ssh-keygen -l shows it. */
export function fingerprint(blob: Buffer): string {
  return `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`;
}

const RSA_ALGORITHMS = ['rsa-sha2-512', 'rsa-sha2-256', 'ssh-rsa'];
const DEFAULT_ALGORITHMS = ['ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', ...RSA_ALGORITHMS];

/**
 * Host key algorithms with those already recorded for the host first, as OpenSSH orders them, so a server
 * with several keys shows us the one we can check rather than one we have never seen.
 */
export function preferredHostKeyAlgorithms(known: KnownKey[]): string[] {
  const preferred = known.flatMap((k) => (k.type === 'ssh-rsa' ? RSA_ALGORITHMS : [k.type]));
  return [...new Set([...preferred.filter((a) => DEFAULT_ALGORITHMS.includes(a)), ...DEFAULT_ALGORITHMS])];
}
