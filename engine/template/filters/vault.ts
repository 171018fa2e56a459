import { isVaulted } from '../../vault/format';
import { EncryptedText, Vault } from '../../vault/vault';
import { TsibleError } from '../../errors';
import { pyStr } from '../python';
import { FilterFn } from '../scope';
import { FilterError, plain, truthy, typeName, Undefined } from '../values';

/** `vault` and `unvault`: ansible-vault text made and read inside a template, with a password given there. */

/** The vault id these filters label their text with when none is given, as Ansible's do. */
const FILTER_VAULT_ID = 'filter_default';

function requireText(v: unknown, what: string): string {
  const p = plain(v);
  if (typeof p === 'string' || p instanceof Undefined) return pyStr(p);
  throw new FilterError(`${what}<class '${typeName(p)}'>`);
}

const vault: FilterFn = (data, [secret, salt, vaultid, wrapObject], kw) => {
  const password = requireText(secret ?? kw.secret, 'Secret passed is required to be a string, instead we got: ');
  const text = requireText(data, 'Can only vault strings, instead we got: ');
  const saltArg = salt ?? kw.salt;
  const id = pyStr(vaultid ?? kw.vaultid ?? FILTER_VAULT_ID);
  const saltBytes = saltArg === undefined || saltArg === null ? undefined : Buffer.from(pyStr(saltArg), 'utf8');
  const vaultText = new Vault([{ id, password: Buffer.from(password, 'utf8') }]).encrypt(text, id, { salt: saltBytes });
  // Wrapped, it is a vaulted value as a !vault one is: opened with the run's secrets (or unvault) where used.
  return truthy(wrapObject ?? kw.wrap_object ?? false) ? new EncryptedText(vaultText) : vaultText;
};

const unvault: FilterFn = (value, [secret, vaultid], kw) => {
  const password = requireText(secret ?? kw.secret, 'Secret passed is required to be as string, instead we got: ');
  // An inline !vault value the run could not open is opened here with the filter's secret, as in Ansible.
  const text = value instanceof EncryptedText ? value.vaultText : requireText(value, 'Vault should be in the form of a string, instead we got: ');
  if (!isVaulted(text)) return text;
  const id = pyStr(vaultid ?? kw.vaultid ?? FILTER_VAULT_ID);
  try {
    return new Vault([{ id, password: Buffer.from(password, 'utf8') }]).decryptText(text);
  } catch (err) {
    if (err instanceof TsibleError) throw new FilterError(`Unable to decrypt: ${err.message}`);
    throw err;
  }
};

export const vaultFilters: Record<string, FilterFn> = { unvault, vault };
