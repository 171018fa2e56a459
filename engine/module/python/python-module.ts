import { createHash } from 'crypto';
import { readFileSync } from 'fs';
import { readFile } from 'fs/promises';
import { basename, sep } from 'path';
import { stripUnsafe } from '../../template';
import type { AnyModule, ModuleContext, ModuleResult } from '../types';
import { controllerAnsible, noAnsibleCoreMessage } from './ansible-core';
import { internalArgs } from './internal-args';
import { forgetInterpreters, hostPython, Interpreter, interpreterCommand, NoPythonError, withDiscovered } from './interpreter';
import { parseModuleOutput } from './module-output';
import { forgetPackages, PackageError, packageModule } from './package';
import { isPythonShebang, ModuleStyle, moduleStyle, oldStyleArgs, shebangOf } from './module-style';
import { ensureRemoteFile, remoteTmp, removeRemotePackages } from './remote-package';
import { shellQuote } from '../shell-quote';
import { launchOnHost } from '../async-jobs';

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
function bootstrap(zip: string, fqn: string, rlimitNofile: number): string {
  const z = JSON.stringify(zip);
  const m = JSON.stringify(fqn);
  // python_module_rlimit_nofile: the soft limit on open files, within the hard one, as AnsiballZ sets it.
  const rlimit = rlimitNofile
    ? [
        'import resource',
        'soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)',
        `wanted = min(hard, ${rlimitNofile})`,
        'if wanted != soft:',
        '    try: resource.setrlimit(resource.RLIMIT_NOFILE, (wanted, hard))',
        '    except ValueError: pass',
      ]
    : [];
  return [
    'import sys, runpy',
    ...rlimit,
    `sys.path.insert(0, ${z})`,
    'from ansible.module_utils import basic',
    "basic._ANSIBLE_ARGS = getattr(sys.stdin, 'buffer', sys.stdin).read()",
    `runpy.run_module(mod_name=${m}, init_globals=dict(_module_fqn=${m}, _modlib_path=${z}), run_name='__main__', alter_sys=True)`,
    'print(\'{"msg": "New-style module did not handle its own exit", "failed": true}\')',
    'sys.exit(1)',
  ].join('\n');
}

/**
 * Wraps a module file as a module the executor runs like its own: a new-style Python module packaged with
 * its module_utils, or a script or binary given an arguments file (WANT_JSON, key=value), sent once per
 * host and run there in one round trip per task.
 */
export function loadPythonModule(file: string, name: string, opts: PythonModuleOptions = {}): AnyModule {
  const source = readFileSync(file);
  const target: Target = { file, name, fqn: moduleFqn(file, name), opts, style: moduleStyle(source), shebang: shebangOf(source) };
  return {
    name,
    aliases: [],
    // The module checks its own arguments against its argument_spec on the host.
    schema: {},
    acceptsAnyArgs: true,
    // AnsibleModule reports its own invocation; a crash or a script has none, as in Ansible.
    invocation: false,
    // Check mode is the module's to decide: without supports_check_mode it answers skipped itself.
    supports: { checkMode: 'full', diff: true },
    async: 'host',
    docs: { short: `Python module ${file}`, examples: [] },
    source: { kind: 'python', file },
    run: (ctx, args) => runModuleFile(ctx, args as Record<string, unknown>, target),
  };
}

interface Target {
  file: string;
  name: string;
  fqn: string;
  opts: PythonModuleOptions;
  style: ModuleStyle;
  shebang?: string;
}

/** How the host runs the module: a command line and what it reads on stdin. */
interface Invocation {
  command: string;
  stdin: string;
}

async function runModuleFile(ctx: ModuleContext, args: Record<string, unknown>, target: Target): Promise<ModuleResult> {
  // Only packaging needs ansible-core; a script module runs without it.
  const core = controllerAnsible();
  if (!core && target.style === 'new') return { failed: true, changed: false, msg: noAnsibleCoreMessage(target.name) };
  ctx.log('debug', `Using module file ${target.file}`);
  const usesPython = target.style === 'new' || (target.shebang !== undefined && isPythonShebang(target.shebang));
  const tmp = remoteTmp(ctx);
  const keep = ctx.remoteFiles?.keep ?? false;
  let python: Interpreter | undefined;
  let invocation: Invocation;
  try {
    python = usesPython ? await hostPython(ctx, target.name) : undefined;
    const params = { ...args, ...internalArgs({ ctx, moduleName: target.name, ansibleVersion: core?.version ?? '', remoteTmp: tmp, keepRemoteFiles: keep, noLog: ctx.noLog ?? false }) };
    invocation = target.style === 'new' ? await packaged(ctx, target, params, python as Interpreter, tmp) : await script(ctx, target, params, python, tmp);
  } catch (e) {
    if (e instanceof PackageError || e instanceof NoPythonError) return { failed: true, changed: false, msg: e.message };
    throw e;
  }
  if (ctx.job) return launchOnHost(ctx, ctx.job, { ...invocation, shape: 'module' });
  const res = await ctx.probe.exec(invocation.command, { stdin: invocation.stdin });
  const { result, warnings } = parseModuleOutput(res, python?.path ?? target.shebang ?? target.file);
  for (const w of warnings) ctx.log('warning', w);
  return withDiscovered(result, python) as ModuleResult;
}

/** A new-style module: its package sent once, the arguments on stdin as AnsiballZ hands them over. */
async function packaged(ctx: ModuleContext, target: Target, params: Record<string, unknown>, python: Interpreter, tmp: string): Promise<Invocation> {
  const pkg = await packageModule({ file: target.file, fqn: target.fqn, importRoots: target.opts.importRoots ?? [], moduleUtilsDirs: target.opts.moduleUtilsDirs ?? [] });
  const zip = await ensureRemoteFile(ctx, { bytes: pkg.zip, sha: pkg.sha, suffix: '.zip' }, tmp);
  return { command: `${interpreterCommand(python)} -c ${shellQuote(bootstrap(zip, pkg.fqn, rlimitNofile(ctx)))}`, stdin: JSON.stringify({ ANSIBLE_MODULE_ARGS: params }) };
}

/** The python_module_rlimit_nofile setting: the variable, else ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE; 0 leaves the limit alone. */
function rlimitNofile(ctx: ModuleContext): number {
  const given = stripUnsafe(ctx.vars.ansible_python_module_rlimit_nofile) ?? process.env.ANSIBLE_PYTHON_MODULE_RLIMIT_NOFILE;
  const n = Number(given ?? 0);
  return Number.isInteger(n) && n > 0 ? n : 0;
}

/**
 * A script or binary module: the file sent once, and per task an arguments file made from stdin, given as
 * its only argument, removed after: still one round trip.
 */
async function script(ctx: ModuleContext, target: Target, params: Record<string, unknown>, python: Interpreter | undefined, tmp: string): Promise<Invocation> {
  const bytes = await readFile(target.file);
  const path = await ensureRemoteFile(ctx, { bytes, sha: createHash('sha256').update(bytes).digest('hex'), suffix: '' }, tmp);
  const interpreter = python ? interpreterCommand(python) : target.style === 'binary' ? undefined : scriptInterpreter(ctx, target.shebang);
  const run = `${interpreter ? `${interpreter} ` : ''}${shellQuote(path)} "$a"`;
  const stdin = target.style === 'old' ? oldStyleArgs(params) : JSON.stringify(params);
  return { command: `a=$(mktemp "\${TMPDIR:-/tmp}/tsible-args-XXXXXXXX") && cat > "$a" && { ${run}; r=$?; rm -f "$a"; exit $r; }`, stdin };
}

/** A script's own interpreter, which `ansible_<name>_interpreter` may replace as in Ansible (`ansible_bash_interpreter`). */
function scriptInterpreter(ctx: ModuleContext, shebang: string | undefined): string | undefined {
  if (!shebang) return undefined;
  const program = shebang.split(/\s+/)[0];
  const configured = stripUnsafe(ctx.vars[`ansible_${program.split('/').pop()}_interpreter`]);
  return typeof configured === 'string' && configured ? configured : shebang;
}

/** The end of a run: hosts' package directories removed (unless keep_remote_files), packages and discoveries forgotten. */
export async function endPythonRun(keepRemoteFiles: boolean): Promise<void> {
  forgetInterpreters();
  forgetPackages();
  await removeRemotePackages(keepRemoteFiles);
}
