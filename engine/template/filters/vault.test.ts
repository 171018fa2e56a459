import { vaultFilters } from './vault';
import { CallContext } from '../scope';
import { EncryptedText } from '../../vault/vault';

const ctx = {} as CallContext;
const { vault, unvault } = vaultFilters;

describe('vault and unvault filters', () => {
  test('vault writes filter_default (or vaultid) into a 1.2 header; unvault reads it back with the password', () => {
    const text = vault('secret', ['test'], {}, ctx) as string;
    expect(text).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;filter_default\n/);
    expect(unvault(text, ['test'], {}, ctx)).toBe('secret');
    expect(vault('secret', ['test'], { vaultid: 'lbl' }, ctx)).toMatch(/;lbl\n/);
  });

  test('a salt makes the text what ansible-vault makes of it', () => {
    // As ansible-core's vault filter writes 'secret' with password 'test' and salt '6'.
    const expected = '$ANSIBLE_VAULT;1.2;AES256;filter_default\n33360a30386436633031333665316161303732656333373131373935623033393964633637346464\n6234613765313539306138373564366363306533356464613334320a666339363037303764636538\n3131633564326637303237313463613864626231\n';
    expect(vault('secret', ['test'], { salt: '6' }, ctx)).toBe(expected);
    expect(vault('secret', ['test', 6], {}, ctx)).toBe(expected);
    expect(unvault(expected, ['test'], {}, ctx)).toBe('secret');
  });

  test('plain text passes unvault unchanged; a wrong password and wrong types are filter errors', () => {
    expect(unvault('plain', ['x'], {}, ctx)).toBe('plain');
    expect(() => unvault(vault('s', ['a'], {}, ctx), ['b'], {}, ctx)).toThrow('Unable to decrypt: Decryption failed (no vault secrets were found that could decrypt)');
    expect(() => vault(1, ['a'], {}, ctx)).toThrow("Can only vault strings, instead we got: <class 'int'>");
    expect(() => vault('s', [1], {}, ctx)).toThrow("Secret passed is required to be a string, instead we got: <class 'int'>");
    const wrapped = vault('s', ['a'], { wrap_object: true }, ctx);
    expect(wrapped).toBeInstanceOf(EncryptedText);
    expect(unvault(wrapped, ['a'], {}, ctx)).toBe('s');
  });
});
