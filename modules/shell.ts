import { defineModule, failed } from '../engine/module/define';
import { shellQuote } from '../engine/module/shell-quote';
import { commandDocs, commandProperties } from './_lib/command-schema';
import { CommandArgs, runCommand } from './_lib/run-command';
import { optionalString } from './_lib/schema-parts';

interface Args extends CommandArgs {
  cmd?: string;
  executable?: string;
}

export default defineModule<Args>({
  name: 'shell',
  aliases: ['ansible.builtin.shell', 'ansible.legacy.shell'],
  supports: { checkMode: 'partial', diff: false },
  async: 'host',
  freeForm: 'cmd',
  // Ansible's shell action runs the command module with _uses_shell set: both report that module's arguments.
  invocation: { fixed: { _uses_shell: true, argv: null } },
  docs: {
    short: 'Execute shell commands on targets',
    description: 'Runs a command line through /bin/sh (or executable), so pipes, redirections and variables work.',
    args: { cmd: 'The shell command line (or free-form text).', executable: 'The shell to use instead of /bin/sh.', ...commandDocs },
    examples: [
      { title: 'A pipeline', args: { cmd: 'cat /etc/passwd | wc -l' } },
      { title: 'Use bash', args: { cmd: 'set -o pipefail; false | true', executable: '/bin/bash' } },
    ],
  },
  schema: {
    type: 'object',
    properties: { cmd: optionalString, executable: optionalString, ...commandProperties },
    required: [],
    additionalProperties: false,
  },
  async run(ctx, args) {
    if (!args.cmd) return failed('no command given', { rc: 256 });
    const line = args.executable ? `${shellQuote(args.executable)} -c ${shellQuote(args.cmd)}` : args.cmd;
    return runCommand(ctx, args, line, args.cmd);
  },
});
