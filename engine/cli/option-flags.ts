import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { TsibleError } from '../errors';
import { expandLongOptions } from './long-options';
import { refuseUnsupported } from './unsupported-flags';

export type Kind = 'flag' | 'value' | 'int' | 'list' | 'count';
/** One command-line flag: commander's flag string, our help text, and how its value is taken. */
export interface Flag {
  flags: string;
  help: string;
  kind: Kind;
  group?: string;
}

const CONNECTION = 'Connection options:';
const BECOME = 'Privilege escalation options:';

// Groups as Ansible composes its parsers; each tool lists them in Ansible's order, which decides the
// help layout and the order of candidates named in an "ambiguous option" error.
const META: Flag[] = [
  { flags: '--version', help: 'show the version and the config file in use, then exit', kind: 'flag' },
  { flags: '-v, --verbose', help: 'more output; repeat (-vvv) for more', kind: 'count' },
];
const CONNECT: Flag[] = [
  { flags: '--private-key <file>', help: 'private key file for the connection', kind: 'value', group: CONNECTION },
  { flags: '-u, --user <remote_user>', help: 'connect as this user', kind: 'value', group: CONNECTION },
  { flags: '-c, --connection <connection>', help: 'connection type (default: smart)', kind: 'value', group: CONNECTION },
  { flags: '-T, --timeout <timeout>', help: 'connection timeout in seconds', kind: 'int', group: CONNECTION },
  { flags: '--ssh-common-args <args>', help: 'arguments for ssh, scp and sftp', kind: 'value', group: CONNECTION },
  { flags: '--sftp-extra-args <args>', help: 'arguments for sftp only', kind: 'value', group: CONNECTION },
  { flags: '--scp-extra-args <args>', help: 'arguments for scp only', kind: 'value', group: CONNECTION },
  { flags: '--ssh-extra-args <args>', help: 'arguments for ssh only', kind: 'value', group: CONNECTION },
  { flags: '-k, --ask-pass', help: 'prompt for the connection password', kind: 'flag', group: CONNECTION },
  { flags: '--connection-password-file <file>', help: 'file holding the connection password', kind: 'value', group: CONNECTION },
];
const RUN_AS: Flag[] = [
  { flags: '-b, --become', help: 'run operations with become', kind: 'flag', group: BECOME },
  { flags: '--become-method <method>', help: 'privilege escalation method (default: sudo)', kind: 'value', group: BECOME },
  { flags: '--become-user <user>', help: 'become this user (default: root)', kind: 'value', group: BECOME },
  { flags: '-K, --ask-become-pass', help: 'prompt for the privilege escalation password', kind: 'flag', group: BECOME },
  { flags: '--become-password-file <file>', help: 'file holding the become password', kind: 'value', group: BECOME },
];
const INVENTORY: Flag[] = [
  { flags: '-i, --inventory <inventory>', help: 'inventory path or comma-separated host list (repeatable)', kind: 'list' },
  { flags: '--list-hosts', help: 'list the matching hosts and exit', kind: 'flag' },
  { flags: '-l, --limit <subset>', help: 'further limit the hosts to this pattern', kind: 'value' },
];
const CHECK: Flag[] = [
  { flags: '-C, --check', help: 'change nothing; report what would change', kind: 'flag' },
  { flags: '-D, --diff', help: 'show the differences in changed files', kind: 'flag' },
];
const EXTRA_VARS: Flag = { flags: '-e, --extra-vars <vars>', help: 'key=value pairs, YAML/JSON, or @file (repeatable)', kind: 'list' };
const VAULT: Flag[] = [
  { flags: '--vault-id <id>', help: 'vault identity to use (repeatable)', kind: 'list' },
  { flags: '-J, --ask-vault-password', help: 'prompt for the vault password', kind: 'flag' },
  { flags: '--vault-password-file <file>', help: 'file holding the vault password (repeatable)', kind: 'list' },
];
const FORKS: Flag = { flags: '-f, --forks <forks>', help: 'number of hosts worked on at once', kind: 'int' };
const MODULE_PATH: Flag = { flags: '-M, --module-path <paths>', help: 'colon-separated module directories, searched first', kind: 'list' };

/** ansible-playbook's flags, in its order. */
export const PLAYBOOK_FLAGS: Flag[] = [
  ...META,
  ...CONNECT,
  { flags: '--force-handlers', help: 'run notified handlers even when a task fails', kind: 'flag' },
  { flags: '--flush-cache', help: 'clear the fact cache of every host', kind: 'flag' },
  ...RUN_AS,
  { flags: '-t, --tags <tags>', help: 'only run plays and tasks tagged with these (comma list, repeatable)', kind: 'list' },
  { flags: '--skip-tags <tags>', help: 'skip plays and tasks tagged with these (comma list, repeatable)', kind: 'list' },
  ...CHECK,
  ...INVENTORY,
  EXTRA_VARS,
  ...VAULT,
  FORKS,
  MODULE_PATH,
  { flags: '--syntax-check', help: 'check the playbook syntax and exit', kind: 'flag' },
  { flags: '--list-tasks', help: 'list the tasks that would run and exit', kind: 'flag' },
  { flags: '--list-tags', help: 'list all tags and exit', kind: 'flag' },
  { flags: '--step', help: 'confirm each task before running it', kind: 'flag' },
  { flags: '--start-at-task <name>', help: 'start at the task with this name', kind: 'value' },
];

/** ansible's (ad-hoc) flags, in its order. */
export const ADHOC_FLAGS: Flag[] = [
  ...META,
  ...RUN_AS,
  ...INVENTORY,
  { flags: '-P, --poll <seconds>', help: 'poll interval when using -B (default: 15)', kind: 'int' },
  { flags: '-B, --background <seconds>', help: 'run asynchronously, failing after this many seconds', kind: 'int' },
  { flags: '-o, --one-line', help: 'condense output', kind: 'flag' },
  { flags: '-t, --tree <dir>', help: 'write output to this directory', kind: 'value' },
  ...CONNECT,
  ...CHECK,
  EXTRA_VARS,
  ...VAULT,
  FORKS,
  MODULE_PATH,
  { flags: '--playbook-dir <dir>', help: 'directory standing in for the playbook directory', kind: 'value' },
  { flags: '--task-timeout <seconds>', help: 'task timeout in seconds', kind: 'int' },
  { flags: '-a, --args <args>', help: 'module arguments, key=value or YAML/JSON', kind: 'value' },
  { flags: '-m, --module-name <name>', help: 'module to run (default: command)', kind: 'value' },
];

/** Bad usage, shown as argparse shows it (usage line, `prog: error: …`, then the help), exit 2. */
export class UsageError extends TsibleError {
  constructor(
    message: string,
    readonly prog: string,
    readonly usage: string,
    readonly help: string,
  ) {
    // argparse's status for bad usage; the same number as ExitCode.hostFailed.
    super(message, { exitCode: 2 });
    this.name = 'UsageError';
  }
}

/** Parses `args` (no node/script prefix) against `flags`: raw commander values with defaults filled, or help. */
export function parseWith(prog: string, flags: Flag[], positional: string, args: string[]) {
  const program = new Command(prog)
    .usage(`[options] ${positional}`)
    .exitOverride()
    .configureOutput({ writeOut: () => undefined, writeErr: () => undefined })
    .argument('[args...]');
  for (const flag of flags) program.addOption(toOption(flag));
  try {
    program.parse(expandLongOptions(args, flags, (message) => usageError(program, message)), { from: 'user' });
  } catch (err) {
    if (!(err instanceof CommanderError)) throw err;
    if (err.code === 'commander.helpDisplayed') return { kind: 'help' as const, text: program.helpInformation() };
    throw usageError(program, argparseWording(err));
  }
  const raw = withDefaults(flags, program.opts());
  refuseExclusive(program, raw);
  refuseUnsupported(flags, raw);
  return { kind: 'run' as const, raw, program };
}

/** Prompting for a password and reading it from a file exclude each other, as argparse's groups make them. */
function refuseExclusive(program: Command, raw: Record<string, unknown>): void {
  if (raw.askPass && raw.connectionPasswordFile !== undefined) {
    throw usageError(program, 'argument --connection-password-file/--conn-pass-file: not allowed with argument -k/--ask-pass');
  }
  if (raw.askBecomePass && raw.becomePasswordFile !== undefined) {
    throw usageError(program, 'argument --become-password-file/--become-pass-file: not allowed with argument -K/--ask-become-pass');
  }
}

function toOption(flag: Flag): Option {
  const option = new Option(flag.flags, flag.help);
  if (flag.group) option.helpGroup(flag.group);
  if (flag.kind === 'count') option.argParser((_v: unknown, prev: number | undefined) => (prev ?? 0) + 1);
  if (flag.kind === 'int') option.argParser(parseInteger);
  if (flag.kind === 'list') option.argParser((v: string, prev: string[] | undefined) => [...(prev ?? []), v]);
  return option;
}

/** Defaults filled here rather than in commander, whose help would print "(default: [])" for each. */
function withDefaults(flags: Flag[], opts: Record<string, unknown>): Record<string, unknown> {
  const empty = { flag: false, count: 0, list: [] as string[], int: undefined, value: undefined };
  const out = { ...opts };
  for (const flag of flags) {
    const name = new Option(flag.flags).attributeName();
    if (out[name] === undefined) out[name] = empty[flag.kind];
  }
  return out;
}

function parseInteger(value: string): number {
  if (!/^\s*[+-]?\d+\s*$/.test(value)) throw new InvalidArgumentError(`invalid int value: '${value}'`);
  return Number(value);
}

/** Commander's complaint in argparse's words, so scripts matching Ansible's messages keep working. */
function argparseWording(err: CommanderError): string {
  const quoted = /'([^']+)'/.exec(err.message)?.[1] ?? '';
  const flag = quoted.split(/[ ,]+/).filter((f) => f.startsWith('-')).join('/');
  switch (err.code) {
    case 'commander.unknownOption':
      return `unrecognized arguments: ${quoted}`;
    case 'commander.optionMissingArgument':
      return `argument ${flag}: expected one argument`;
    case 'commander.invalidArgument':
      return `argument ${flag}: ${err.message.replace(/^.*is invalid\. /, '')}`;
    default:
      return err.message.replace(/^error: /, '');
  }
}

export function usageError(program: Command, message: string): UsageError {
  const prog = program.name();
  return new UsageError(message, prog, `usage: ${prog} ${program.usage()}`, program.helpInformation());
}
