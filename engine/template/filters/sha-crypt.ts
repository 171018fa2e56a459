import { createHash, hash } from 'crypto';

/**
 * SHA-crypt (`$5$` / `$6$` password hashes), written from Ulrich Drepper's public specification
 * "Unix crypt using SHA-256 and SHA-512", so `password_hash('sha512', 'salt')` gives the same string
 * as glibc's crypt(3), which is what Ansible uses when passlib is absent.
 */

const ALPHABET = './0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';

interface Variant {
  algorithm: 'sha256' | 'sha512';
  prefix: string;
  /** Byte triples in the order the spec encodes them, then the trailing bytes. */
  order: number[][];
  tail: number[];
}

const SHA512: Variant = {
  algorithm: 'sha512',
  prefix: '$6$',
  order: [[0, 21, 42], [22, 43, 1], [44, 2, 23], [3, 24, 45], [25, 46, 4], [47, 5, 26], [6, 27, 48], [28, 49, 7],
    [50, 8, 29], [9, 30, 51], [31, 52, 10], [53, 11, 32], [12, 33, 54], [34, 55, 13], [56, 14, 35], [15, 36, 57],
    [37, 58, 16], [59, 17, 38], [18, 39, 60], [40, 61, 19], [62, 20, 41]],
  tail: [63],
};

const SHA256: Variant = {
  algorithm: 'sha256',
  prefix: '$5$',
  order: [[0, 10, 20], [21, 1, 11], [12, 22, 2], [3, 13, 23], [24, 4, 14], [15, 25, 5], [6, 16, 26], [27, 7, 17],
    [18, 28, 8], [9, 19, 29]],
  tail: [31, 30],
};

function digest(algorithm: string, ...parts: Buffer[]): Buffer {
  const h = createHash(algorithm);
  for (const p of parts) h.update(p);
  return h.digest();
}

/** `source` repeated to exactly `length` bytes. */
function stretch(source: Buffer, length: number): Buffer {
  const out = Buffer.alloc(length);
  for (let i = 0; i < length; i++) out[i] = source[i % source.length];
  return out;
}

function encode(bytes: number[], chars: number): string {
  let w = 0;
  for (const b of bytes) w = w * 256 + b;
  let out = '';
  for (let i = 0; i < chars; i++) {
    out += ALPHABET[w & 0x3f];
    w = Math.floor(w / 64);
  }
  return out;
}

function rounds(v: Variant, password: Buffer, salt: Buffer, count: number): Buffer {
  const alg = v.algorithm;
  const b = digest(alg, password, salt, password);
  const a = createHash(alg).update(password).update(salt).update(stretch(b, password.length));
  for (let n = password.length; n > 0; n >>= 1) a.update(n & 1 ? b : password);
  let c = a.digest();
  const p = stretch(digest(alg, ...Array<Buffer>(password.length).fill(password)), password.length);
  const s = stretch(digest(alg, ...Array<Buffer>(16 + c[0]).fill(salt)), salt.length);
  // The rounds dominate (656000 by default): one preallocated input buffer and one-shot hashing.
  const input = Buffer.alloc(2 * c.length + 2 * p.length + s.length);
  for (let i = 0; i < count; i++) {
    let n = (i & 1 ? p : c).copy(input, 0);
    if (i % 3) n += s.copy(input, n);
    if (i % 7) n += p.copy(input, n);
    n += (i & 1 ? c : p).copy(input, n);
    c = hash(alg, input.subarray(0, n), 'buffer');
  }
  return c;
}

/** crypt(3) of `password` with a SHA-crypt salt; `roundCount` appears in the result only when given. */
export function shaCrypt(kind: 'sha256' | 'sha512', password: string, salt: string, roundCount?: number): string {
  const v = kind === 'sha512' ? SHA512 : SHA256;
  const saltText = salt.slice(0, 16);
  const count = roundCount === undefined ? 5000 : Math.min(Math.max(roundCount, 1000), 999999999);
  const c = rounds(v, Buffer.from(password, 'utf8'), Buffer.from(saltText, 'utf8'), count);
  let out = v.order.map((t) => encode(t.map((i) => c[i]), 4)).join('');
  out += encode(v.tail.map((i) => c[i]), v.tail.length === 1 ? 2 : 3);
  const roundsPart = roundCount === undefined ? '' : `rounds=${count}$`;
  return `${v.prefix}${roundsPart}${saltText}$${out}`;
}
