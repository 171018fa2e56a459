import { spawnSync } from 'child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/** tsible-vault and ansible-vault read what the other writes, with the same sub-commands and exit codes. */
const TSIBLE_VAULT = join(__dirname, '..', '..', 'dist', 'engine', 'cli', 'tsible-vault.js');
const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-tool-'));
const env = { ...process.env, ANSIBLE_CONFIG: join(dir, 'none.cfg') };
const tsibleVault = (args: string[], input = '', extra: NodeJS.ProcessEnv = {}) => spawnSync('node', [TSIBLE_VAULT, ...args], { cwd: dir, env: { ...env, ...extra }, input, encoding: 'utf8' });
const ansibleVault = (args: string[], input = '') => spawnSync('ansible-vault', args, { cwd: dir, env, input, encoding: 'utf8' });
const put = (name: string, text: string) => writeFileSync(join(dir, name), text);

beforeAll(() => {
  put('pw', 'secret1\n');
  put('pw2', 'secret2\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('tsible-vault', () => {
  test('encrypt / view / decrypt interoperate with ansible-vault both ways', () => {
    put('a.yml', 'a: 1\n');
    expect(tsibleVault(['encrypt', '--vault-id', 'dev@pw', 'a.yml']).status).toBe(0);
    expect(readFileSync(join(dir, 'a.yml'), 'utf8')).toMatch(/^\$ANSIBLE_VAULT;1\.2;AES256;dev\n/);
    expect(ansibleVault(['view', '--vault-password-file', 'pw', 'a.yml']).stdout).toBe('a: 1\n');
    put('b.yml', 'b: 2\n');
    expect(ansibleVault(['encrypt', '--vault-password-file', 'pw', 'b.yml']).status).toBe(0);
    expect(tsibleVault(['view', '--vault-password-file', 'pw', 'b.yml']).stdout).toBe('b: 2\n');
    expect(tsibleVault(['decrypt', '--vault-pass-file', 'pw', 'b.yml', '--output', '-']).stdout).toBe('b: 2\n');
    expect(tsibleVault(['decrypt', '--vault-password-file', 'pw', 'b.yml']).status).toBe(0);
    expect(readFileSync(join(dir, 'b.yml'), 'utf8')).toBe('b: 2\n');
  });

  test('encrypt_string with --name, several args and stdin: YAML ansible-vault reads', () => {
    const named = tsibleVault(['encrypt_string', '--vault-password-file', 'pw', '--name', 'token', 'abc']);
    expect(named.stdout).toMatch(/^token: !vault \|\n {10}\$ANSIBLE_VAULT;1\.1;AES256\n/);
    const body = named.stdout.split('\n').slice(1).map((l) => l.trim()).join('\n');
    put('c.txt', body);
    expect(ansibleVault(['decrypt', '--vault-password-file', 'pw', 'c.txt', '--output', '-']).stdout).toBe('abc');
    expect(tsibleVault(['encrypt_string', '--vault-password-file', 'pw', '--stdin-name', 's'], 'from stdin').stdout).toMatch(/^s: !vault \|\n/);
    const two = tsibleVault(['encrypt_string', '--vault-password-file', 'pw', '-n', 'x', '-n', 'y', 'one', 'two']).stdout;
    expect(two.match(/^# The encrypted version of variable \("[xy]", the string #\d from the command line args\)\.$/gm)).toHaveLength(2);
  });

  test('rekey and edit keep the file readable by ansible-vault; edit leaves no plain text behind', () => {
    put('d.yml', 'd: 1\n');
    tsibleVault(['encrypt', '--vault-password-file', 'pw', 'd.yml']);
    expect(tsibleVault(['rekey', '--vault-password-file', 'pw', '--new-vault-password-file', 'pw2', 'd.yml']).status).toBe(0);
    expect(ansibleVault(['view', '--vault-password-file', 'pw2', 'd.yml']).stdout).toBe('d: 1\n');
    const editor = join(dir, 'editor.sh');
    put('editor.sh', `#!/bin/sh\nstat -c %a "$1" > ${join(dir, 'mode')}\necho "$1" > ${join(dir, 'where')}\nsed -i s/1/2/ "$1"\n`);
    chmodSync(editor, 0o755);
    expect(tsibleVault(['edit', '--vault-password-file', 'pw2', 'd.yml'], '', { EDITOR: editor }).status).toBe(0);
    expect(readFileSync(join(dir, 'mode'), 'utf8').trim()).toBe('600');
    expect(() => statSync(readFileSync(join(dir, 'where'), 'utf8').trim())).toThrow();
    expect(ansibleVault(['view', '--vault-password-file', 'pw2', 'd.yml']).stdout).toBe('d: 2\n');
  });

  test('errors and exit codes as ansible-vault', () => {
    put('e.yml', 'e: 1\n');
    tsibleVault(['encrypt', '--vault-password-file', 'pw', 'e.yml']);
    for (const tool of [tsibleVault, ansibleVault]) {
      const wrong = tool(['view', '--vault-password-file', 'pw2', 'e.yml']);
      expect([wrong.status, wrong.stderr]).toEqual([1, expect.stringContaining('ERROR! Decryption failed (no vault secrets were found that could decrypt) on e.yml')]);
      const again = tool(['encrypt', '--vault-password-file', 'pw', 'e.yml']);
      expect([again.status, again.stderr]).toEqual([1, expect.stringContaining('ERROR! input is already encrypted')]);
      const two = tool(['encrypt', '--vault-id', 'a@pw', '--vault-id', 'b@pw2', 'e.yml']);
      expect([two.status, two.stderr]).toEqual([5, expect.stringContaining('ERROR! The vault-ids a,b are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id')]);
    }
  });
});
