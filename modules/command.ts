import { defineModule, failed } from '../engine/module/define';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { commandDocs, commandProperties } from './_lib/command-schema';
import { CommandArgs, runCommand } from './_lib/run-command';
import { optionalString } from './_lib/schema-parts';
import { expandingWord, shlexSplit } from './_lib/shlex';

interface Args extends CommandArgs {
  cmd?: string;
  argv?: string[];
  executable?: string;
}

/** Ansible's command still takes `executable` but runs without it, saying so in the result's warnings. */
function ignoringExecutable(args: Args, result: ModuleResult): ModuleResult {
  if (!args.executable) return result;
  const warning = `As of Ansible 2.4, the parameter 'executable' is no longer supported with the 'command' module. Not using '${args.executable}'.`;
  return { ...result, warnings: [...((result.warnings as string[] | undefined) ?? []), warning] };
}

export default defineModule<Args>({
  name: 'command',
  aliases: ['ansible.builtin.command', 'ansible.legacy.command'],
  supports: { checkMode: 'partial', diff: false },
  async: 'host',
  freeForm: 'cmd',
  // Ansible's shell action runs the command module with _uses_shell set: both report that module's arguments.
  invocation: { fixed: { _uses_shell: false } },
  docs: {
    short: 'Execute commands on targets',
    description: 'Runs a command without a shell: no pipes, redirections or variable expansion. In check mode it is skipped unless creates/removes decide.',
    args: {
      cmd: 'The command line (or free-form text), split like a shell would split words.',
      argv: 'The command as a list of words.',
      executable: 'Not used: command runs no shell (use shell for that); giving it only adds a warning, as in Ansible.',
      ...commandDocs,
    },
    returns: { cmd: 'The command as argv', rc: 'Exit code', stdout: 'Standard output', stderr: 'Standard error', start: 'Start time', end: 'End time', delta: 'Duration' },
    examples: [
      { title: 'Run once', args: { cmd: '/usr/bin/make install', chdir: '/src/app', creates: '/usr/local/bin/app' } },
      { title: 'Words as a list', args: { argv: ['echo', 'hello world'] } },
    ],
  },
  schema: {
    type: 'object',
    properties: { cmd: optionalString, argv: { type: 'array', items: { type: 'string' }, nullable: true }, executable: optionalString, ...commandProperties },
    required: [],
    additionalProperties: false,
  },
  async run(ctx, args) {
    return ignoringExecutable(args, await runWithoutShell(ctx, args));
  },
});

async function runWithoutShell(ctx: ModuleContext, args: Args): Promise<ModuleResult> {
  // Ansible's own check, a failed task with rc 256 rather than a bad-arguments error.
  if (args.argv && args.cmd) return failed('only command or argv can be given, not both', { rc: 256 });
  let argv: string[];
  try {
    argv = args.argv ?? shlexSplit(args.cmd ?? '');
  } catch (e) {
    return failed((e as Error).message);
  }
  if (argv.length === 0) return failed('no command given', { rc: 256 });
  // Like Ansible, $VARS and ~ in the words are expanded (on the host), but nothing else a shell would do.
  const words = argv.map(expandingWord);
  return runCommand(ctx, args, words.join(' '), argv, words);
}
