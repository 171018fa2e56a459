import { readdirSync, readFileSync, statSync } from 'fs';
import { createRequire, wrap } from 'module';
import { basename, dirname, extname, join, resolve } from 'path';
import { runInThisContext } from 'vm';
import { ExitCode, TsibleError } from '../errors';
import * as tsibleApi from '../index';
import { collectionSearch } from '../plugins/collections';
import { loadPythonModule } from './python/python-module';
import type { ModuleLoader } from './registry';
import type { AnyModule } from './types';

const EXTENSIONS = ['.ts', '.js'];

/** Compiled code by file, reused while the file's mtime is unchanged. */
const cache = new Map<string, { mtimeMs: number; exports: Record<string, unknown> }>();

function transpile(source: string, file: string): string {
  if (extname(file) !== '.ts') return source;
  // Loaded only when a .ts module is used, so plain playbooks never pay for the compiler.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require('typescript') as typeof import('typescript');
  return ts.transpileModule(source, {
    fileName: file,
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true, sourceMap: false },
  }).outputText;
}

/** Runs a module file as CommonJS; `tsible` resolves to this engine, relative .ts imports load the same way. */
function loadFile(file: string): Record<string, unknown> {
  const { mtimeMs } = statSync(file);
  const hit = cache.get(file);
  if (hit && hit.mtimeMs === mtimeMs) return hit.exports;
  const nodeRequire = createRequire(file);
  const localRequire = (id: string): unknown => {
    if (id === 'tsible') return tsibleApi;
    if (id.startsWith('.')) {
      const base = resolve(dirname(file), id);
      const found = [base, ...EXTENSIONS.map((e) => base + e)].find((p) => extname(p) === '.ts' && isFile(p));
      if (found) return loadFile(found);
    }
    return nodeRequire(id);
  };
  const module = { exports: {} as Record<string, unknown> };
  const fn = runInThisContext(wrap(transpile(readFileSync(file, 'utf8'), file)), { filename: file }) as (...a: unknown[]) => void;
  fn(module.exports, localRequire, module, file, dirname(file));
  cache.set(file, { mtimeMs, exports: module.exports });
  return module.exports;
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/** Loads and checks one user module file: its default export must be a module named like the file. */
export function loadUserModule(file: string): AnyModule {
  let exported: Record<string, unknown>;
  try {
    exported = loadFile(file);
  } catch (e) {
    throw new TsibleError(`could not load module ${file}: ${(e as Error).message}`, { cause: e, exitCode: ExitCode.error });
  }
  const mod = (exported.default ?? exported) as Partial<AnyModule>;
  const name = basename(file, extname(file));
  if (typeof mod.run !== 'function' || typeof mod.schema !== 'object') {
    throw new TsibleError(`${file} does not export a module`, { hint: 'default-export defineModule({ name, schema, run, … }) from tsible' });
  }
  if (mod.name !== name) throw new TsibleError(`${file} defines module '${mod.name}'; a module's name must match its file name ('${name}')`);
  return { aliases: [], supports: { checkMode: 'none', diff: false }, docs: { short: '', examples: [] }, ...mod } as AnyModule;
}

/**
 * The modules in `library` directories, by name. Directories come in priority order (a role's library,
 * then the playbook's ./library, then the configured ones): the first that has a name wins. A .ts or .js
 * file is a TypeScript module; any other (`.py`, a script, a binary) runs on the host as Ansible runs it.
 * The `module_utils/` beside each library directory holds what `ansible.module_utils.*` imports may name,
 * as Ansible adds those of the playbook and roles.
 */
export function discoverUserModules(dirs: string[]): Map<string, ModuleLoader> {
  const found = new Map<string, ModuleLoader>();
  const moduleUtilsDirs = [...new Set(dirs.map((d) => join(dirname(d), 'module_utils')))].filter(isDirectory);
  for (const dir of dirs) {
    let entries: string[];
    try {
      entries = readdirSync(dir).sort();
    } catch {
      continue;
    }
    for (const entry of entries) {
      const name = basename(entry, extname(entry));
      if (found.has(name) || entry.endsWith('.d.ts') || entry.endsWith('.test.ts')) continue;
      const file = join(dir, entry);
      if (EXTENSIONS.includes(extname(entry))) found.set(name, async () => loadUserModule(file));
      // As in Ansible, a library module may import module_utils of any collection the run can see.
      else if (isModuleFile(entry) && isFile(file)) found.set(name, async () => loadPythonModule(file, name, { moduleUtilsDirs, importRoots: collectionSearch().roots() }));
    }
  }
  return found;
}

/** Files Ansible's module search passes over; any other file in a library directory is a module (foo.py, foo.sh, foo). */
const NOT_MODULES = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.yaml', '.yml', '.ini', '.json'];

function isModuleFile(entry: string): boolean {
  return !entry.startsWith('.') && !entry.startsWith('__init__.') && !NOT_MODULES.some((s) => entry.endsWith(s));
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
