#!/usr/bin/env node
import { join } from 'path';
import { loadConfig } from '../config/ansible-cfg';
import { ExitCode, formatError } from '../errors';
import { loadInventory, parseLimit } from '../inventory';
import { knownModuleNames } from '../module/registry';
import { LoadContext } from '../playbook/context';
import { PlaybookError } from '../playbook/load';
import { loadPlay } from '../playbook/play';
import { Playbook } from '../playbook/types';
import { colourEnabled } from '../output/colour';
import { selectOutput } from '../output/select';
import { executePlaybooks } from '../executor/execute';
import { playbookIncludes } from '../executor/include-loader';
import { reportError, runCli } from './exit';
import { parseExtraVars } from './extra-vars';
import { AdhocOptions, parseAdhocArgs } from './options';
import { askSecret } from './prompt';
import { withConfig } from './run-settings';
import type { CliIo } from './tsible-playbook';

/** Run the ad-hoc `tsible PATTERN -m MODULE -a ARGS` (argv without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    const parsed = parseAdhocArgs(argv, { cwd: io.cwd, env: io.env });
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return ExitCode.ok;
    }
    return await run(parsed.options, io);
  } catch (err) {
    if (err instanceof PlaybookError) {
      io.stderr(err.problems.map((p) => formatError(p)).join('\n\n') + '\n');
      return err.exitCode;
    }
    return reportError(err, { out: (t: string) => io.stdout(`${t}\n`), err: (t: string) => io.stderr(`${t}\n`), verbosity: 0 });
  }
}

async function run(opts: AdhocOptions, io: CliIo): Promise<number> {
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  const settings = withConfig(opts, config);
  const inventory = loadInventory(settings.inventory, { cwd: io.cwd, onWarning: (m) => io.stderr(`[WARNING]: ${m}\n`) });
  const limit = opts.limit ? parseLimit(opts.limit, io.cwd) : undefined;
  if (inventory.getHosts(opts.pattern, { limit }).length === 0) {
    io.stderr('[WARNING]: No hosts matched, nothing to do\n');
    return ExitCode.ok;
  }
  const baseDir = opts.playbookDir ?? io.cwd;
  const book = adhocPlaybook(opts, baseDir);
  const becomePassword = settings.askBecomePass ? await askSecret('BECOME password: ') : undefined;
  const sshPassword = settings.askPass ? await askSecret('SSH password: ') : undefined;
  return executePlaybooks({
    books: [book],
    inventory,
    config,
    options: {
      check: opts.check,
      diff: opts.diff,
      forks: settings.forks,
      verbosity: settings.verbosity,
      forceHandlers: false,
      tags: ['all'],
      skipTags: [],
      limit,
      become: { enabled: settings.become, method: settings.becomeMethod, user: settings.becomeUser, password: becomePassword },
      gathering: 'explicit',
      extraVars: parseExtraVars(opts.extraVars, io.cwd).vars,
    },
    connection: { connection: settings.connection === 'smart' ? undefined : settings.connection, remoteUser: opts.user, privateKeyFile: opts.privateKey, password: sshPassword, timeoutSec: opts.timeout, sshCommonArgs: opts.sshCommonArgs, sshExtraArgs: opts.sshExtraArgs },
    libraries: [...opts.modulePath, ...config.defaults.library],
    includes: playbookIncludes({ rolesPath: config.defaults.roles_path }),
    output: selectOutput(opts.oneLine ? 'oneline' : 'minimal', { out: io.stdout, err: io.stderr }, { verbosity: settings.verbosity, colour: colourEnabled(io.env, Boolean(io.isTTY)), diff: opts.diff }),
  });
}

/** The ad-hoc command as the one-task play Ansible makes of it, loaded and checked like any playbook. */
function adhocPlaybook(opts: AdhocOptions, baseDir: string): Playbook {
  const file = join(baseDir, '(ad-hoc command)');
  const task: Record<string, unknown> = { [opts.moduleName]: opts.moduleArgs ?? '' };
  if (opts.taskTimeout) task.timeout = opts.taskTimeout;
  const ds = { name: `Ansible Ad-Hoc`, hosts: opts.pattern, gather_facts: false, tasks: [task] };
  const ctx = new LoadContext({ moduleNames: () => knownModuleNames() });
  const play = loadPlay(ds, file, ctx, { file, line: 1, column: 1 });
  if (ctx.problems.length || !play) throw new PlaybookError(ctx.problems);
  return { file, baseDir, plays: [play] };
}

if (require.main === module) {
  void runCli(() =>
    main(process.argv.slice(2), {
      cwd: process.cwd(),
      env: process.env,
      stdout: (t) => process.stdout.write(t),
      stderr: (t) => process.stderr.write(t),
      isTTY: process.stdout.isTTY,
    }),
  );
}
