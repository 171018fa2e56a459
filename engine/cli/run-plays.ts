import { join } from 'path';
import { Config } from '../config/types';
import { ExitCodeValue } from '../errors';
import { loadInventory, parseLimit } from '../inventory';
import { knownModuleNames } from '../module/registry';
import { colourEnabled } from '../output/colour';
import { selectOutput } from '../output/select';
import { Playbook } from '../playbook/types';
import { executePlaybooks } from '../executor/execute';
import { playbookIncludes } from '../executor/include-loader';
import { parseExtraVars } from './extra-vars';
import { PlaybookOptions } from './options';
import { askSecret, askStep } from './prompt';
import { withConfig } from './run-settings';

export interface RunIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

/** A normal run of tsible-playbook: the command line and ansible.cfg turned into an executor request. */
export async function runPlays(opts: PlaybookOptions, config: Config, books: Playbook[], io: RunIo): Promise<ExitCodeValue> {
  const settings = withConfig(opts, config);
  const inventory = loadInventory(settings.inventory, { cwd: io.cwd, onWarning: (m) => io.stderr(`[WARNING]: ${m}\n`) });
  const becomePassword = settings.askBecomePass ? await askSecret('BECOME password: ') : undefined;
  const sshPassword = settings.askPass ? await askSecret('SSH password: ') : undefined;
  const playbookDir = books[0].baseDir;
  return executePlaybooks({
    books,
    inventory,
    config,
    options: {
      check: opts.check,
      diff: opts.diff,
      forks: settings.forks,
      verbosity: settings.verbosity,
      forceHandlers: opts.forceHandlers,
      startAtTask: opts.startAtTask,
      tags: opts.tags,
      skipTags: opts.skipTags,
      limit: opts.limit ? parseLimit(opts.limit, io.cwd) : undefined,
      become: { enabled: settings.become, method: settings.becomeMethod, user: settings.becomeUser, password: becomePassword },
      gathering: config.defaults.gathering,
      extraVars: parseExtraVars(opts.extraVars, io.cwd).vars,
    },
    connection: {
      connection: settings.connection === 'smart' ? undefined : settings.connection,
      remoteUser: opts.user,
      privateKeyFile: opts.privateKey,
      password: sshPassword,
      timeoutSec: opts.timeout,
      sshCommonArgs: opts.sshCommonArgs,
      sshExtraArgs: opts.sshExtraArgs,
    },
    libraries: [...opts.modulePath, join(playbookDir, 'library'), ...config.defaults.library],
    step: opts.step ? askStep : undefined,
    includes: playbookIncludes({ rolesPath: config.defaults.roles_path, moduleNames: () => knownModuleNames() }),
    output: selectOutput(config.defaults.stdout_callback, { out: io.stdout, err: io.stderr }, { verbosity: settings.verbosity, colour: colourEnabled(io.env, Boolean(io.isTTY)), diff: opts.diff, columns: io.columns, progress: Boolean(io.isTTY) }),
  });
}

