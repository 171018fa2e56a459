import { chmodSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { readVaultSecrets, SecretReading, vaultIdSlugs } from './secrets';

const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-secrets-'));
const file = (name: string, text: string, mode = 0o600) => {
  const path = join(dir, name);
  writeFileSync(path, text);
  chmodSync(path, mode);
  return path;
};

function reading(answers: string[] = []): SecretReading & { warnings: string[]; asked: string[] } {
  const warnings: string[] = [];
  const asked: string[] = [];
  return {
    warnings,
    asked,
    ask: (prompt) => {
      asked.push(prompt);
      return Promise.resolve(answers.shift() ?? '');
    },
    resolve: (p) => join(dir, p),
    onWarning: (m) => warnings.push(m),
  };
}

const read = async (slugs: string[], how = reading()) => (await readVaultSecrets(slugs, how)).map((s) => [s.id, s.password.toString()]);

describe('vault secret sources', () => {
  test('the order Ansible reads them in: configured identities, --vault-id, password files, the prompt', () => {
    expect(vaultIdSlugs({ identityList: ['a@x'], vaultIds: ['b@y', 'z'], passwordFiles: ['/p'], askVaultPass: true })).toEqual([
      'a@x', 'b@y', 'z', 'default@/p', 'default@prompt_ask_vault_pass',
    ]);
  });

  test('a file gives its content without surrounding whitespace; a bare source is labelled default', async () => {
    file('pw', '  secret one \n');
    expect(await read(['pw', 'dev@pw'])).toEqual([['default', 'secret one'], ['dev', 'secret one']]);
  });

  test('an executable gives its output; a *-client script is asked for the label', async () => {
    file('pw.sh', '#!/bin/sh\necho from-script\n', 0o700);
    file('keys-client.sh', '#!/bin/sh\n[ "$1" = --vault-id ] && [ "$2" = prod ] && echo "pw-$2" && exit 0\necho "no $2" >&2; exit 2\n', 0o700);
    expect(await read(['pw.sh', 'prod@keys-client.sh'])).toEqual([['default', 'from-script'], ['prod', 'pw-prod']]);
    await expect(read(['dev@keys-client.sh'])).rejects.toThrow(`Vault password client script ${join(dir, 'keys-client.sh')} did not find a secret for vault-id=dev: no dev`);
    file('fails.sh', '#!/bin/sh\nexit 3\n', 0o700);
    await expect(read(['fails.sh'])).rejects.toThrow(`Vault password script ${join(dir, 'fails.sh')} returned non-zero (3)`);
  });

  test('prompts: --ask-vault-pass asks "Vault password: ", label@prompt names the label', async () => {
    const how = reading(['one', 'two']);
    expect(await read(['default@prompt_ask_vault_pass', 'dev@prompt'], how)).toEqual([['default', 'one'], ['dev', 'two']]);
    expect(how.asked).toEqual(['Vault password: ', 'Vault password (dev): ']);
    await expect(read(['prompt'], reading([]))).rejects.toThrow('Invalid vault password was provided');
  });

  test('a missing or empty password file is a warning while another source gives a secret, else the error', async () => {
    file('empty', '\n');
    const how = reading();
    expect(await read(['missing', 'a@pw'], how)).toEqual([['a', 'secret one']]);
    expect(how.warnings).toEqual([`Error getting vault password file (None): The vault password file ${join(dir, 'missing')} was not found`]);
    await expect(read(['x@empty'])).rejects.toThrow(`Invalid vault password was provided from file (${join(dir, 'empty')})`);
  });
});
