import * as os from 'os';
import { resolvePath } from '../config/coerce';
import { Config } from '../config/types';
import { readVaultSecrets, vaultIdSlugs } from '../vault/secrets';
import { setRunVault, Vault } from '../vault/vault';
import { CliIo } from './cli-io';
import { askSecret } from './prompt';

/** The vault flags of a command line (--vault-id, --vault-password-file, --ask-vault-pass). */
export interface VaultFlags {
  vaultId: string[];
  vaultPasswordFile: string[];
  askVaultPassword: boolean;
}

/**
 * Reads the run's vault secrets before anything is loaded, as Ansible does (a vaulted playbook, -e @file
 * or inventory needs them), and makes them the run's vault.
 */
export async function setUpVault(flags: VaultFlags, config: Config, io: CliIo): Promise<Vault> {
  const { defaults } = config;
  const slugs = vaultIdSlugs({
    identityList: defaults.vault_identity_list ?? [],
    vaultIds: flags.vaultId,
    passwordFiles: [...flags.vaultPasswordFile, ...(defaults.vault_password_file ? [defaults.vault_password_file] : [])],
    askVaultPass: flags.askVaultPassword,
  });
  const home = io.env.HOME ?? os.homedir();
  const secrets = await readVaultSecrets(slugs, {
    ask: (prompt) => askSecret(prompt),
    resolve: (p) => resolvePath(p, { baseDir: io.cwd, env: io.env, home }),
    onWarning: (m) => io.stderr(`[WARNING]: ${m}\n`),
  });
  const vault = new Vault(secrets, { idMatch: defaults.vault_id_match });
  setRunVault(vault);
  return vault;
}
