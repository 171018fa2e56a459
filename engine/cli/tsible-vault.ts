#!/usr/bin/env node
import { spawnSync } from 'child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { homedir, tmpdir } from 'os';
import { join, resolve } from 'path';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/ansible-cfg';
import { resolvePath } from '../config/coerce';
import { ExitCode, TsibleError } from '../errors';
import { isVaulted, parseEnvelope } from '../vault/format';
import { readVaultSecrets, vaultIdSlugs } from '../vault/secrets';
import { DEFAULT_VAULT_ID, Vault, VaultSecret } from '../vault/vault';
import { runCli } from './exit';
import { CliIo, processIo, reportCliError } from './cli-io';
import { askSecret } from './prompt';
import { versionText } from './version';

/** ansible-vault's sub-commands, flags, messages and exit codes (1 for errors, 5 for bad options). */

interface Options {
  vaultId?: string[];
  vaultPasswordFile?: string[];
  vaultPassFile?: string[];
  askVaultPassword?: boolean;
  askVaultPass?: boolean;
  encryptVaultId?: string;
  newVaultId?: string;
  newVaultPasswordFile?: string;
  output?: string;
  name?: string[];
  stdinName?: string;
  prompt?: boolean;
  showInput?: boolean;
}

const optionsError = (message: string) => new TsibleError(message, { exitCode: ExitCode.badOptions });

function secretsFlags(cmd: Command): Command {
  const collect = (value: string, prev: string[] = []): string[] => [...prev, value];
  return cmd
    .option('--vault-id <id>', 'vault identity to use (repeatable)', collect)
    .option('--vault-password-file <file>', 'file holding the vault password (repeatable)', collect)
    .option('--vault-pass-file <file>', 'alias of --vault-password-file', collect)
    .option('-J, --ask-vault-password', 'prompt for the vault password')
    .option('--ask-vault-pass', 'alias of --ask-vault-password')
    .option('-v, --verbose', 'more output', (_v, n: number) => n + 1, 0);
}

/** The secrets of the command line and config; with none, a prompt (asked twice for a new password). */
async function secretsOf(opts: Options, io: CliIo, newPassword: boolean): Promise<VaultSecret[]> {
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  const home = io.env.HOME ?? homedir();
  const full = (p: string) => resolvePath(p, { baseDir: io.cwd, env: io.env, home });
  const slugs = vaultIdSlugs({
    identityList: config.defaults.vault_identity_list ?? [],
    vaultIds: opts.vaultId ?? [],
    passwordFiles: [...(opts.vaultPasswordFile ?? []).map(full), ...(config.defaults.vault_password_file ? [config.defaults.vault_password_file] : [])],
    askVaultPass: false,
  });
  const how = { ask: (p: string) => askSecret(p), resolve: full, onWarning: (m: string) => io.stderr(`[WARNING]: ${m}\n`) };
  if (slugs.length && !opts.askVaultPassword) return readVaultSecrets(slugs, how);
  const secrets = await readVaultSecrets(slugs, how);
  return [...secrets, { id: DEFAULT_VAULT_ID, password: await promptPassword(newPassword ? 'New Vault password: ' : 'Vault password: ', newPassword) }];
}

async function promptPassword(prompt: string, confirm: boolean): Promise<Buffer> {
  const first = await askSecret(prompt);
  if (confirm && (await askSecret(`Confirm ${prompt}`)) !== first) throw new TsibleError('Passwords do not match');
  if (!first) throw new TsibleError('Invalid vault password was provided');
  return Buffer.from(first, 'utf8');
}

/** The secret new vault text is encrypted with: --encrypt-vault-id's, or the only one there is. */
function encryptSecret(secrets: VaultSecret[], opts: Options): VaultSecret {
  if (opts.encryptVaultId !== undefined) {
    const found = secrets.find((s) => s.id === opts.encryptVaultId);
    if (!found) throw new TsibleError(`Did not find a match for --encrypt-vault-id=${opts.encryptVaultId} in the known vault-ids ${JSON.stringify(secrets.map((s) => s.id))}`);
    return found;
  }
  if (secrets.length > 1) throw optionsError(`The vault-ids ${secrets.map((s) => s.id).join(',')} are available to encrypt. Specify the vault-id to encrypt with --encrypt-vault-id`);
  const [only] = secrets;
  if (!only) throw optionsError("A vault password is required to use Ansible's Vault");
  return only;
}

function readSource(file: string, io: CliIo): Buffer {
  const path = file === '-' ? 0 : resolve(io.cwd, file);
  try {
    return readFileSync(path);
  } catch (err) {
    throw new TsibleError(`Unable to read source file (${file === '-' ? '-' : resolve(io.cwd, file)}): ${(err as Error).message}`);
  }
}

function writeTarget(file: string, data: Buffer | string, io: CliIo): void {
  if (file === '-') io.stdout(typeof data === 'string' ? data : data.toString('utf8'));
  else writeFileSync(resolve(io.cwd, file), data, { mode: 0o600 });
}

function files(args: string[]): string[] {
  return args.length ? args : ['-'];
}

function decryptFile(vault: Vault, file: string, data: Buffer): Buffer {
  const text = data.toString('latin1');
  if (!isVaulted(text)) throw new TsibleError(`input is not vault encrypted data. ${file} is not a vault encrypted file for ${file}`);
  return vault.decrypt(text, { file });
}

/** `name: !vault |` and the vault text indented as ansible-vault prints it. */
function yamlCiphertext(text: string, name?: string): string {
  const body = text.trimEnd().split('\n').map((l) => `          ${l}`).join('\n');
  return `${name === undefined ? '' : `${name}: `}!vault |\n${body}`;
}

async function encryptString(args: string[], opts: Options, io: CliIo, vault: Vault, secret: VaultSecret): Promise<void> {
  const plaintexts: { text: string; name?: string; from: string }[] = [];
  const names = opts.name ?? [];
  const values = args.filter((a) => a !== '-');
  const fromStdin = args.includes('-') || args.length === 0 || opts.stdinName !== undefined;
  if (opts.prompt && fromStdin) throw optionsError('The --prompt option is not supported if also reading input from stdin');
  if (opts.prompt) {
    const name = opts.name?.[0] ?? (await askSecret('Variable name (enter for no name): ', process.stdin, process.stderr));
    const text = await askSecret('String to encrypt: ');
    if (!text) throw optionsError('The plaintext provided from the prompt was empty, not encrypting');
    plaintexts.push({ text, name: name || undefined, from: 'the interactive prompt' });
  }
  if (fromStdin && !opts.prompt) {
    const text = readFileSync(0, 'utf8');
    if (text === '') throw optionsError('stdin was empty, not encrypting');
    plaintexts.push({ text, name: opts.stdinName, from: 'stdin' });
  }
  if (names.length && names.length !== values.length) {
    io.stderr(`The number of --name options do not match the number of args.\nThe last named variable will be "${names[names.length - 1]}". The rest will not have names.\n`);
  }
  values.forEach((text, i) => {
    if (!text) throw optionsError('The plaintext provided from the command line args was empty, not encrypting');
    plaintexts.push({ text, name: names[i], from: `the string #${i + 1} from the command line args` });
  });
  const many = plaintexts.length > 1;
  const out = plaintexts.map(({ text, name, from }) => {
    const yaml = yamlCiphertext(vault.encrypt(text, secret.id), name);
    if (!many) return yaml;
    const what = name === undefined ? `${from}.)` : `variable ("${name}", ${from}).`;
    return `# The encrypted version of ${what}\n${yaml}`;
  });
  io.stdout(`${out.join('\n\n')}\n`);
}

function editInEditor(initial: Buffer, io: CliIo): Buffer {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-vault-'));
  const file = join(dir, 'plaintext');
  try {
    writeFileSync(file, initial, { mode: 0o600 });
    chmodSync(file, 0o600);
    const editor = io.env.EDITOR || 'vi';
    const run = spawnSync('sh', ['-c', `${editor} "$1"`, 'editor', file], { stdio: 'inherit', env: io.env });
    if (run.status !== 0) throw new TsibleError(`Unable to execute the command "${editor} ${file}": exit status ${run.status ?? run.signal}`);
    return readFileSync(file);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function run(action: string, args: string[], opts: Options, io: CliIo): Promise<number> {
  const newPassword = ['create', 'encrypt', 'encrypt_string'].includes(action);
  const secrets = await secretsOf(opts, io, newPassword);
  if (secrets.length === 0) throw optionsError("A vault password is required to use Ansible's Vault");
  const vault = new Vault(secrets);
  if (opts.output !== undefined && args.length > 1) throw optionsError('At most one input file may be used with the --output option');
  // As ansible-vault, only said when the output goes to a terminal.
  const success = (m: string) => (io.isTTY ? io.stderr(`${m}\n`) : undefined);
  switch (action) {
    case 'encrypt': {
      const secret = encryptSecret(secrets, opts);
      for (const file of files(args)) {
        const data = readSource(file, io);
        if (isVaulted(data)) throw new TsibleError('input is already encrypted');
        writeTarget(opts.output ?? file, vault.encrypt(data, secret.id), io);
      }
      success('Encryption successful');
      return ExitCode.ok;
    }
    case 'decrypt':
      for (const file of files(args)) writeTarget(opts.output ?? file, decryptFile(vault, file, readSource(file, io)), io);
      success('Decryption successful');
      return ExitCode.ok;
    case 'view':
      for (const file of files(args)) io.stdout(decryptFile(vault, file, readSource(file, io)).toString('utf8'));
      return ExitCode.ok;
    case 'encrypt_string':
      await encryptString(args, opts, io, vault, encryptSecret(secrets, opts));
      success('Encryption successful');
      return ExitCode.ok;
    case 'rekey': {
      const next = await newSecret(opts, io);
      for (const file of args) {
        const plain = decryptFile(vault, file, readSource(file, io));
        writeTarget(file, new Vault([next]).encrypt(plain, next.id), io);
      }
      success('Rekey successful');
      return ExitCode.ok;
    }
    case 'create': {
      if (args.length !== 1) throw optionsError('ansible-vault create can take only one filename argument');
      const [file] = args;
      if (existsSync(resolve(io.cwd, file))) throw new TsibleError(`${file} exists, please use 'edit' instead`);
      const secret = encryptSecret(secrets, opts);
      const plain = editInEditor(Buffer.alloc(0), io);
      if (plain.length) writeTarget(file, vault.encrypt(plain, secret.id), io);
      return ExitCode.ok;
    }
    case 'edit': {
      for (const file of args) {
        const text = readSource(file, io).toString('latin1');
        const before = decryptFile(vault, file, Buffer.from(text, 'latin1'));
        const after = editInEditor(before, io);
        // Unchanged plain text keeps the file as it was, as ansible-vault does.
        const label = parseEnvelope(text).vaultId ?? DEFAULT_VAULT_ID;
        const id = opts.encryptVaultId ?? (secrets.some((s) => s.id === label) ? label : secrets[0]?.id);
        if (!after.equals(before)) writeTarget(file, vault.encrypt(after, id), io);
      }
      return ExitCode.ok;
    }
    default:
      throw optionsError(`unknown action ${action}`);
  }
}

async function newSecret(opts: Options, io: CliIo): Promise<VaultSecret> {
  const home = io.env.HOME ?? homedir();
  const full = (p: string) => resolvePath(p, { baseDir: io.cwd, env: io.env, home });
  const how = { ask: (p: string) => askSecret(p), resolve: full, onWarning: (m: string) => io.stderr(`[WARNING]: ${m}\n`) };
  const slugs = [
    ...(opts.newVaultId !== undefined ? [opts.newVaultId.includes('@') ? opts.newVaultId : `${opts.newVaultId}@prompt`] : []),
    ...(opts.newVaultPasswordFile !== undefined ? [`${DEFAULT_VAULT_ID}@${opts.newVaultPasswordFile}`] : []),
  ];
  const [found] = slugs.length ? await readVaultSecrets(slugs, how) : [];
  if (found) return found;
  return { id: DEFAULT_VAULT_ID, password: await promptPassword('New Vault password: ', true) };
}

function program(io: CliIo, done: (p: Promise<number>) => void): Command {
  const root = new Command('tsible-vault')
    .description('encryption/decryption utility for Ansible data files')
    .option('--version', 'show the version and the config file in use, then exit')
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
  const sub = (name: string, help: string, extra: (c: Command) => Command = (c) => c) => {
    const cmd = extra(secretsFlags(root.command(name).description(help).argument('[file...]', 'files').exitOverride().configureOutput({ writeOut: io.stdout, writeErr: io.stderr })));
    cmd.action((args: string[], opts: Options) => {
      const merged = { ...opts, vaultPasswordFile: [...(opts.vaultPasswordFile ?? []), ...(opts.vaultPassFile ?? [])], askVaultPassword: opts.askVaultPassword || opts.askVaultPass };
      done(run(name, args, merged, io));
    });
  };
  const encryptId = (c: Command) => c.option('--encrypt-vault-id <id>', 'the vault id used to encrypt (required if more than one vault-id is provided)');
  const output = (c: Command) => c.option('--output <file>', "output file name for encrypt or decrypt; use - for stdout");
  sub('create', 'Create new vault encrypted file', encryptId);
  sub('decrypt', 'Decrypt vault encrypted file', output);
  sub('edit', 'Edit vault encrypted file', encryptId);
  sub('view', 'View vault encrypted file');
  sub('encrypt', 'Encrypt YAML file', (c) => output(encryptId(c)));
  sub('encrypt_string', 'Encrypt a string', (c) =>
    output(encryptId(c))
      .option('-p, --prompt', 'prompt for the string to encrypt')
      .option('--show-input', 'do not hide input when prompted for the string to encrypt')
      .option('-n, --name <name>', 'the variable name (repeatable)', (v: string, prev: string[] = []) => [...prev, v])
      .option('--stdin-name <name>', 'the variable name for stdin'),
  );
  sub('rekey', 'Re-key a vault encrypted file', (c) =>
    encryptId(c).option('--new-vault-id <id>', 'the new vault identity to use for rekey').option('--new-vault-password-file <file>', 'new vault password file for rekey'),
  );
  return root;
}

/** Run `tsible-vault` with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let result: Promise<number> | undefined;
  const cmd = program(io, (p) => {
    result = p;
  });
  try {
    if (argv[0] === '--version') {
      io.stdout(versionText('tsible-vault', io));
      return ExitCode.ok;
    }
    cmd.parse(argv, { from: 'user' });
    if (!result) {
      io.stderr(cmd.helpInformation());
      return 2;
    }
    return await result;
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : 2;
    return reportCliError(err, io);
  }
}

if (require.main === module) void runCli(() => main(process.argv.slice(2)));
