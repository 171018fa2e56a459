import { PythonPlugins } from '../template/python-plugins';
import { Config } from '../config/types';
import { factCacheFor } from '../vars/fact-cache';
import { ExitCodeValue } from '../errors';
import { Inventory } from '../inventory/types';
import { findModule } from '../module/registry';
import { discoverUserModules } from '../module/user-modules';
import { EventSink } from '../output/events';
import { Playbook } from '../playbook/types';
import { createTemplar } from '../template';
import { ConnectionDefaults, ConnectionPool } from './connections';
import { ExecutorEnv, RunOptions } from './env';
import { HostVariables } from './host-variables';
import { IncludeLoader } from './include-runtime';
import { runPlaybooks } from './run-playbook';
import { checkTaskArguments } from './preflight';
import { CheckPredictions } from './check-predictions';
import { PlaybookError } from '../playbook/load';
import { RunStats } from './stats';
import { RefreshableInventory } from './refreshable-inventory';
import { actionPluginDirs, ActionPlugins, isNativeAction } from '../plugins/actions';
import { PythonActions } from './python-actions';

export interface ExecuteRequest {
  books: Playbook[];
  inventory: Inventory;
  config: Config;
  options: RunOptions;
  connection: ConnectionDefaults;
  /** Directories with users' modules, highest priority first (-M, ./library beside the playbook, config). */
  libraries: string[];
  /** The playbook's Python filter, test and lookup plug-ins. */
  plugins?: PythonPlugins;
  /** Directories of Python action plug-ins (beside the playbooks, in roles); ansible.cfg's action_plugins when not given. */
  actionPlugins?: string[];
  includes: IncludeLoader;
  /** --step's question, asked before each task. */
  step?: ExecutorEnv['step'];
  /** Reads the inventory sources again, for meta: refresh_inventory. */
  reloadInventory?: () => Promise<Inventory>;
  /** vars_prompt's question; leave it out when standard input is not a terminal. */
  varsPrompt?: ExecutorEnv['varsPrompt'];
  /** Where the run's events go (the chosen stdout callback). */
  output: EventSink;
}

/** Runs playbooks for real: builds the engine's parts, wires the chosen output, returns the exit code. */
export async function executePlaybooks(req: ExecuteRequest): Promise<ExitCodeValue> {
  const templar = createTemplar(req.plugins, { native: req.config.defaults.jinja2_native, managed: req.config.defaults.ansible_managed });
  const first = req.books[0];
  const inventory = new RefreshableInventory(req.inventory);
  const vars = new HostVariables({
    inventory,
    templar,
    extraVars: req.options.extraVars,
    playbookDir: first.baseDir,
    checkMode: req.options.check,
    diffMode: req.options.diff,
    runTags: req.options.tags.length ? req.options.tags : ['all'],
    skipTags: req.options.skipTags,
    optionVars: req.options.optionVars ?? {},
    factCache: factCacheFor(req.config),
  });
  if (req.options.flushCache) for (const host of inventory.getHosts('all')) vars.clearFacts(host.name);
  const userModules = discoverUserModules(req.libraries);
  const pythonActions = new PythonActions({
    plugins: new ActionPlugins(req.actionPlugins ?? actionPluginDirs([], [], req.config.defaults.action_plugins ?? []), isNativeAction),
    libraries: req.libraries,
    pipelining: req.config.ssh_connection.pipelining,
  });
  const interrupt = new AbortController();
  const reload = req.reloadInventory;
  const env: ExecutorEnv = {
    inventory,
    templar,
    vars,
    connections: new ConnectionPool(req.connection, req.config, (host, level, message) => req.output({ kind: 'verbose', level, message, host }), {
      verbosity: req.options.verbosity,
      warn: (message) => req.output({ kind: 'warning', message }),
    }),
    module: async (name) => {
      const load = findModule(name, userModules);
      return load ? load() : undefined;
    },
    pythonActions,
    remoteFiles: { tmp: req.config.defaults.remote_tmp ?? '~/.ansible/tmp', keep: req.config.defaults.keep_remote_files ?? false, interpreter: req.config.defaults.interpreter_python },
    emit: req.output,
    stats: new RunStats(),
    options: req.options,
    startAt: { name: req.options.startAtTask },
    signal: interrupt.signal,
    predictions: new CheckPredictions(),
    step: req.step,
    varsPrompt: req.varsPrompt,
    refreshInventory: reload
      ? async () => {
          inventory.replace(await reload());
          vars.inventoryChanged();
        }
      : undefined,
  };
  // An action plug-in takes its arguments as it likes: it may change them before any module sees them.
  const problems = await checkTaskArguments(req.books, async (name) => (pythonActions.find(name) ? undefined : env.module(name)));
  if (problems.length) throw new PlaybookError(problems);
  // Ctrl-C or SIGTERM: stop starting tasks and drop every connection (local commands are ended), so
  // calls in flight end now, then the recap. The signal's name is the abort reason.
  const onSignal = (signal: NodeJS.Signals) => {
    interrupt.abort(signal);
    void env.connections.closeAll();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    return await runPlaybooks(req.books, env, req.includes);
  } finally {
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
    req.plugins?.close();
    pythonActions.close();
  }
}
