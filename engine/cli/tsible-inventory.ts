#!/usr/bin/env node
import { writeFileSync } from 'fs';
import { homedir } from 'os';
import { resolve } from 'path';
import { Command, CommanderError } from 'commander';
import { loadConfig } from '../config/ansible-cfg';
import { setHashBehaviour } from '../vars/combine';
import { versionText } from './version';
import { runCli } from './exit';
import { CliIo, processIo, reportCliError } from './cli-io';
import { parseExtraVars } from './extra-vars';
import { ExitCode, TsibleError } from '../errors';
import { graphInventory } from '../inventory/graph';
import { loadGroupHostVarsDir, loadInventoryWithPlugins, LoadedInventory } from '../inventory';
import { hostVarsForDisplay, listInventory, RenderOptions, yamlInventory } from '../inventory/render';
import { pythonPluginSetup } from '../inventory/python/setup';
import { pyYamlDump } from '../inventory/yaml-dump';
import { pyJson } from '../output/py-json';
import { wrap } from '../output/result-view';
import { startupPluginFilters } from './module-filters';
import { resolvePath } from '../config/coerce';
import { setUpVault } from './vault-secrets';

interface Options {
  inventory?: string[];
  list?: boolean;
  host?: string;
  graph?: boolean;
  vars?: boolean;
  yaml?: boolean;
  toml?: boolean;
  export?: boolean;
  output?: string;
  playbookDir?: string;
  extraVars?: string[];
  version?: boolean;
  vaultId?: string[];
  vaultPasswordFile?: string[];
  vaultPassFile?: string[];
  askVaultPassword?: boolean;
  askVaultPass?: boolean;
}

function program(io: CliIo): Command {
  const collect = (value: string, prev: string[] = []): string[] => [...prev, value];
  return new Command('tsible-inventory')
    .description('Show the inventory as tsible (and Ansible) sees it')
    .option('--version', 'show the version and the config file in use, then exit')
    .argument('[group]', 'the group to start --graph from', 'all')
    .option('-i, --inventory <source>', 'inventory file, directory or comma-separated host list (repeatable)', collect)
    .option('--inventory-file <source>', 'deprecated alias of --inventory', collect)
    .option('--list', 'output all hosts info, as an inventory script does')
    .option('--host <host>', "output one host's variables")
    .option('--graph', 'draw the group tree')
    .option('--vars', 'add variables to --graph')
    .option('-y, --yaml', 'YAML instead of JSON')
    .option('--toml', 'TOML instead of JSON (not supported)')
    .option('--export', 'group vars under groups, host-level vars only under hosts')
    .option('--output <file>', 'write --list to a file instead of stdout')
    .option('--playbook-dir <dir>', "also read group_vars/host_vars beside this playbook directory")
    .option('-e, --extra-vars <vars>', 'key=value pairs, YAML/JSON, or @file (repeatable)', collect)
    .option('--vault-id <id>', 'vault identity to use (repeatable)', collect)
    .option('--vault-password-file <file>', 'file holding the vault password (repeatable)', collect)
    .option('--vault-pass-file <file>', 'alias of --vault-password-file', collect)
    .option('-J, --ask-vault-password', 'prompt for the vault password')
    .option('--ask-vault-pass', 'alias of --ask-vault-password')
    .option('-v, --verbose', 'more output (accepted for compatibility)', (_v, n: number) => n + 1, 0)
    .exitOverride()
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr });
}

/** Run `tsible-inventory` with `argv` (without node and script); returns the exit code. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse(argv, { from: 'user' });
    return await run(cmd.opts<Options & { inventoryFile?: string[] }>(), cmd.args[0] ?? 'all', io);
  } catch (err) {
    // Help ends with 0; anything else commander rejects is a usage error, which argparse exits 2 for.
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : 2;
    return reportCliError(err, io);
  }
}

async function run(opts: Options & { inventoryFile?: string[] }, pattern: string, io: CliIo): Promise<number> {
  if (opts.version) {
    io.stdout(versionText('tsible-inventory', io));
    return ExitCode.ok;
  }
  const actions = [opts.list, opts.host !== undefined, opts.graph].filter(Boolean).length;
  if (actions === 0) throw optionsError('No action selected, at least one of --host, --graph or --list needs to be specified.');
  if (actions > 1) throw optionsError('Conflicting options used, only one of --host, --graph or --list can be used at the same time.');
  if (opts.toml) throw optionsError('TOML output is not supported by tsible-inventory; use --yaml or the default JSON');
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  startupPluginFilters(config, io);
  setHashBehaviour(config.defaults.hash_behaviour);
  const home = io.env.HOME ?? homedir();
  await setUpVault({
    vaultId: opts.vaultId ?? [],
    vaultPasswordFile: [...(opts.vaultPasswordFile ?? []), ...(opts.vaultPassFile ?? [])].map((p) => resolvePath(p, { baseDir: io.cwd, env: io.env, home })),
    askVaultPassword: Boolean(opts.askVaultPassword || opts.askVaultPass),
  }, config, io);
  const sources = [...(opts.inventory ?? []), ...(opts.inventoryFile ?? [])];
  const extraVars = parseExtraVars(opts.extraVars ?? [], io.cwd).vars;
  // Ansible's basedir: its inventory_plugins/ and vars_plugins/ are searched, its group_vars/host_vars read.
  const basedir = opts.playbookDir ? resolve(io.cwd, opts.playbookDir) : config.defaults.playbook_dir;
  const inv = await loadInventoryWithPlugins(sources.length ? sources : config.defaults.inventory, {
    cwd: io.cwd,
    python: pythonPluginSetup(config, basedir, { varsStage: 'all', onDeprecation: (text) => io.stderr(`${text}\n`) }),
    groupNameRule: config.defaults.force_valid_group_names,
    enabledPlugins: config.defaults.inventory_enabled,
    unparsedFailed: config.defaults.inventory_unparsed_is_failed,
    anyUnparsedFailed: config.defaults.inventory_any_unparsed_is_failed,
    pluginContext: { extraVars },
    // Ansible wraps warnings to the display width, 79 columns off a terminal.
    onWarning: (msg) => io.stderr(`${wrap(`[WARNING]: ${msg}`, 79).join('\n')}\n`),
  });
  const render: RenderOptions = { export: opts.export, extraVars };
  if (basedir) render.playbookAdjacent = inv.withPluginVars(basedir, loadGroupHostVarsDir(basedir, inv));
  let text: string;
  if (opts.graph) {
    if (!inv.groups.has(pattern)) throw optionsError('Pattern must be valid group name when using --graph');
    text = graphInventory(inv, pattern, Boolean(opts.vars), render);
  } else {
    text = dump(opts.host !== undefined ? hostOutput(inv, opts.host, render) : listOutput(inv, opts, render), opts.yaml);
  }
  if (opts.output && opts.list) writeFileSync(resolve(io.cwd, opts.output), text);
  else io.stdout(`${text}\n`);
  return ExitCode.ok;
}

function hostOutput(inv: LoadedInventory, host: string, render: RenderOptions): unknown {
  const hosts = inv.getHosts(host);
  if (hosts.length !== 1) throw optionsError('You must pass a single valid host to --host parameter');
  return hostVarsForDisplay(inv, hosts[0].name, render);
}

function listOutput(inv: LoadedInventory, opts: Options, render: RenderOptions): unknown {
  return opts.yaml ? yamlInventory(inv, render) : listInventory(inv, render);
}

/** JSON as Ansible writes it (sorted keys, indent 4), or YAML as PyYAML writes it. */
function dump(value: unknown, yaml?: boolean): string {
  return yaml ? pyYamlDump(value) : pyJson(value, 4);
}

function optionsError(message: string): TsibleError {
  return new TsibleError(message, { exitCode: ExitCode.badOptions });
}

if (require.main === module) void runCli(() => main(process.argv.slice(2)));
