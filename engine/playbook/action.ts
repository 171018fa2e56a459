import { didYouMean } from '../module/did-you-mean';
import { ExitCode, isTsibleError, Origin } from '../errors';
import { LoadContext, isDict, isTemplated } from './context';
import { parseKv, splitArgs } from './kv-args';
import { originOf, UnsafeText } from './yaml';

/** Actions the loader and executor handle themselves; always known whatever the module registry says. */
export const INTERNAL_ACTIONS = new Set([
  'include', 'include_tasks', 'import_tasks', 'include_role', 'import_role', 'include_vars', 'set_fact', 'meta',
  'debug', 'add_host', 'group_by', 'assert', 'fail', 'pause', 'set_stats', 'wait_for_connection', 'import_playbook',
]);

/** Modules whose text is a command line: only a few `key=value` options are taken out of it. */
const FREE_FORM = new Set(['command', 'shell', 'raw', 'script', 'win_command', 'win_shell']);

/** Actions that accept text that is not `key=value` (Ansible names it `_raw_params`). */
const RAW_PARAMS = new Set([...FREE_FORM, 'import_playbook', 'include', 'include_vars', 'include_tasks', 'import_tasks', 'include_role', 'import_role', 'add_host', 'group_by', 'set_fact', 'meta']);

export interface ResolvedAction {
  action: string;
  asWritten: string;
  args: Record<string, unknown>;
  /** `local_action` runs on the controller. */
  delegateTo?: string;
  /** Where the action is named, for errors about it. */
  origin?: Origin;
}

/** `ansible.builtin.copy` and `ansible.legacy.copy` are `copy`. */
export function shortName(name: string): string {
  return name.replace(/^ansible\.(builtin|legacy)\./, '');
}

/**
 * Finds the one action of a task: `module: args`, `action: module args` or `local_action: …`.
 * `candidates` are the task's keys that are not keywords; `collections` the `collections:` search list
 * in force. Reports and returns undefined on a problem.
 */
export function resolveAction(ds: Record<string, unknown>, candidates: string[], ctx: LoadContext, where: Origin, collections: readonly string[] = []): ResolvedAction | undefined {
  if ('action' in ds && 'local_action' in ds) {
    ctx.report('action and local_action are mutually exclusive', originOf(ds, 'local_action'));
    return undefined;
  }
  const viaKeyword = 'local_action' in ds ? 'local_action' : 'action' in ds ? 'action' : undefined;
  const named = viaKeyword ? [viaKeyword, ...candidates] : candidates;
  if (named.length === 0) {
    ctx.report('no module/action detected in task', where, undefined, 'add a module such as `debug: msg=hello`, or check the indentation of its arguments');
    return undefined;
  }
  if (named.length > 1) {
    ctx.report(`conflicting action statements: ${named.join(', ')}`, originOf(ds, named[1]), undefined, 'a task runs exactly one module; split it into two tasks');
    return undefined;
  }
  const resolved = viaKeyword ? fromActionKeyword(ds, viaKeyword, ctx) : fromModuleKey(ds, named[0]);
  if (!resolved) return undefined;
  if (!checkKnown(resolved, ctx, collections)) return undefined;
  const extra = ds.args;
  if (isDict(extra)) resolved.args = { ...extra, ...resolved.args };
  const raw = resolved.args._raw_params;
  if (typeof raw === 'string' && isTemplated(raw) && !RAW_PARAMS.has(resolved.action)) {
    // The whole argument text is a template: a dict of arguments, known only when the task runs.
    const { _raw_params: _given, ...rest } = resolved.args;
    resolved.args = { ...rest, _variable_params: raw };
  }
  if (resolved.args._raw_params !== undefined && !RAW_PARAMS.has(resolved.action)) {
    ctx.report(`'${resolved.asWritten}' takes key=value arguments, but got extra text: ${String(resolved.args._raw_params)}`, resolved.origin, undefined, 'quote values with spaces: msg="hello world"');
    return undefined;
  }
  return resolved;
}

function fromModuleKey(ds: Record<string, unknown>, key: string): ResolvedAction {
  const action = shortName(key);
  return { action, asWritten: key, args: argsOf(ds[key], action), origin: originOf(ds, key) };
}

function fromActionKeyword(ds: Record<string, unknown>, keyword: string, ctx: LoadContext): ResolvedAction | undefined {
  const given = ds[keyword];
  // `action: !unsafe ns.coll.name`: only the name's templating is off, and a name is never templated.
  const value = given instanceof UnsafeText ? given.text : given;
  const origin = originOf(ds, keyword);
  const delegateTo = keyword === 'local_action' ? 'localhost' : undefined;
  if (typeof value === 'string') {
    const [first, ...rest] = splitArgs(value);
    const name = first?.trim();
    if (!name) {
      ctx.report(`no module/action detected in '${keyword}'`, origin);
      return undefined;
    }
    const action = shortName(name);
    const text = value.trim().slice(name.length).trim();
    return { action, asWritten: name, args: rest.length ? parseKv(text, FREE_FORM.has(action)) : {}, delegateTo, origin };
  }
  if (isDict(value) && typeof value.module === 'string') {
    const { module, ...args } = value;
    return { action: shortName(module), asWritten: module, args, delegateTo, origin };
  }
  ctx.report(`no module/action detected in '${keyword}'`, origin, undefined, `write '${keyword}: module key=value' or give a 'module:' key`);
  return undefined;
}

function argsOf(value: unknown, action: string): Record<string, unknown> {
  if (value === null || value === undefined) return {};
  if (isDict(value)) return { ...value };
  if (typeof value === 'string') return parseKv(value, FREE_FORM.has(action));
  return { _raw_params: value };
}

function checkKnown(resolved: ResolvedAction, ctx: LoadContext, collections: readonly string[]): boolean {
  // A templated name (`action: "{{ prefix }}file"`) is only known per host, when the task runs.
  if (isTemplatedName(resolved.asWritten)) return true;
  const { resolveModule, isKnownModule: known } = ctx.opts;
  if (resolveModule) {
    const name = resolveOrReport(resolveModule, resolved, collections, ctx);
    if (name === null) return false;
    if (name !== undefined) {
      resolved.action = name;
      return true;
    }
  } else if (!known || INTERNAL_ACTIONS.has(resolved.action) || known(resolved.action) || known(resolved.asWritten)) {
    return true;
  }
  const names = ctx.opts.moduleNames ? [...ctx.opts.moduleNames(), ...INTERNAL_ACTIONS] : [...INTERNAL_ACTIONS];
  const guess = didYouMean(resolved.action, names);
  ctx.report(`couldn't resolve module/action '${resolved.asWritten}'. This often indicates a misspelling, missing collection, or incorrect module path.`, resolved.origin, undefined, guess ? `did you mean '${guess}'?` : undefined);
  return false;
}

/** The name the module resolves to; null once a routing error (a tombstone, a bad redirect) is reported. */
function resolveOrReport(resolve: NonNullable<LoadContext['opts']['resolveModule']>, resolved: ResolvedAction, collections: readonly string[], ctx: LoadContext): string | undefined | null {
  try {
    return resolve(resolved.asWritten, collections);
  } catch (err) {
    if (!isTsibleError(err)) throw err;
    ctx.report(err.message, resolved.origin, ExitCode.error);
    return null;
  }
}

/** Whether an action name is a template, to be resolved when the task runs. */
export function isTemplatedName(name: string): boolean {
  return name.includes('{{') || name.includes('{%');
}
