#!/usr/bin/env node
import { dirname, isAbsolute, resolve } from 'path';
import { loadConfig } from '../config/ansible-cfg';
import { setHashBehaviour } from '../vars/combine';
import { ExitCode, TsibleError } from '../errors';
import { loadInventoryWithPlugins, parseLimit } from '../inventory';
import { listPlaybook } from '../playbook/listing';
import { loadPlaybook, LoadOptions, PlaybookError } from '../playbook/load';
import { Play, Playbook } from '../playbook/types';
import { createTemplar } from '../template/templar';
import { Templar } from '../template/types';
import { requireLimitedHosts } from './limit-check';
import { runCli } from './exit';
import { CliIo, processIo, runCommand } from './cli-io';
import { parseExtraVars } from './extra-vars';
import { parsePlaybookArgs, PlaybookOptions } from './options';
import { withConfig } from './run-settings';
import { runPlays } from './run-plays';
import { moduleChecks } from './known-modules';
import { startupPluginFilters, withPluginFilters } from './module-filters';
import { setUpVault } from './vault-secrets';
import { collectionSearchFor, setCollectionSearch } from '../plugins/collections';
import { inventoryOptions } from './inventory-options';
import { pythonPluginSetup } from '../inventory/python/setup';

/** Run `tsible-playbook` with `argv` (without node and script); returns the exit code. */
export function main(argv: string[], io: CliIo): Promise<number> {
  return runCommand(argv, io, parsePlaybookArgs, run);
}

async function run(opts: PlaybookOptions, io: CliIo): Promise<number> {
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  setHashBehaviour(config.defaults.hash_behaviour);
  await setUpVault(opts, config, io);
  const extraVars = parseExtraVars(opts.extraVars, io.cwd).vars;
  const paths = opts.playbooks.map((p) => (isAbsolute(p) ? p : resolve(io.cwd, p)));
  setCollectionSearch(collectionSearchFor(config, paths.map((p) => dirname(p))));
  const modules = withPluginFilters(moduleChecks(paths, opts.modulePath, config.defaults.library, config.defaults.roles_path, (m) => io.stderr(`[DEPRECATION WARNING]: ${m}\n`), config.defaults.action_plugins), startupPluginFilters(config, io));
  const books = loadPlaybooks(opts.playbooks, { rolesPath: config.defaults.roles_path, extraVars, ...modules, onWarning: (m) => io.stderr(`[WARNING]: ${m}\n`), duplicateKeys: config.defaults.duplicate_dict_key, errorOnMissingHandler: config.defaults.error_on_missing_handler }, io.cwd);
  if (opts.syntaxCheck) {
    for (const { shownAs } of books) io.stdout(`\nplaybook: ${shownAs}\n`);
    return ExitCode.ok;
  }
  if (!opts.listHosts && !opts.listTasks && !opts.listTags) return runPlays(opts, config, books.map((b) => b.book), io);
  const settings = withConfig(opts, config);
  const python = pythonPluginSetup(config, books[0].book.baseDir, { varsStage: 'task', flushCache: opts.flushCache, onDeprecation: (text) => io.stderr(`${text}\n`) });
  const inventory = await loadInventoryWithPlugins(settings.inventory, { ...inventoryOptions(config, io, settings.verbosity, (m) => io.stderr(`[WARNING]: ${m}\n`)), python });
  const limit = opts.limit ? parseLimit(opts.limit, io.cwd) : undefined;
  requireLimitedHosts(inventory, 'all', limit);
  const templar = createTemplar();
  for (const { shownAs, book } of books) {
    const shown = { ...book, plays: book.plays.map((p) => presentPlay(p, book, extraVars, templar)) };
    io.stdout(
      listPlaybook(shown, shownAs, {
        hosts: opts.listHosts,
        tasks: opts.listTasks,
        tags: opts.listTags,
        selection: { only: opts.tags, skip: opts.skipTags },
        hostsOf: (play) => inventory.getHosts(play.hosts, { limit }).map((h) => h.name),
      }),
    );
  }
  return ExitCode.ok;
}

/** Every playbook given, with the problems of all of them reported together. */
function loadPlaybooks(paths: string[], opts: LoadOptions, cwd: string): { shownAs: string; book: Playbook }[] {
  const problems: TsibleError[] = [];
  const books: { shownAs: string; book: Playbook }[] = [];
  for (const shownAs of paths) {
    try {
      books.push({ shownAs, book: loadPlaybook(isAbsolute(shownAs) ? shownAs : resolve(cwd, shownAs), opts) });
    } catch (err) {
      if (!(err instanceof PlaybookError)) throw err;
      problems.push(...err.problems);
    }
  }
  if (problems.length) throw new PlaybookError(problems);
  return books;
}

/**
 * A play as Ansible shows it after validating it for the run: `hosts` and `name` templated with the
 * play's vars, vars_prompt defaults and the extra vars (an unnamed play is named after its templated hosts). Values that
 * cannot be templated yet are shown as written.
 */
function presentPlay(play: Play, book: Playbook, extraVars: Record<string, unknown>, templar: Templar): Play {
  // Listings ask nothing: like Ansible, vars_prompt variables stand at their defaults.
  const prompted = Object.fromEntries(play.varsPrompt.filter((p) => p.default !== undefined).map((p) => [p.name, p.default]));
  const vars = { playbook_dir: book.baseDir, ...play.vars, ...prompted, ...extraVars };
  const render = (value: string): string => {
    if (!templar.isTemplated(value)) return value;
    try {
      return String(templar.template(value, vars));
    } catch {
      return value;
    }
  };
  const hosts = play.hosts.map(render);
  return { ...play, hosts, name: play.named ? render(play.name) : hosts.join(',') };
}

if (require.main === module) void runCli(() => main(process.argv.slice(2), processIo()));
