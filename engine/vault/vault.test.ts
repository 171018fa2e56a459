import { encryptVault } from './format';
import { Vault } from './vault';

const secret = (id: string, pw: string) => ({ id, password: Buffer.from(pw) });
const text = encryptVault('plain', Buffer.from('right'), { vaultId: 'prod' });

describe('Vault', () => {
  test('no secrets: Ansible message, with the file', () => {
    expect(() => new Vault().decrypt(text, { file: '/p/vars.yml' })).toThrow(
      expect.objectContaining({ message: 'Attempting to decrypt but no vault secrets found', origin: { file: '/p/vars.yml', line: 1, column: 1 } }),
    );
  });

  test('no secret fits: the file is named', () => {
    expect(() => new Vault([secret('default', 'wrong')]).decrypt(text, { file: '/p/vars.yml' })).toThrow(
      'Decryption failed (no vault secrets were found that could decrypt) on /p/vars.yml',
    );
  });

  test('every secret is tried, whatever its label, unless ids must match', () => {
    const secrets = [secret('dev', 'wrong'), secret('other', 'right')];
    expect(new Vault(secrets).decryptText(text)).toBe('plain');
    expect(() => new Vault(secrets, { idMatch: true }).decryptText(text)).toThrow('Decryption failed');
    expect(new Vault([secret('prod', 'right')], { idMatch: true }).decryptText(text)).toBe('plain');
  });

  test('damaged text is a format error naming the file', () => {
    expect(() => new Vault([secret('default', 'x')]).decrypt('$ANSIBLE_VAULT;1.1;AES256\nzz', { file: 'f' })).toThrow('Vault format error in f');
  });

  test('encrypts with the named vault id, 1.2 header for a label', () => {
    const vault = new Vault([secret('default', 'a'), secret('dev', 'b')]);
    expect(vault.encrypt('x')).toMatch(/^\$ANSIBLE_VAULT;1\.1;AES256\n/);
    const labelled = vault.encrypt('x', 'dev');
    expect(labelled).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;dev\n/);
    expect(new Vault([secret('dev', 'b')]).decryptText(labelled)).toBe('x');
    expect(() => vault.encrypt('x', 'nope')).toThrow('Did not find a match for --encrypt-vault-id=nope');
  });
});
