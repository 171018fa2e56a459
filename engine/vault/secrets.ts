import { spawnSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { basename, extname } from 'path';
import { TsibleError } from '../errors';
import { isExecutable } from '../executable';
import { DEFAULT_VAULT_ID, VaultSecret } from './vault';

/** Where a run's vault secrets come from, as the command line and the config give them. */
export interface SecretSources {
  /** vault_identity_list / ANSIBLE_VAULT_IDENTITY_LIST: `label@source` entries, tried before the command line's. */
  identityList: string[];
  /** Each --vault-id: `label@source` or a bare source. */
  vaultIds: string[];
  /** Each --vault-password-file, then vault_password_file from the config. */
  passwordFiles: string[];
  askVaultPass: boolean;
}

/**
 * Every source as one `label@source` list in the order Ansible reads them: the configured identities,
 * --vault-id, the password files (all labelled `default`), then the --ask-vault-pass prompt.
 */
export function vaultIdSlugs(s: SecretSources): string[] {
  const slugs = [...s.identityList, ...s.vaultIds, ...s.passwordFiles.map((f) => `${DEFAULT_VAULT_ID}@${f}`)];
  if (s.askVaultPass) slugs.push(`${DEFAULT_VAULT_ID}@prompt_ask_vault_pass`);
  return slugs;
}

export interface SecretReading {
  /** Asks on the terminal without echo. */
  ask: (prompt: string) => Promise<string>;
  /** Makes a source path absolute (`~`, `$VAR`, relative to the working directory). */
  resolve: (path: string) => string;
  onWarning: (message: string) => void;
}

/**
 * The secrets of `slugs`, in order. As in Ansible, a password file that cannot be read is a warning while
 * another source gives a secret, and the error itself when none does; a failed prompt stops at once.
 */
export async function readVaultSecrets(slugs: string[], how: SecretReading): Promise<VaultSecret[]> {
  const secrets: VaultSecret[] = [];
  let lastError: TsibleError | undefined;
  for (const slug of slugs) {
    const at = slug.indexOf('@');
    const label = at < 0 ? undefined : slug.slice(0, at);
    const source = at < 0 ? slug : slug.slice(at + 1);
    const id = label || DEFAULT_VAULT_ID;
    if (source === 'prompt' || source === 'prompt_ask_vault_pass') {
      const answer = await how.ask(source === 'prompt' ? `Vault password (${id}): ` : 'Vault password: ');
      if (!answer) {
        how.onWarning(`Error in vault password prompt (${label ?? 'None'}): Invalid vault password was provided`);
        throw new TsibleError('Invalid vault password was provided');
      }
      secrets.push({ id, password: Buffer.from(answer, 'utf8') });
      continue;
    }
    try {
      secrets.push({ id, password: readSecretFile(how.resolve(source), label) });
    } catch (err) {
      if (!(err instanceof TsibleError)) throw err;
      how.onWarning(`Error getting vault password file (${label ?? 'None'}): ${err.message}`);
      lastError = err;
    }
  }
  if (lastError && secrets.length === 0) throw lastError;
  return secrets;
}

/** A password file's content, or an executable's output (a `*-client` script is asked for `label`). */
function readSecretFile(file: string, label: string | undefined): Buffer {
  if (!existsSync(file)) throw new TsibleError(`The vault password file ${file} was not found`);
  if (!isExecutable(file)) {
    let content: Buffer;
    try {
      content = readFileSync(file);
    } catch (err) {
      throw new TsibleError(`Could not read vault password file ${file}: ${(err as Error).message}`);
    }
    const password = trimBytes(content, ' \t\n\r\v\f');
    if (password.length === 0) throw new TsibleError(`Invalid vault password was provided from file (${file})`);
    return password;
  }
  const client = basename(file, extname(file)).endsWith('-client');
  const args = client && label ? ['--vault-id', label] : [];
  // A plain script's stderr is left on the terminal so that it can prompt; a client's is reported.
  const run = spawnSync(file, args, { stdio: ['inherit', 'pipe', client ? 'pipe' : 'inherit'] });
  if (run.error) {
    const kind = client ? 'vault password client script' : 'vault password script';
    throw new TsibleError(`Problem running ${kind} ${file} (${run.error.message}). If this is not a script, remove the executable bit from the file.`);
  }
  const stderr = run.stderr ? run.stderr.toString('utf8') : 'None';
  if (client && run.status === 2) throw new TsibleError(`Vault password client script ${file} did not find a secret for vault-id=${label ?? 'None'}: ${stderr}`);
  if (run.status !== 0) {
    const rc = run.status ?? `signal ${run.signal ?? ''}`;
    if (client) throw new TsibleError(`Vault password client script ${file} returned non-zero (${rc}) when getting secret for vault-id=${label ?? 'None'}: ${stderr}`);
    throw new TsibleError(`Vault password script ${file} returned non-zero (${rc}): ${stderr}`);
  }
  const password = trimBytes(run.stdout, '\r\n');
  if (password.length === 0) throw new TsibleError(`Invalid vault password was provided from script (${file})`);
  return password;
}

function trimBytes(data: Buffer, chars: string): Buffer {
  const drop = new Set([...chars].map((c) => c.charCodeAt(0)));
  let start = 0;
  let end = data.length;
  while (start < end && drop.has(data[start] ?? -1)) start++;
  while (end > start && drop.has(data[end - 1] ?? -1)) end--;
  return data.subarray(start, end);
}
