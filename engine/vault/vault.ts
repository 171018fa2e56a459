import { Origin, TsibleError } from '../errors';
import { decryptEnvelope, encryptVault, EncryptOptions, isVaulted, parseEnvelope, VaultFormatError } from './format';

/** Vault text that cannot be decrypted (no secret, none fits, damaged): never mistaken for an undefined value. */
export class VaultError extends TsibleError {}

/** The label a secret or a 1.1 vault text has when none is given (Ansible's DEFAULT_VAULT_IDENTITY). */
export const DEFAULT_VAULT_ID = 'default';

/** A password and the vault id it was given for (`--vault-id label@source`; `default` otherwise). */
export interface VaultSecret {
  id: string;
  password: Buffer;
}

export interface VaultOptions {
  /** Only try the secrets whose id is the one in the vault text (Ansible's vault_id_match). */
  idMatch?: boolean;
}

/** Where encrypted data came from, for error messages: a file, or a position in one (an inline `!vault`). */
export interface VaultSource {
  file?: string;
  origin?: Origin;
}

/**
 * The secrets of a run and what is decrypted with them. Each vault text is decrypted once: runs read the
 * same vaulted group_vars and inline values for every host.
 */
export class Vault {
  private readonly plain = new Map<string, Buffer>();

  constructor(
    readonly secrets: readonly VaultSecret[] = [],
    private readonly opts: VaultOptions = {},
  ) {}

  /** The plain text of vault text, or a TsibleError naming `source` (no secrets, none fits, damaged text). */
  decrypt(text: string, source: VaultSource = {}): Buffer {
    const known = this.plain.get(text);
    if (known) return known;
    // As in Ansible, messages name a whole file that was encrypted, not the file an inline value is in.
    const where = source.file;
    const origin = source.origin ?? (where === undefined ? undefined : { file: where, line: 1, column: 1 });
    if (!isVaulted(text)) throw new VaultError(`input is not vault encrypted data${where === undefined ? '' : `. ${where} is not a vault encrypted file`}`, { origin });
    if (this.secrets.length === 0) {
      throw new VaultError('Attempting to decrypt but no vault secrets found', {
        origin,
        hint: 'give the vault password with --vault-password-file, --vault-id or --ask-vault-pass',
      });
    }
    try {
      const envelope = parseEnvelope(text);
      const label = envelope.vaultId ?? DEFAULT_VAULT_ID;
      for (const secret of this.candidates(label)) {
        const plain = decryptEnvelope(envelope, secret.password);
        if (plain) {
          this.plain.set(text, plain);
          return plain;
        }
      }
    } catch (err) {
      if (!(err instanceof VaultFormatError)) throw err;
      throw new VaultError(`Vault format error${where === undefined ? '' : ` in ${where}`}: ${err.message}`, { origin });
    }
    throw new VaultError(`Decryption failed (no vault secrets were found that could decrypt)${where === undefined ? '' : ` on ${where}`}`, {
      origin,
      hint: 'check the vault password (or --vault-id) given for this file',
    });
  }

  /** The text of `decrypt` as UTF-8. */
  decryptText(text: string, source: VaultSource = {}): string {
    return this.decrypt(text, source).toString('utf8');
  }

  /** The secrets to try for a vault text labelled `label`: that label's first, then (unless ids must match) the rest in order. */
  private candidates(label: string): VaultSecret[] {
    const matching = this.secrets.filter((s) => s.id === label);
    if (this.opts.idMatch) return matching;
    return [...matching, ...this.secrets.filter((s) => s.id !== label)];
  }

  /** Vault text for `plaintext`, with the secret of `vaultId` (the first secret when none is named). */
  encrypt(plaintext: Buffer | string, vaultId?: string, opts: Omit<EncryptOptions, 'vaultId'> = {}): string {
    const secret = vaultId === undefined ? this.secrets[0] : this.secrets.find((s) => s.id === vaultId);
    if (!secret) {
      if (vaultId !== undefined && this.secrets.length) {
        throw new TsibleError(`Did not find a match for --encrypt-vault-id=${vaultId} in the known vault-ids ${JSON.stringify(this.secrets.map((s) => s.id))}`);
      }
      throw new TsibleError('A vault password must be specified to encrypt data');
    }
    return encryptVault(plaintext, secret.password, { ...opts, vaultId: secret.id });
  }
}

/**
 * The vault of the running command. Set once by the CLI after reading the secrets; the loaders that meet
 * vaulted files and values (YAML, inventory, lookups, copy/template sources) read it from here, as
 * Ansible's loader holds its secrets for the whole run.
 */
let current = new Vault();

export function setRunVault(vault: Vault): void {
  current = vault;
}

export function runVault(): Vault {
  return current;
}

/**
 * An inline `!vault` value the run's secrets could not decrypt when it was loaded. As in Ansible, that is
 * an error only where the value is used: reading its text decrypts it or fails, so the ciphertext is
 * never taken for the value.
 */
export class EncryptedText {
  constructor(
    readonly vaultText: string,
    readonly origin?: Origin,
  ) {}

  get text(): string {
    return current.decryptText(this.vaultText, { origin: this.origin });
  }

  toString(): string {
    return this.text;
  }

  toJSON(): string {
    return this.text;
  }
}

/** `text` decrypted with the run's secrets when it is vault text, `text` itself otherwise (files read as text). */
export function unvaultText(text: string, file: string): string {
  return isVaulted(text) ? current.decryptText(text, { file }) : text;
}

/** `data` decrypted with the run's secrets when it is vault text, `data` itself otherwise (files read as bytes). */
export function unvaultBytes(data: Buffer, file: string): Buffer {
  return isVaulted(data.subarray(0, VAULT_PEEK)) && isVaulted(data) ? current.decrypt(data.toString('latin1'), { file }) : data;
}

const VAULT_PEEK = 64;
