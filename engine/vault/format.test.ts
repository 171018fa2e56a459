import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { decryptEnvelope, encryptVault, isVaulted, parseEnvelope, VaultFormatError } from './format';

const password = Buffer.from('secret1');

/** Written by ansible-vault 2.14 (`ansible-vault encrypt --vault-password-file` with "secret1"), of "hello\nworld\n". */
const FROM_ANSIBLE = `$ANSIBLE_VAULT;1.1;AES256
39303866383362623833313336326330666631663961393331383862636362303237303036646563
3161663531333966376161363032323435313133393732640a613265326264343264393066666639
31666562336532313939393836366663643866623932373234616635623733343062333334666633
6237343138306165300a396135303235363439366437346136666363613232386538663831333364
3833
`;

/** The same tool with `--vault-id dev@…`: a 1.2 header carrying the label. */
const FROM_ANSIBLE_LABELLED = `$ANSIBLE_VAULT;1.2;AES256;dev
35303630663138373135343939303732356665333331303234616133316239623137303662616530
3832633639323062643362393230373836383337646264640a363937336231393963643466306135
65623463343365643838643566323632333739356538653337383133383061386439626134623330
3132356465323161650a336663343534666530333335353238323232343634643938303432393266
6439
`;

function saltOf(text: string): Buffer {
  const inner = Buffer.from(parseEnvelope(text).payload, 'hex').toString('latin1');
  return Buffer.from(inner.split('\n')[0] ?? '', 'hex');
}

describe('vault format', () => {
  test('decrypts what ansible-vault wrote, 1.1 and 1.2', () => {
    expect(decryptEnvelope(parseEnvelope(FROM_ANSIBLE), password)?.toString()).toBe('hello\nworld\n');
    const labelled = parseEnvelope(FROM_ANSIBLE_LABELLED);
    expect(labelled).toMatchObject({ version: '1.2', cipher: 'AES256', vaultId: 'dev' });
    expect(decryptEnvelope(labelled, password)?.toString()).toBe('hello\nworld\n');
  });

  test('writes byte for byte what ansible-vault writes for the same salt', () => {
    expect(encryptVault('hello\nworld\n', password, { salt: saltOf(FROM_ANSIBLE) })).toBe(FROM_ANSIBLE);
    expect(encryptVault('hello\nworld\n', password, { salt: saltOf(FROM_ANSIBLE_LABELLED), vaultId: 'dev' })).toBe(FROM_ANSIBLE_LABELLED);
  });

  test('a wrong password is told apart from damaged text', () => {
    expect(decryptEnvelope(parseEnvelope(FROM_ANSIBLE), Buffer.from('secret2'))).toBeUndefined();
    const damaged = FROM_ANSIBLE.replace('3833\n', '38zz\n');
    expect(() => decryptEnvelope(parseEnvelope(damaged), password)).toThrow(VaultFormatError);
    expect(() => parseEnvelope('$ANSIBLE_VAULT;1.1\n00')).toThrow(VaultFormatError);
    expect(() => decryptEnvelope(parseEnvelope('$ANSIBLE_VAULT;1.1;AES128\n00'), password)).toThrow('AES128 cipher could not be found');
  });

  test('inline values keep their indentation; empty and block-sized plain texts round-trip', () => {
    const indented = FROM_ANSIBLE.split('\n').map((l) => `          ${l}`).join('\n');
    expect(decryptEnvelope(parseEnvelope(indented.trimStart()), password)?.toString()).toBe('hello\nworld\n');
    for (const plain of ['', 'x'.repeat(16), 'é'.repeat(40)]) {
      expect(decryptEnvelope(parseEnvelope(encryptVault(plain, password)), password)?.toString()).toBe(plain);
    }
  });

  test('vault text is recognised by its header only', () => {
    expect(isVaulted(FROM_ANSIBLE)).toBe(true);
    expect(isVaulted('ANSIBLE_VAULT')).toBe(false);
    expect(isVaulted(Buffer.from('$ANSIBLE_VAULT;1.1;AES256\n\xff', 'latin1'))).toBe(false);
  });
});

describe('interoperability with the installed ansible-vault', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-'));
  const pwFile = join(dir, 'pw');
  writeFileSync(pwFile, 'secret1\n');
  const vault = (...args: string[]) => execFileSync('ansible-vault', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

  test('ansible-vault encrypts, tsible decrypts', () => {
    const file = join(dir, 'a.yml');
    writeFileSync(file, 'db_password: hunter2\n');
    vault('encrypt', '--vault-id', 'prod@' + pwFile, file);
    const text = readFileSync(file, 'utf8');
    expect(parseEnvelope(text).vaultId).toBe('prod');
    expect(decryptEnvelope(parseEnvelope(text), password)?.toString()).toBe('db_password: hunter2\n');
  });

  test('tsible encrypts, ansible-vault decrypts', () => {
    const file = join(dir, 'b.yml');
    writeFileSync(file, encryptVault('token: 42\n', password, { vaultId: 'dev' }));
    expect(vault('view', '--vault-id', 'dev@' + pwFile, file)).toBe('token: 42\n');
    writeFileSync(file, encryptVault(Buffer.from([0, 1, 2, 255]), password));
    vault('decrypt', '--vault-password-file', pwFile, file);
    expect([...readFileSync(file)]).toEqual([0, 1, 2, 255]);
  });
});
