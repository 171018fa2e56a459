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

/** The flags ansible-playbook and ansible share, in Ansible's groups; each tool adds its own. */
export const SHARED_FLAGS: Flag[] = [
  { flags: '--version', help: 'show the version and the config file in use, then exit', kind: 'flag' },
  { flags: '-v, --verbose', help: 'more output; repeat (-vvv) for more', kind: 'count' },
  { flags: '-i, --inventory <inventory>', help: 'inventory path or comma-separated host list (repeatable)', kind: 'list' },
  { flags: '--list-hosts', help: 'list the matching hosts and exit', kind: 'flag' },
  { flags: '-l, --limit <subset>', help: 'further limit the hosts to this pattern', kind: 'value' },
  { flags: '-e, --extra-vars <vars>', help: 'key=value pairs, YAML/JSON, or @file (repeatable)', kind: 'list' },
  { flags: '-C, --check', help: 'change nothing; report what would change', kind: 'flag' },
  { flags: '-D, --diff', help: 'show the differences in changed files', kind: 'flag' },
  { flags: '-f, --forks <forks>', help: 'number of hosts worked on at once', kind: 'int' },
  { flags: '-M, --module-path <paths>', help: 'colon-separated module directories, searched first', kind: 'list' },
  { flags: '--vault-id <id>', help: 'vault identity to use (repeatable)', kind: 'list' },
  { flags: '--ask-vault-password', help: 'prompt for the vault password', kind: 'flag' },
  { flags: '--vault-password-file <file>', help: 'file holding the vault password (repeatable)', kind: 'list' },
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
  { flags: '-b, --become', help: 'run operations with become', kind: 'flag', group: BECOME },
  { flags: '--become-method <method>', help: 'privilege escalation method (default: sudo)', kind: 'value', group: BECOME },
  { flags: '--become-user <user>', help: 'become this user (default: root)', kind: 'value', group: BECOME },
  { flags: '-K, --ask-become-pass', help: 'prompt for the privilege escalation password', kind: 'flag', group: BECOME },
  { flags: '--become-password-file <file>', help: 'file holding the become password', kind: 'value', group: BECOME },
];

export const PLAYBOOK_FLAGS: Flag[] = [
  { flags: '-t, --tags <tags>', help: 'only run plays and tasks tagged with these (comma list, repeatable)', kind: 'list' },
  { flags: '--skip-tags <tags>', help: 'skip plays and tasks tagged with these (comma list, repeatable)', kind: 'list' },
  { flags: '--syntax-check', help: 'check the playbook syntax and exit', kind: 'flag' },
  { flags: '--list-tasks', help: 'list the tasks that would run and exit', kind: 'flag' },
  { flags: '--list-tags', help: 'list all tags and exit', kind: 'flag' },
  { flags: '--start-at-task <name>', help: 'start at the task with this name', kind: 'value' },
  { flags: '--step', help: 'confirm each task before running it', kind: 'flag' },
  { flags: '--force-handlers', help: 'run notified handlers even when a task fails', kind: 'flag' },
  { flags: '--flush-cache', help: 'clear the fact cache of every host', kind: 'flag' },
];

export const ADHOC_FLAGS: Flag[] = [
  { flags: '-m, --module-name <name>', help: 'module to run (default: command)', kind: 'value' },
  { flags: '-a, --args <args>', help: 'module arguments, key=value or YAML/JSON', kind: 'value' },
  { flags: '-B, --background <seconds>', help: 'run asynchronously, failing after this many seconds', kind: 'int' },
  { flags: '-P, --poll <seconds>', help: 'poll interval when using -B (default: 15)', kind: 'int' },
  { flags: '-o, --one-line', help: 'condense output', kind: 'flag' },
  { flags: '-t, --tree <dir>', help: 'write output to this directory', kind: 'value' },
  { flags: '--playbook-dir <dir>', help: 'directory standing in for the playbook directory', kind: 'value' },
  { flags: '--task-timeout <seconds>', help: 'task timeout in seconds', kind: 'int' },
];

/** Second spellings Ansible accepts; rewritten to the first before parsing, as commander has one long name. */
export const ALIASES: Record<string, string> = {
  '--key-file': '--private-key',
  '--inventory-file': '--inventory',
  '--ask-vault-pass': '--ask-vault-password',
  '--vault-pass-file': '--vault-password-file',
  '--conn-pass-file': '--connection-password-file',
  '--become-pass-file': '--become-password-file',
};
