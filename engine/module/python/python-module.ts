import { basename, sep } from 'path';
import type { AnyModule, ModuleContext, ModuleResult } from '../types';
import { controllerAnsible, noAnsibleCoreMessage } from './ansible-core';
import { internalArgs } from './internal-args';
import { forgetInterpreters, hostPython, NoPythonError } from './interpreter';
import { parseModuleOutput } from './module-output';
import { PackageError, packageModule } from './package';
import { ensurePackage, isKeepRemoteFiles, remoteTmp, removeRemotePackages } from './remote-package';
import { shellQuote } from '../shell-quote';

export interface PythonModuleOptions {
  /** Directories holding an `ansible_collections/` tree: `ansible_collections.ns.coll.plugins.module_utils.x` imports resolve there. */
  importRoots?: string[];
  /** `module_utils/` directories whose files are `ansible.module_utils.*`, tried before ansible-core's own. */
  moduleUtilsDirs?: string[];
}

/**
 * The module's Python name, which decides where it sits in the package and how its relative imports
 * resolve: a collection's `ansible_collections.ns.coll.plugins.modules.x`, else `ansible.modules.x`.
 */
export function moduleFqn(file: string, name: string): string {
  const parts = file.split(sep);
  const at = parts.lastIndexOf('ansible_collections');
  if (at >= 0 && parts[at + 4] === 'modules' && parts[at + 3] === 'plugins') {
    const inside = parts.slice(at, -1).concat(basename(file, '.py'));
    if (inside.every((p) => /^[A-Za-z_][A-Za-z0-9_]*$/.test(p))) return inside.join('.');
  }
  return `ansible.modules.${/^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : basename(file, '.py').replace(/\W/g, '_')}`;
}

/**
 * The host-side program: the package first on sys.path (so its ansible is the one imported), the
 * arguments handed to AnsibleModule as AnsiballZ hands them, then the module run as __main__.
 */
function bootstrap(zip: string, fqn: string): string {
  const z = JSON.stringify(zip);
  const m = JSON.stringify(fqn);
  return [
    'import sys, runpy',
    `sys.path.insert(0, ${z})`,
    'from ansible.module_utils import basic',
    "basic._ANSIBLE_ARGS = getattr(sys.stdin, 'buffer', sys.stdin).read()",
    `runpy.run_module(mod_name=${m}, init_globals=dict(_module_fqn=${m}, _modlib_path=${z}), run_name='__main__', alter_sys=True)`,
    'print(\'{"msg": "New-style module did not handle its own exit", "failed": true}\')',
    'sys.exit(1)',
  ].join('\n');
}

/** Wraps a Python module file as a module the executor runs like its own: packaged, sent once, run on the host. */
export function loadPythonModule(file: string, name: string, opts: PythonModuleOptions = {}): AnyModule {
  const fqn = moduleFqn(file, name);
  return {
    name,
    aliases: [],
    // The module checks its own arguments against its argument_spec on the host.
    schema: {},
    acceptsAnyArgs: true,
    // Check mode is the module's to decide: without supports_check_mode it answers skipped itself.
    supports: { checkMode: 'full', diff: true },
    docs: { short: `Python module ${file}`, examples: [] },
    source: { kind: 'python', file },
    run: (ctx, args) => runPython(ctx, args as Record<string, unknown>, { file, name, fqn, opts }),
  };
}

interface Target {
  file: string;
  name: string;
  fqn: string;
  opts: PythonModuleOptions;
}

async function runPython(ctx: ModuleContext, args: Record<string, unknown>, target: Target): Promise<ModuleResult> {
  if (!controllerAnsible()) return { failed: true, changed: false, msg: noAnsibleCoreMessage(target.name) };
  ctx.log('debug', `Using module file ${target.file}`);
  let pkg;
  let python;
  try {
    pkg = await packageModule({ file: target.file, fqn: target.fqn, importRoots: target.opts.importRoots ?? [], moduleUtilsDirs: target.opts.moduleUtilsDirs ?? [] });
    python = await hostPython(ctx, target.name);
  } catch (e) {
    if (e instanceof PackageError || e instanceof NoPythonError) return { failed: true, changed: false, msg: e.message };
    throw e;
  }
  const tmp = remoteTmp(ctx.vars);
  const keep = isKeepRemoteFiles();
  const zip = await ensurePackage(ctx, pkg, tmp);
  const params = { ...args, ...internalArgs({ ctx, moduleName: target.name, ansibleVersion: pkg.version, remoteTmp: tmp, keepRemoteFiles: keep, noLog: ctx.noLog ?? false }) };
  const res = await ctx.probe.exec(`${python.path} -c ${shellQuote(bootstrap(zip, pkg.fqn))}`, { stdin: JSON.stringify({ ANSIBLE_MODULE_ARGS: params }) });
  const { result, warnings } = parseModuleOutput(res, python.path);
  for (const w of warnings) ctx.log('warning', w);
  if (python.discovered) {
    const facts = (result.ansible_facts && typeof result.ansible_facts === 'object' ? result.ansible_facts : {}) as Record<string, unknown>;
    result.ansible_facts = { ...facts, discovered_interpreter_python: python.path };
  }
  if (python.warnings.length) result.warnings = [...(Array.isArray(result.warnings) ? result.warnings : []), ...python.warnings];
  return result as ModuleResult;
}

/** The end of a run: hosts' package directories removed (unless keep_remote_files), discoveries forgotten. */
export async function endPythonRun(): Promise<void> {
  forgetInterpreters();
  await removeRemotePackages();
}
