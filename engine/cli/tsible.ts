#!/usr/bin/env node
import { join, resolve } from 'path';
import { loadConfig } from '../config/ansible-cfg';
import { Config } from '../config/types';
import { setHashBehaviour } from '../vars/combine';
import { ExitCode } from '../errors';
import { loadInventoryWithPlugins, parseLimit } from '../inventory';
import { knownModuleNames } from '../module/registry';
import { LoadContext } from '../playbook/context';
import { PlaybookError } from '../playbook/load';
import { loadPlay } from '../playbook/play';
import { Playbook } from '../playbook/types';
import { colourEnabled } from '../output/colour';
import { selectOutput } from '../output/select';
import { executePlaybooks } from '../executor/execute';
import { playbookIncludes } from '../executor/include-loader';
import { runCli } from './exit';
import { CliIo, processIo, runCommand } from './cli-io';
import { AdhocOptions, parseAdhocArgs } from './options';
import { commonRequest } from './run-plays';
import { playbookRoles } from './python-plugin-dirs';
import { withConfig } from './run-settings';
import { requireLimitedHosts } from './limit-check';
import { settingWarnings } from './setting-warnings';
import { refuseFilteredModule, startupPluginFilters } from './module-filters';
import { refuseUnsupportedSettings } from './unsupported-settings';
import { setUpVault } from './vault-secrets';
import { inventoryOptions } from './inventory-options';
import { pythonPluginSetup } from '../inventory/python/setup';

/** Run the ad-hoc `tsible PATTERN -m MODULE -a ARGS` (argv without node and script); returns the exit code. */
export function main(argv: string[], io: CliIo): Promise<number> {
  return runCommand(argv, io, parseAdhocArgs, run);
}

async function run(opts: AdhocOptions, io: CliIo): Promise<number> {
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  setHashBehaviour(config.defaults.hash_behaviour);
  const settings = withConfig(opts, config);
  await setUpVault(opts, config, io);
  refuseUnsupportedSettings(config);
  for (const warning of settingWarnings(config)) io.stderr(`[WARNING]: ${warning}\n`);
  refuseFilteredModule(opts.moduleName, startupPluginFilters(config, io));
  const basedir = opts.playbookDir ? resolve(io.cwd, opts.playbookDir) : config.defaults.playbook_dir;
  const python = pythonPluginSetup(config, basedir, { varsStage: 'task', onDeprecation: (text) => io.stderr(`${text}\n`) });
  const inventory = await loadInventoryWithPlugins(settings.inventory, { ...inventoryOptions(config, io, settings.verbosity, (m) => io.stderr(`[WARNING]: ${m}\n`)), python });
  const limit = opts.limit ? parseLimit(opts.limit, io.cwd) : undefined;
  requireLimitedHosts(inventory, opts.pattern, limit);
  const hosts = inventory.getHosts(opts.pattern, { limit });
  if (hosts.length === 0) io.stderr('[WARNING]: No hosts matched, nothing to do\n');
  if (opts.listHosts) {
    io.stdout(`  hosts (${hosts.length}):\n${hosts.map((h) => `    ${h.name}\n`).join('')}`);
    return ExitCode.ok;
  }
  if (hosts.length === 0) return ExitCode.ok;
  const baseDir = opts.playbookDir ?? io.cwd;
  const book = adhocPlaybook(opts, baseDir, config.defaults.roles_path);
  const common = await commonRequest(opts, settings, io, config.file);
  return executePlaybooks({
    books: [book],
    inventory,
    config,
    options: { ...common.options, forceHandlers: false, tags: ['all'], skipTags: [], gathering: 'explicit' },
    connection: common.connection,
    libraries: [...opts.modulePath, ...playbookRoles([book], config).map((r) => join(r, 'library')), ...config.defaults.library],
    includes: playbookIncludes({ rolesPath: config.defaults.roles_path }),
    output: selectOutput(adhocCallback(opts, config), { out: io.stdout, err: io.stderr }, { verbosity: settings.verbosity, colour: colourEnabled(io.env, Boolean(io.isTTY)), diff: opts.diff }),
  });
}

/** The ad-hoc command as the one-task play Ansible makes of it, loaded and checked like any playbook. */
function adhocPlaybook(opts: AdhocOptions, baseDir: string, rolesPath: string[]): Playbook {
  const file = join(baseDir, '(ad-hoc command)');
  const task: Record<string, unknown> = { [opts.moduleName]: adhocArgs(opts.moduleArgs ?? '') };
  if (opts.taskTimeout) task.timeout = opts.taskTimeout;
  // -B runs the module as an async job, checked every -P seconds (-P 0: its id, at once).
  if (opts.background) Object.assign(task, { async: opts.background, poll: opts.poll });
  const ds = { name: `Ansible Ad-Hoc`, hosts: opts.pattern, gather_facts: false, tasks: [task] };
  // import_role finds its role on the roles path, as in a playbook.
  const ctx = new LoadContext({ moduleNames: () => knownModuleNames(), rolesPath });
  const play = loadPlay(ds, file, ctx, { file, line: 1, column: 1 });
  if (ctx.problems.length || !play) throw new PlaybookError(ctx.problems);
  return { file, baseDir, plays: [play] };
}

/** -a takes a JSON object when it looks like one and parses as JSON, else key=value pairs (or a command line). */
function adhocArgs(given: string): unknown {
  const text = given.trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return given;
  try {
    const parsed: unknown = JSON.parse(text);
    if (parsed && typeof parsed === 'object' && Object.keys(parsed).length > 0) return parsed;
  } catch {
    // Not JSON after all: Ansible then reads it as key=value pairs.
  }
  return given;
}

if (require.main === module) void runCli(() => main(process.argv.slice(2), processIo()));

/** Ad-hoc runs print with minimal unless -o asks for oneline; stdout_callback counts only with bin_ansible_callbacks, as in Ansible. */
function adhocCallback(opts: AdhocOptions, config: Config): string {
  if (opts.oneLine) return 'oneline';
  const { bin_ansible_callbacks: load, stdout_callback: callback } = config.defaults;
  return load && callback !== 'default' ? callback : 'minimal';
}
