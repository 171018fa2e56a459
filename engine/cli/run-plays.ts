import { playbookPythonPlugins, playbookRoles } from './python-plugin-dirs';
import { actionPluginDirs } from '../plugins/actions';
import { join } from 'path';
import { Config } from '../config/types';
import { ExitCodeValue } from '../errors';
import { loadInventoryWithPlugins, parseLimit } from '../inventory';
import { knownModuleNames } from '../module/registry';
import { colourEnabled } from '../output/colour';
import { selectOutput } from '../output/select';
import { Playbook } from '../playbook/types';
import { executePlaybooks } from '../executor/execute';
import { playbookIncludes } from '../executor/include-loader';
import { parseExtraVars } from './extra-vars';
import { CommonOptions, PlaybookOptions } from './options';
import { CliIo } from './cli-io';
import { askSecret, askStep, askVarsPrompt } from './prompt';
import { RunSettings, withConfig } from './run-settings';
import { ConnectionDefaults } from '../executor/connections';
import { RunOptions } from '../executor/env';
import { requireLimitedHosts } from './limit-check';
import { optionVars } from './option-vars';
import { settingWarnings } from './setting-warnings';
import { inventoryOptions } from './inventory-options';
import { pythonPluginSetup } from '../inventory/python/setup';
import { refuseUnsupportedSettings } from './unsupported-settings';
import { readPasswordFile } from './password-file';


/** What both tsible-playbook and the ad-hoc tsible ask the executor for, from their common options. */
export async function commonRequest(opts: CommonOptions, settings: RunSettings, io: CliIo, configFile: string | undefined): Promise<{ options: Omit<RunOptions, 'forceHandlers' | 'tags' | 'skipTags' | 'gathering'>; connection: ConnectionDefaults }> {
  const { sshPassword, becomePassword } = await passwords(opts, settings);
  return {
    options: {
      check: opts.check,
      diff: opts.diff,
      forks: settings.forks,
      verbosity: settings.verbosity,
      limit: opts.limit ? parseLimit(opts.limit, io.cwd) : undefined,
      become: { enabled: settings.become, method: settings.becomeMethod, user: settings.becomeUser, password: becomePassword },
      extraVars: parseExtraVars(opts.extraVars, io.cwd).vars,
      optionVars: optionVars(opts, settings, configFile, io.env),
    },
    connection: {
      connection: settings.connection === 'smart' ? undefined : settings.connection,
      remoteUser: opts.user,
      privateKeyFile: opts.privateKey,
      password: sshPassword,
      timeoutSec: opts.timeout,
      sshCommonArgs: opts.sshCommonArgs,
      // --ssh-extra-args, else ansible.cfg's; a host's ansible_ssh_extra_args still wins over both.
      sshExtraArgs: settings.sshExtraArgs || undefined,
    },
  };
}

/**
 * The connection password, then the become one, as Ansible asks for them: from the terminal (-k, -K) or
 * a file; an empty become answer after -k means the same password as for ssh.
 */
async function passwords(opts: CommonOptions, settings: RunSettings): Promise<{ sshPassword?: string; becomePassword?: string }> {
  let sshPassword: string | undefined;
  if (settings.askPass) sshPassword = await askSecret('SSH password: ');
  else if (opts.connectionPasswordFile) sshPassword = readPasswordFile(opts.connectionPasswordFile);
  let becomePassword: string | undefined;
  if (settings.askBecomePass) {
    becomePassword = await askSecret(settings.askPass ? 'BECOME password[defaults to SSH password]: ' : 'BECOME password: ');
    if (settings.askPass && becomePassword === '') becomePassword = sshPassword;
  } else if (opts.becomePasswordFile) becomePassword = readPasswordFile(opts.becomePasswordFile);
  return { sshPassword, becomePassword };
}

/** A normal run of tsible-playbook: the command line and ansible.cfg turned into an executor request. */
export async function runPlays(opts: PlaybookOptions, config: Config, books: Playbook[], io: CliIo): Promise<ExitCodeValue> {
  const settings = withConfig(opts, config);
  // A warning is given once, as Ansible does, even when meta: refresh_inventory reads the sources again.
  const warned = new Set<string>();
  const onWarning = (m: string) => {
    if (!warned.has(m)) io.stderr(`[WARNING]: ${m}\n`);
    warned.add(m);
  };
  refuseUnsupportedSettings(config);
  settingWarnings(config).forEach(onWarning);
  // Ansible adds the playbook's plug-in directories (inventory_plugins/, vars_plugins/) before it reads the inventory.
  const python = pythonPluginSetup(config, books[0].baseDir, { varsStage: 'task', flushCache: opts.flushCache, onDeprecation: (text) => io.stderr(`${text}\n`) });
  const readInventory = () => loadInventoryWithPlugins(settings.inventory, { ...inventoryOptions(config, io, settings.verbosity, onWarning), python });
  const inventory = await readInventory();
  const common = await commonRequest(opts, settings, io, config.file);
  requireLimitedHosts(inventory, 'all', common.options.limit);
  const playbookDir = books[0].baseDir;
  return executePlaybooks({
    books,
    inventory,
    config,
    options: { ...common.options, forceHandlers: opts.forceHandlers || (config.defaults.force_handlers ?? false), startAtTask: opts.startAtTask, flushCache: opts.flushCache, tags: opts.tags, skipTags: opts.skipTags, gathering: config.defaults.gathering, noLog: config.defaults.no_log, errorOnMissingHandler: config.defaults.error_on_missing_handler },
    connection: common.connection,
    // A role's library/ serves every task once the role is loaded, as in Ansible.
    libraries: [...opts.modulePath, join(playbookDir, 'library'), ...playbookRoles(books, config).map((r) => join(r, 'library')), ...config.defaults.library],
    plugins: playbookPythonPlugins(books, config, onWarning),
    actionPlugins: actionPluginDirs([...new Set(books.map((b) => b.baseDir))], playbookRoles(books, config), config.defaults.action_plugins ?? []),
    step: opts.step ? askStep : undefined,
    reloadInventory: readInventory,
    // Like ansible-playbook, vars_prompt only asks on a terminal; otherwise the defaults are taken.
    varsPrompt: process.stdin.isTTY ? askVarsPrompt : undefined,
    includes: playbookIncludes({ rolesPath: config.defaults.roles_path, moduleNames: () => knownModuleNames(), onWarning, duplicateKeys: config.defaults.duplicate_dict_key, errorOnMissingHandler: config.defaults.error_on_missing_handler }),
    output: selectOutput(config.defaults.stdout_callback, { out: io.stdout, err: io.stderr }, { verbosity: settings.verbosity, colour: colourEnabled(io.env, Boolean(io.isTTY)), diff: opts.diff, columns: io.columns, progress: Boolean(io.isTTY), showCustomStats: config.defaults.show_custom_stats }),
  });
}

