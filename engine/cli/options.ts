import * as os from 'os';
import { resolvePath } from '../config/coerce';
import { ADHOC_FLAGS, parseWith, PLAYBOOK_FLAGS, usageError } from './option-flags';
import { versionText } from './version';

export { UsageError } from './option-flags';

/** Options both tools take; paths made absolute against the working directory, as Ansible does. */
export interface CommonOptions {
  /** How many -v were given; the run's verbosity adds ANSIBLE_VERBOSITY (see withConfig). */
  verbose: number;
  /** Each -i in order: paths absolute, comma-separated host lists as given. */
  inventory: string[];
  listHosts: boolean;
  /** The last -l, like Ansible. */
  limit?: string;
  /** Each -e in order, `@file` made absolute; see parseExtraVars. */
  extraVars: string[];
  check: boolean;
  diff: boolean;
  forks?: number;
  /** -M directories, the last -M's first. */
  modulePath: string[];
  vaultId: string[];
  askVaultPassword: boolean;
  vaultPasswordFile: string[];
  privateKey?: string;
  user?: string;
  connection?: string;
  timeout?: number;
  sshCommonArgs?: string;
  sftpExtraArgs?: string;
  scpExtraArgs?: string;
  sshExtraArgs?: string;
  askPass: boolean;
  connectionPasswordFile?: string;
  become: boolean;
  becomeMethod?: string;
  becomeUser?: string;
  askBecomePass: boolean;
  becomePasswordFile?: string;
}

export interface PlaybookOptions extends CommonOptions {
  playbooks: string[];
  /** Comma lists split, blanks trimmed, duplicates dropped; `['all']` when no -t was given. */
  tags: string[];
  skipTags: string[];
  syntaxCheck: boolean;
  listTasks: boolean;
  listTags: boolean;
  startAtTask?: string;
  step: boolean;
  forceHandlers: boolean;
  flushCache: boolean;
}

export interface AdhocOptions extends CommonOptions {
  pattern: string;
  /** `command` unless -m was given. */
  moduleName: string;
  moduleArgs?: string;
  background: number;
  poll: number;
  oneLine: boolean;
  tree?: string;
  playbookDir?: string;
  taskTimeout: number;
}

/** A run to make, or help text to print before exiting 0 (`-h`). */
export type Parsed<T> = { kind: 'run'; options: T } | { kind: 'help'; text: string };

/** What relative paths, `~` and `$VAR` in path options expand against. */
export interface ParseEnv {
  cwd?: string;
  env?: NodeJS.ProcessEnv;
}

/** tsible-playbook's command line (`args` without node and script). Throws UsageError. */
export function parsePlaybookArgs(args: string[], where: ParseEnv = {}): Parsed<PlaybookOptions> {
  const parsed = parseWith('tsible-playbook', PLAYBOOK_FLAGS, 'playbook [playbook ...]', args);
  if (parsed.kind === 'help') return parsed;
  const { raw, program } = parsed;
  if (raw.version) return { kind: 'help', text: versionText('tsible-playbook', where) };
  if (program.args.length === 0) throw usageError(program, 'the following arguments are required: playbook');
  const tags = splitTags(raw.tags as string[]);
  const options: PlaybookOptions = {
    ...(raw as unknown as PlaybookOptions),
    ...common(raw, where),
    playbooks: program.args,
    tags: tags.length ? tags : ['all'],
    skipTags: splitTags(raw.skipTags as string[]),
  };
  return { kind: 'run', options };
}

/** tsible's (ad-hoc) command line: a host pattern, -m, -a and the shared flags. Throws UsageError. */
export function parseAdhocArgs(args: string[], where: ParseEnv = {}): Parsed<AdhocOptions> {
  const parsed = parseWith('tsible', ADHOC_FLAGS, 'pattern', args);
  if (parsed.kind === 'help') return parsed;
  const { raw, program } = parsed;
  if (raw.version) return { kind: 'help', text: versionText('tsible', where) };
  if (program.args.length === 0) throw usageError(program, 'the following arguments are required: pattern');
  if (program.args.length > 1) throw usageError(program, `unrecognized arguments: ${program.args.slice(1).join(' ')}`);
  const options: AdhocOptions = {
    ...(raw as unknown as AdhocOptions),
    ...common(raw, where),
    pattern: program.args[0] ?? '',
    moduleName: (raw.moduleName as string | undefined) ?? 'command',
    moduleArgs: raw.args as string | undefined,
    background: (raw.background as number | undefined) ?? 0,
    poll: (raw.poll as number | undefined) ?? 15,
    taskTimeout: (raw.taskTimeout as number | undefined) ?? 0,
  };
  return { kind: 'run', options };
}

/** The shared options whose values Ansible rewrites after parsing: paths expanded and made absolute, -M split. */
function common(raw: Record<string, unknown>, where: ParseEnv): Partial<CommonOptions> {
  const env = where.env ?? process.env;
  const ctx = { baseDir: where.cwd ?? process.cwd(), env, home: env.HOME ?? os.homedir() };
  const full = (p: string) => resolvePath(p, ctx);
  const abs = (p: string | undefined) => (p === undefined || p === '-' ? p : full(p));
  return {
    inventory: (raw.inventory as string[]).map((i) => (i.includes(',') ? i : full(i))),
    extraVars: (raw.extraVars as string[]).map((e) => (e.startsWith('@') ? `@${full(e.slice(1))}` : e)),
    modulePath: (raw.modulePath as string[]).reduce<string[]>(
      (acc, spec) => [...spec.split(':').filter(Boolean).map(full), ...acc],
      [],
    ),
    vaultPasswordFile: (raw.vaultPasswordFile as string[]).map(full),
    privateKey: abs(raw.privateKey as string | undefined),
    connectionPasswordFile: abs(raw.connectionPasswordFile as string | undefined),
    becomePasswordFile: abs(raw.becomePasswordFile as string | undefined),
  };
}

function splitTags(values: string[]): string[] {
  return [...new Set(values.flatMap((v) => v.split(',').map((t) => t.trim())))];
}
