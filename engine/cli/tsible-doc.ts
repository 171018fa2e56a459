#!/usr/bin/env node
import { resolve } from 'path';
import { Command, CommanderError } from 'commander';
import { ExitCode, TsibleError } from '../errors';
import { findModule, knownModuleNames, suggestModule } from '../module/registry';
import { renderModuleDoc, renderModuleList } from '../module/render-doc';
import { discoverUserModules } from '../module/user-modules';
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
}

function program(io: DocIo): Command {
  const collect = (value: string, prev: string[] = []): string[] => [...prev, value];
  return new Command('tsible-doc')
    .description("Show a module's documentation: its arguments (from its schema), what it returns, examples")
    .argument('[module...]', 'module names (short or ansible.builtin.x)')
    .option('-M, --module-path <dir>', 'a library directory with user modules (repeatable; ./library is always searched)', collect)
    .option('-l, --list', 'list the available modules')
    .option('-j, --json', "print the module's definition (schema, docs) as JSON")
    .exitOverride()
    .configureOutput({ writeOut: io.out, writeErr: io.err });
}

async function run(names: string[], opts: Options, io: DocIo): Promise<number> {
  const dirs = [...(opts.modulePath ?? []).map((d) => resolve(io.cwd, d)), resolve(io.cwd, 'library')];
  const user = discoverUserModules(dirs);
  if (opts.list) {
    const all = await Promise.all(knownModuleNames(user).map((n) => findModule(n, user)!()));
    io.out(renderModuleList(all));
    return ExitCode.ok;
  }
  if (names.length === 0) throw new TsibleError('Incorrect options passed: give a module name, or --list', { exitCode: ExitCode.badOptions });
  for (const name of names) {
    const load = findModule(name, user);
    if (!load) {
      const guess = suggestModule(name, user);
      throw new TsibleError(`module ${name} not found`, { hint: guess ? `did you mean '${guess}'?` : 'tsible-doc --list shows the modules' });
    }
    const mod = await load();
    io.out(opts.json ? `${JSON.stringify({ name: mod.name, aliases: mod.aliases, supports: mod.supports, schema: mod.schema, docs: mod.docs }, null, 2)}\n` : renderModuleDoc(mod));
  }
  return ExitCode.ok;
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
  main(process.argv.slice(2), io).then((code) => process.exit(code));
}
