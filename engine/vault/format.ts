import { createCipheriv, createDecipheriv, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'crypto';

/**
 * ansible-vault's text format, read and written byte for byte as ansible-vault does:
 *
 *   $ANSIBLE_VAULT;1.1;AES256            (1.2 adds `;<vault id>`)
 *   <hex of "hex(salt)\nhex(hmac)\nhex(ciphertext)">, in lines of 80 characters, then a newline
 *
 * AES256 here is AES-256 in CTR mode over PKCS7-padded plain text; PBKDF2-HMAC-SHA256 (10000 rounds) over
 * the password and a 32-byte salt gives 80 bytes: the AES key, the HMAC-SHA256 key, and the initial counter.
 * The HMAC covers the ciphertext only, so a wrong password is told apart from a damaged file.
 */

export const VAULT_HEADER = '$ANSIBLE_VAULT';
const CIPHER = 'AES256';
const ITERATIONS = 10000;
const KEY_BYTES = 32;
const IV_BYTES = 16;
const SALT_BYTES = 32;
const BLOCK = 16;

/** A problem with the vault text itself (as opposed to the password), reported by the caller with the file. */
export class VaultFormatError extends Error {}

/** Whether `data` is vault text: ASCII that starts with the header, as Ansible checks. */
export function isVaulted(data: string | Buffer): boolean {
  const text = typeof data === 'string' ? data : data.toString('latin1');
  // eslint-disable-next-line no-control-regex
  return text.startsWith(VAULT_HEADER) && /^[\x00-\x7f]*$/.test(text);
}

export interface Envelope {
  version: string;
  cipher: string;
  /** From a 1.2 header; undefined for 1.1 (Ansible then calls it `default`). */
  vaultId?: string;
  /** The hexlified payload with the line breaks taken out. */
  payload: string;
}

/** Splits vault text into its header fields and payload; whitespace around lines is ignored (inline `!vault |` blocks). */
export function parseEnvelope(text: string): Envelope {
  const lines = text.split(/\r?\n/).map((l) => l.trim());
  const header = (lines[0] ?? '').split(';').map((f) => f.trim());
  if (header[0] !== VAULT_HEADER || header.length < 3) throw new VaultFormatError('the vault header is not "$ANSIBLE_VAULT;<version>;<cipher>"');
  const [, version = '', cipher = '', vaultId] = header;
  return { version, cipher, vaultId: vaultId || undefined, payload: lines.slice(1).join('') };
}

interface Keys {
  cipherKey: Buffer;
  hmacKey: Buffer;
  iv: Buffer;
}

/**
 * PBKDF2 is the slow part (by design); a run reads the same few vaulted files and values over and over
 * (every host), so the keys of each (password, salt) pair are derived once.
 */
const derived = new Map<string, Keys>();

function deriveKeys(password: Buffer, salt: Buffer): Keys {
  const cacheKey = `${password.toString('base64')}:${salt.toString('base64')}`;
  let keys = derived.get(cacheKey);
  if (!keys) {
    const bytes = pbkdf2Sync(password, salt, ITERATIONS, 2 * KEY_BYTES + IV_BYTES, 'sha256');
    keys = { cipherKey: bytes.subarray(0, KEY_BYTES), hmacKey: bytes.subarray(KEY_BYTES, 2 * KEY_BYTES), iv: bytes.subarray(2 * KEY_BYTES) };
    derived.set(cacheKey, keys);
  }
  return keys;
}

function unhex(hex: string, what: string): Buffer {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) throw new VaultFormatError(`the ${what} is not hexadecimal`);
  return Buffer.from(hex, 'hex');
}

interface Payload {
  salt: Buffer;
  hmac: Buffer;
  ciphertext: Buffer;
}

function parsePayload(payload: string): Payload {
  const inner = unhex(payload, 'vault payload').toString('latin1');
  const first = inner.indexOf('\n');
  const second = first < 0 ? -1 : inner.indexOf('\n', first + 1);
  if (second < 0) throw new VaultFormatError('the vault payload does not hold a salt, an HMAC and a ciphertext');
  return {
    salt: unhex(inner.slice(0, first), 'salt'),
    hmac: unhex(inner.slice(first + 1, second), 'HMAC'),
    ciphertext: unhex(inner.slice(second + 1), 'ciphertext'),
  };
}

/**
 * The plain text of an AES256 envelope, or undefined when the password is not the one it was encrypted
 * with (the HMAC differs). Throws VaultFormatError when the text is damaged or uses another cipher.
 */
export function decryptEnvelope(envelope: Envelope, password: Buffer): Buffer | undefined {
  if (envelope.cipher !== CIPHER) throw new VaultFormatError(`${envelope.cipher} cipher could not be found`);
  const { salt, hmac, ciphertext } = parsePayload(envelope.payload);
  const keys = deriveKeys(password, salt);
  const expected = createHmac('sha256', keys.hmacKey).update(ciphertext).digest();
  if (hmac.length !== expected.length || !timingSafeEqual(hmac, expected)) return undefined;
  const decipher = createDecipheriv('aes-256-ctr', keys.cipherKey, keys.iv);
  const padded = Buffer.concat([decipher.update(ciphertext), decipher.final()]);
  return unpad(padded);
}

function unpad(padded: Buffer): Buffer {
  const n = padded.length === 0 ? 0 : padded[padded.length - 1] ?? 0;
  const valid = n >= 1 && n <= BLOCK && n <= padded.length && padded.subarray(padded.length - n).every((b) => b === n);
  if (!valid) throw new VaultFormatError('the decrypted data has invalid padding');
  return padded.subarray(0, padded.length - n);
}

function pad(data: Buffer): Buffer {
  const n = BLOCK - (data.length % BLOCK);
  return Buffer.concat([data, Buffer.alloc(n, n)]);
}

export interface EncryptOptions {
  /** Written into a 1.2 header; `default` (or none) gives a 1.1 header, as ansible-vault writes. */
  vaultId?: string;
  /** A fixed salt (Ansible's VAULT_ENCRYPT_SALT); random 32 bytes otherwise. */
  salt?: Buffer;
}

/** Vault text for `plaintext` as ansible-vault writes it, ending in a newline. */
export function encryptVault(plaintext: Buffer | string, password: Buffer, opts: EncryptOptions = {}): string {
  const salt = opts.salt ?? randomBytes(SALT_BYTES);
  const keys = deriveKeys(password, salt);
  const cipher = createCipheriv('aes-256-ctr', keys.cipherKey, keys.iv);
  const data = typeof plaintext === 'string' ? Buffer.from(plaintext, 'utf8') : plaintext;
  const ciphertext = Buffer.concat([cipher.update(pad(data)), cipher.final()]);
  const hmac = createHmac('sha256', keys.hmacKey).update(ciphertext).digest();
  const inner = `${salt.toString('hex')}\n${hmac.toString('hex')}\n${ciphertext.toString('hex')}`;
  const body = Buffer.from(inner, 'latin1').toString('hex');
  const labelled = opts.vaultId !== undefined && opts.vaultId !== '' && opts.vaultId !== 'default';
  const header = labelled ? `${VAULT_HEADER};1.2;${CIPHER};${opts.vaultId}` : `${VAULT_HEADER};1.1;${CIPHER}`;
  const lines = [header];
  for (let i = 0; i < body.length; i += 80) lines.push(body.slice(i, i + 80));
  return `${lines.join('\n')}\n`;
}
