#!/usr/bin/env node
import { resolve } from 'path';
import { Command, CommanderError } from 'commander';
import { ExitCode, TsibleError } from '../errors';
import { loadConfig } from '../config/ansible-cfg';
import { findModule, knownModuleNames, ModuleLoader, suggestModule } from '../module/registry';
import { renderModuleDoc, renderModuleList } from '../module/render-doc';
import { coreModuleFile, controllerAnsible } from '../module/python/ansible-core';
import { collectionOfFile, listCollectionModules, readPythonDocs } from '../module/python/docs';
import type { AnyModule } from '../module/types';
import { discoverUserModules } from '../module/user-modules';
import { INTERNAL_ACTIONS } from '../playbook/action';
import { isCollectionPluginName } from '../plugins/fqcn';
import { collectionSearchFor, setCollectionSearch } from '../plugins/collections';
import { reportError } from './exit';

/** Where the CLI writes, so tests can run it in-process. */
export interface DocIo {
  cwd: string;
  out(text: string): void;
  err(text: string): void;
}

interface Options {
  modulePath?: string[];
  list?: boolean;
  json?: boolean;
  type?: string;
}

function program(io: DocIo): Command {
  const collect = (value: string, prev: string[] = []): string[] => [...prev, value];
  return new Command('tsible-doc')
    .description("Show a module's documentation: a native module's from its schema, a Python module's DOCUMENTATION, EXAMPLES and RETURN as ansible-doc shows them")
    .argument('[module...]', 'module names (short, ansible.builtin.x or a collection\'s ns.coll.x); with --list, a collection to list')
    .option('-M, --module-path <dir>', 'a library directory with user modules (repeatable; ./library is always searched)', collect)
    .option('-l, --list', 'list the available modules: native ones, then Python ones by FQCN (give ns.coll to list one collection)')
    .option('-t, --type <type>', "plug-in type; only 'module' is documented", 'module')
    .option('-j, --json', "print the module's definition (schema, docs) as JSON")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
}

async function run(names: string[], opts: Options, io: DocIo): Promise<number> {
  if (opts.type !== 'module') throw new TsibleError(`tsible-doc documents modules only; plug-in type '${opts.type}' is not supported`, { exitCode: ExitCode.badOptions, hint: 'ansible-doc -t TYPE documents the other plug-in types' });
  const config = loadConfig({ cwd: io.cwd, env: process.env });
  setCollectionSearch(collectionSearchFor(config, [io.cwd]));
  const dirs = [...(opts.modulePath ?? []).map((d) => resolve(io.cwd, d)), resolve(io.cwd, 'library'), ...(config.defaults.library ?? [])];
  const user = discoverUserModules(dirs);
  if (opts.list) {
    io.out(await listModules(names[0], user));
    return ExitCode.ok;
  }
  if (names.length === 0) throw new TsibleError('Incorrect options passed: give a module name, or --list', { exitCode: ExitCode.badOptions });
  for (const name of names) {
    const load = findModule(name, user);
    if (!load) {
      const guess = isCollectionPluginName(name) ? undefined : suggestModule(name, user);
      throw new TsibleError(`module ${name} not found: neither tsible nor a library directory, ansible-core or an installed collection has it`, { hint: guess ? `did you mean '${guess}'?` : 'tsible-doc --list shows the modules' });
    }
    const mod = await load();
    io.out(mod.source?.kind === 'python' ? pythonDoc(name, mod.source.file, opts.json ?? false) : nativeDoc(mod, opts.json ?? false));
  }
  return ExitCode.ok;
}

function nativeDoc(mod: AnyModule, json: boolean): string {
  if (json) return `${JSON.stringify({ name: mod.name, aliases: mod.aliases, supports: mod.supports, schema: mod.schema, docs: mod.docs }, null, 2)}\n`;
  // A name both tsible and ansible-core have runs tsible's: say so, since ansible-doc would show the other.
  const core = coreModuleFile(mod.name);
  const runs = `  runs: tsible's native module${core ? ` (ansible-core's ${core} is not used)` : ''}`;
  const [head, ...rest] = renderModuleDoc(mod).split('\n');
  return [head, '', runs, ...rest].join('\n');
}

/** A Python module's documentation as ansible-doc prints it (its doc_fragments merged by ansible-core). */
function pythonDoc(name: string, file: string, json: boolean): string {
  const core = controllerAnsible();
  const collection = collectionOfFile(file) ?? (core && file.startsWith(`${core.dir}/modules/`) ? 'ansible.builtin' : undefined);
  const short = name.split('.').pop() ?? name;
  let doc;
  try {
    doc = readPythonDocs([{ file, collection, name: short }], { render: !json, columns: process.stdout.columns }).get(file);
  } catch (e) {
    throw new TsibleError((e as Error).message);
  }
  if (!doc || doc.error) throw new TsibleError(`module ${name} (${file}): its documentation could not be read: ${doc?.error ?? 'no answer'}`);
  if (!doc.doc) throw new TsibleError(`module ${name} (${file}) has no DOCUMENTATION`, { hint: 'the module checks its own arguments when it runs' });
  if (json) return `${JSON.stringify({ name, file, collection: collection ?? null, doc: doc.doc, examples: doc.examples ?? null, return: doc.returndocs ?? null }, null, 2)}\n`;
  const runs = `        runs: the Python module ${file}, on the host`;
  const text = doc.text ?? '';
  const cut = text.indexOf('\n');
  return `${text.slice(0, cut)}\n${runs}\n${text.slice(cut + 1).replace(/\n*$/, '\n\n')}`;
}

/**
 * `--list`: tsible's native modules and library modules by name, then the Python modules of ansible-core
 * (those tsible has no native version of) and of the installed collections, by FQCN. `filter` keeps one
 * collection, as `ansible-doc -l ns.coll` does.
 */
async function listModules(filter: string | undefined, user: ReadonlyMap<string, ModuleLoader>): Promise<string> {
  const ours = filter === undefined || filter === 'ansible.builtin' ? await Promise.all(knownModuleNames(user).map((n) => findModule(n, user)!())) : [];
  const rows = [...new Map(ours.map((m) => [m.name, { name: m.name, short: m.docs.short }])).values()];
  // Actions tsible's executor runs itself (add_host, include_tasks…) have no module to document.
  const native = new Set([...ours.filter((m) => m.source?.kind !== 'python').map((m) => m.name), ...INTERNAL_ACTIONS]);
  let python: Map<string, string>;
  try {
    python = listCollectionModules(filter);
  } catch (e) {
    throw new TsibleError((e as Error).message);
  }
  for (const [fqcn, short] of python) {
    if (!native.has(fqcn.replace(/^ansible\.builtin\./, ''))) rows.push({ name: fqcn, short });
  }
  if (filter !== undefined && rows.length === 0) throw new TsibleError(`Cannot use supplied collection ${filter}: unable to locate collection ${filter}`);
  return renderModuleList(rows);
}

/** Runs `tsible-doc` with `argv` (without node and script); resolves to the exit code. */
export async function main(argv: string[], io: DocIo): Promise<number> {
  const cmd = program(io);
  try {
    cmd.parse(argv, { from: 'user' });
    return await run(cmd.args, cmd.opts<Options>(), io);
  } catch (err) {
    if (err instanceof CommanderError) return err.exitCode === 0 ? ExitCode.ok : ExitCode.badOptions;
    return reportError(err, { out: io.out, err: io.err, verbosity: 0 });
  }
}

if (require.main === module) {
  const io: DocIo = { cwd: process.cwd(), out: (t) => process.stdout.write(t), err: (t) => process.stderr.write(`${t}\n`) };
  // Not process.exit: it would drop what is still queued for a pipe (a long --list piped to less).
  void main(process.argv.slice(2), io).then((code) => (process.exitCode = code));
}
