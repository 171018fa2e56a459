#!/usr/bin/env node
import { parseArgs } from 'util';
import { loadConfig } from '../config/ansible-cfg';
import { ExitCode, formatError, isTsibleError, TsibleError } from '../errors';
import { loadInventory } from '../inventory';
import { listPlaybook } from '../playbook/listing';
import { loadPlaybook, PlaybookError } from '../playbook/load';
import { parseKv } from '../playbook/kv-args';
import { parseTagOption } from '../playbook/tags';
import { Play, Playbook } from '../playbook/types';
import { loadYamlFile } from '../playbook/yaml';
import { Templar } from '../template/types';

export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

const OPTIONS = {
  inventory: { type: 'string', short: 'i', multiple: true },
  limit: { type: 'string', short: 'l', multiple: true },
  tags: { type: 'string', short: 't', multiple: true },
  'skip-tags': { type: 'string', multiple: true },
  'extra-vars': { type: 'string', short: 'e', multiple: true },
  'syntax-check': { type: 'boolean' },
  'list-tasks': { type: 'boolean' },
  'list-hosts': { type: 'boolean' },
  'list-tags': { type: 'boolean' },
} as const;

/** tsible-playbook: returns the exit code; only the bin entry below exits the process. */
export async function main(argv: string[], io: CliIo): Promise<number> {
  try {
    return await run(argv, io);
  } catch (err) {
    if (err instanceof PlaybookError) {
      io.stderr(err.problems.map((p) => formatError(p)).join('\n\n') + '\n');
      return err.exitCode;
    }
    if (isTsibleError(err)) {
      io.stderr(formatError(err) + '\n');
      return err.exitCode;
    }
    io.stderr(`ERROR! Unexpected Exception: ${err instanceof Error ? err.message : String(err)}\n`);
    return ExitCode.unexpected;
  }
}

async function run(argv: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parseOptions(argv);
  if (positionals.length === 0) throw new TsibleError('a playbook is required', { exitCode: ExitCode.badOptions, hint: 'tsible-playbook [options] playbook.yml' });
  const config = loadConfig({ cwd: io.cwd, env: io.env });
  const books = positionals.map((p) => ({ shownAs: p, book: loadPlaybook(resolvePath(io.cwd, p), { rolesPath: config.defaults.roles_path }) }));
  if (values['syntax-check']) {
    for (const { shownAs } of books) io.stdout(`\nplaybook: ${shownAs}\n`);
    return ExitCode.ok;
  }
  const listing = { hosts: !!values['list-hosts'], tasks: !!values['list-tasks'], tags: !!values['list-tags'] };
  if (!listing.hosts && !listing.tasks && !listing.tags) {
    throw new TsibleError('running plays is not available yet in this build: use --syntax-check or --list-tasks/--list-hosts/--list-tags');
  }
  const sources = values.inventory?.length ? values.inventory : config.defaults.inventory;
  const inventory = loadInventory(sources, { cwd: io.cwd, onWarning: (m) => io.stderr(`[WARNING]: ${m}\n`) });
  const extraVars = parseExtraVars(values['extra-vars'] ?? [], io.cwd);
  const selection = { only: parseTagOption(values.tags), skip: parseTagOption(values['skip-tags']) };
  if (selection.only.length === 0) selection.only = ['all'];
  const limit = values.limit?.length ? values.limit : undefined;
  const templar = await loadTemplar();
  for (const { shownAs, book } of books) {
    io.stdout(
      listPlaybook(book, shownAs, {
        ...listing,
        selection,
        hostsOf: (play) => inventory.getHosts(play.hosts, { limit }).map((h) => h.name),
        nameOf: playNamer(book, extraVars, templar),
      }),
    );
  }
  return ExitCode.ok;
}

function parseOptions(argv: string[]) {
  try {
    return parseArgs({ args: argv, options: OPTIONS, allowPositionals: true, strict: true });
  } catch (err) {
    throw new TsibleError((err as Error).message, { exitCode: ExitCode.badOptions });
  }
}

function resolvePath(cwd: string, p: string): string {
  return p.startsWith('/') ? p : `${cwd}/${p}`;
}

/** `-e k=v`, `-e '{"k": 1}'`, `-e @file.yml`, later ones winning. */
function parseExtraVars(values: string[], cwd: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const v of values) {
    const parsed = v.startsWith('@') ? loadYamlFile(resolvePath(cwd, v.slice(1))) : /^\s*[[{]/.test(v) ? JSON.parse(v) : parseKv(v);
    if (parsed && typeof parsed === 'object') Object.assign(out, parsed);
  }
  return out;
}

/** Ansible shows a play's name templated with the play's vars and the extra vars; as written if that fails. */
function playNamer(book: Playbook, extraVars: Record<string, unknown>, templar: Templar | undefined): (play: Play) => string {
  return (play) => {
    if (!templar || !play.named || !templar.isTemplated(play.name)) return play.name;
    try {
      return String(templar.template(play.name, { playbook_dir: book.baseDir, ...play.vars, ...extraVars }));
    } catch {
      return play.name;
    }
  };
}

/** Listing only needs the templar for play names: when it cannot load, names are shown as written. */
async function loadTemplar(): Promise<Templar | undefined> {
  try {
    return (await import('../template/templar')).createTemplar();
  } catch {
    return undefined;
  }
}

if (require.main === module) {
  main(process.argv.slice(2), {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    env: process.env,
  }).then((code) => process.exit(code));
}
