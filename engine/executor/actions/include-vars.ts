import { existsSync, statSync } from 'fs';
import { dirname, isAbsolute, join, resolve } from 'path';
import { TsibleError } from '../../errors';
import { loadVarsFile } from '../../inventory/host-group-vars';
import { setOwn } from '../../template/own-keys';
import { isDict, RAW_VALUES, typeName } from '../../template/values';
import { combineVars, hashBehaviour } from '../../vars/combine';
import { dirOptions, varsDirFiles } from './include-vars-dir';
import { ExecutorAction } from './types';

const DIR_ARGS = new Set(['dir', 'depth', 'files_matching', 'ignore_files', 'extensions', 'ignore_unknown_extensions']);
const FILE_ARGS = new Set(['file', '_raw_params']);
const COMMON_ARGS = new Set(['name', 'hash_behaviour']);

function argProblem(args: Record<string, unknown>): string | undefined {
  const keys = Object.keys(args);
  const unknown = keys.find((k) => !DIR_ARGS.has(k) && !FILE_ARGS.has(k) && !COMMON_ARGS.has(k));
  if (unknown !== undefined) return `${unknown} is not a valid option in include_vars`;
  if (keys.some((k) => DIR_ARGS.has(k)) && keys.some((k) => FILE_ARGS.has(k))) return 'You are mixing file only and dir only arguments, these are incompatible';
  return undefined;
}

/**
 * A hash_behaviour other than the run's combines each loaded variable with the value it has now, as
 * Ansible's include_vars does: merge recursively, or (any other value) replace its top-level keys. Both must be dicts
 * (Ansible's rule, so a new or scalar variable fails); values are taken as written, before templating.
 */
function withHashBehaviour(loaded: Record<string, unknown>, behaviour: unknown, vars: Record<string, unknown>): Record<string, unknown> {
  if (behaviour === undefined || behaviour === null || behaviour === hashBehaviour()) return loaded;
  const now = ((vars as Record<symbol, unknown>)[RAW_VALUES] ?? vars) as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(loaded)) {
    const before = Object.prototype.hasOwnProperty.call(now, key) ? now[key] : undefined;
    if (!isDict(before) || !isDict(value)) {
      throw new TsibleError(`failed to combine variables, expected dicts but got a '${typeName(before)}' and a '${typeName(value)}': \n${JSON.stringify(before ?? null)}\n${JSON.stringify(value)}`);
    }
    setOwn(out, key, combineVars(before, value, behaviour === 'merge'));
  }
  return out;
}

/** Ansible's words for a vars file it could not find (under `message`, as include_vars reports its failures). */
function notFound(name: string | undefined, dirs: string[]): string {
  const tail = ' on the Ansible Controller.\nIf you are using a module and expect the file to exist on the remote, see the remote_src option';
  if (name === undefined) return `Could not find file${tail}`;
  return `Could not find or access '${name}'\nSearched in:\n\t${dirs.map((d) => resolve(d, name)).join('\n\t')}${tail}`;
}

/**
 * Where `dir:` is, as Ansible has it: in a role, under the role's vars/ (or the role itself when the
 * name starts with vars/ and is there); otherwise beside the task's file.
 */
function dirRoot(dir: string, rolePath: string | undefined, taskDir: string): string {
  if (!rolePath) return resolve(taskDir, dir);
  if (dir.split('/')[0] !== 'vars') return resolve(rolePath, 'vars', dir);
  const inRole = resolve(rolePath, dir);
  return existsSync(inRole) ? inRole : resolve(dir);
}

/**
 * include_vars: variables from a YAML/JSON file (or every file of a directory, sorted) for the rest of
 * the play on this host, above play and task vars. Relative names are looked for as Ansible does:
 * the role's vars/ and the role itself, then beside the task's file, then the playbook's directory (each also with vars/).
 */
export const includeVars: ExecutorAction = async ({ frame, host, args, env, vars }) => {
  const problem = argProblem(args);
  if (problem) return { failed: true, changed: false, msg: problem };
  const role = frame.task.role;
  const taskDir = dirname(frame.task.origin.file);
  const files: string[] = [];
  if (args.dir !== undefined && args.dir !== null && args.dir !== '') {
    const dir = dirRoot(String(args.dir), frame.task.role?.path, taskDir);
    if (!existsSync(dir)) return { failed: true, changed: false, message: `${dir} directory does not exist` };
    if (!statSync(dir).isDirectory()) return { failed: true, changed: false, message: `${dir} is not a directory` };
    try {
      files.push(...varsDirFiles(dir, dirOptions(args)));
    } catch (err) {
      if (err instanceof TsibleError) return { failed: true, changed: false, message: err.message };
      throw err;
    }
  } else {
    const dirs = [...(role ? [join(role.path, 'vars'), role.path] : []), join(taskDir, 'vars'), taskDir, join(frame.play.baseDir, 'vars'), frame.play.baseDir];
    // A free-form name written as a block scalar (`include_vars: >`) ends in a newline, which Ansible drops.
    const given = args.file || (typeof args._raw_params === 'string' ? args._raw_params.replace(/\n+$/, '') : args._raw_params);
    const name = given === undefined || given === null || given === '' ? undefined : String(given);
    const file = name === undefined ? undefined : (isAbsolute(name) ? [name] : dirs.map((d) => resolve(d, name))).find((p) => existsSync(p));
    if (!file) return { failed: true, changed: false, message: notFound(name, dirs) };
    files.push(file);
  }
  const loaded: Record<string, unknown> = {};
  for (const f of files) {
    try {
      const vars = loadVarsFile(f) ?? {};
      for (const k of Object.keys(vars)) setOwn(loaded, k, vars[k]);
    } catch (err) {
      if (err instanceof TsibleError) return { failed: true, changed: false, message: err.message };
      throw err;
    }
  }
  const named = typeof args.name === 'string' ? { [args.name]: loaded } : loaded;
  let facts: Record<string, unknown>;
  try {
    facts = withHashBehaviour(named, args.hash_behaviour, vars);
  } catch (err) {
    if (err instanceof TsibleError) return { failed: true, changed: false, msg: err.message };
    throw err;
  }
  env.vars.setIncludedVars(host, facts);
  return { changed: false, ansible_facts: facts, ansible_included_var_files: files };
};
