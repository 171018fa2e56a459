import { didYouMean } from '../module/did-you-mean';
import { ExitCode, Origin } from '../errors';
import { INTERNAL_ACTIONS, resolveAction, ResolvedAction, shortName } from './action';
import { Scope } from './block';
import { LoadContext, nameList, tagList, union } from './context';
import { expandInclude } from './includes';
import { isVariableName } from './identifier';
import { checkKeywordTypes, handlerKeywords, isLoopKeyword, keywordExitCode, taskKeywords } from './keywords';
import { Task, TaskOrBlock } from './types';
import { copyOrigin, originOf } from './yaml';

const META_ACTIONS = new Set([
  'noop', 'flush_handlers', 'refresh_inventory', 'clear_facts', 'clear_host_errors',
  'end_host', 'end_play', 'end_batch', 'reset_connection', 'role_complete',
]);

/** One task from its YAML dict; an import expands to the tasks it brings in. */
export function loadTask(ds: Record<string, unknown>, scope: Scope, ctx: LoadContext, origin: Origin): TaskOrBlock[] {
  const label = ds.name === undefined || ds.name === null ? undefined : `${scope.handler ? 'handler' : 'task'} "${String(ds.name)}"`;
  return ctx.within(label, () => loadTaskIn(ds, scope, ctx, origin));
}

function loadTaskIn(ds: Record<string, unknown>, scope: Scope, ctx: LoadContext, origin: Origin): TaskOrBlock[] {
  const keywords = scope.handler ? handlerKeywords : taskKeywords;
  const candidates = actionCandidates(ds, keywords, ctx);
  if (!candidates) return [];
  const before = ctx.problems.length;
  for (const p of checkKeywordTypes(keywords, ds)) ctx.report(p.message, originOf(ds, p.key), keywordExitCode(p.key));
  checkRegisterName(ds, ctx);
  const loop = loopOf(ds, ctx);
  const collections = ds.collections === undefined ? scope.collections ?? [] : nameList(ds.collections);
  const resolved = resolveAction(ds, candidates, ctx, origin, collections);
  if (!resolved || ctx.problems.length > before) return [];
  if (resolved.action === 'import_playbook') {
    ctx.report('import_playbook is only allowed at the top level of a playbook, not in a task list', resolved.origin);
    return [];
  }
  if (scope.handler && (resolved.action === 'include_role' || resolved.action === 'import_role')) {
    ctx.report(`'${resolved.asWritten}' cannot be used as a handler`, resolved.origin, undefined, 'notify a handler that uses include_tasks, or move the role call into the tasks');
    return [];
  }
  if (!checkIncludeKeywords(ds, resolved, scope, ctx)) return [];
  const task = buildTask(ds, resolved, scope, origin, loop);
  if (collections.length) task.collections = collections;
  if (task.action === 'meta') checkMeta(task, ctx);
  return expandInclude(task, scope, ctx);
}

/** Keys that are not keywords: the module name, or typos of keywords that must be reported as such. */
function actionCandidates(ds: Record<string, unknown>, keywords: Record<string, unknown>, ctx: LoadContext): string[] | undefined {
  const others = Object.keys(ds).filter((k) => !(k in keywords) && !isLoopKeyword(k));
  const known = ctx.opts.isKnownModule;
  const several = others.length + ('action' in ds || 'local_action' in ds ? 1 : 0) > 1;
  const stray = others.filter((k) => {
    if (INTERNAL_ACTIONS.has(shortName(k)) || known?.(shortName(k))) return false;
    const typo = didYouMean(k, Object.keys(keywords)) !== undefined;
    // Without a registry a lone key must be taken as the module; with one, a typo'd keyword is likelier.
    return several ? known !== undefined || typo : known !== undefined && typo;
  });
  for (const key of stray) {
    const guess = didYouMean(key, Object.keys(keywords));
    ctx.report(`'${key}' is not a valid keyword for a ${keywords === handlerKeywords ? 'handler' : 'task'}`, originOf(ds, key), undefined, guess ? `did you mean '${guess}'?` : undefined);
  }
  return stray.length ? undefined : others;
}

/** The keywords a dynamic include takes: the others would apply to nothing (its tasks do not inherit them). */
const INCLUDE_KEYWORDS = new Set(['action', 'args', 'collections', 'debugger', 'ignore_errors', 'loop', 'loop_control', 'name', 'no_log', 'register', 'run_once', 'tags', 'timeout', 'vars', 'when']);

/** include_tasks / include_role with a keyword it does not take is refused, in Ansible's words. */
function checkIncludeKeywords(ds: Record<string, unknown>, resolved: ResolvedAction, scope: Scope, ctx: LoadContext): boolean {
  if (resolved.action !== 'include_tasks' && resolved.action !== 'include_role') return true;
  const kind = resolved.action === 'include_role' ? 'IncludeRole' : scope.handler ? 'HandlerTaskInclude' : 'TaskInclude';
  const bad = Object.keys(ds).filter((k) => (k in taskKeywords || k in handlerKeywords) && !INCLUDE_KEYWORDS.has(k) && !(k === 'listen' && scope.handler));
  for (const k of bad) ctx.report(`'${k}' is not a valid attribute for a ${kind}`, originOf(ds, k), undefined, k === 'local_action' ? undefined : `use 'apply: {${k}: …}' to give it to the included tasks`);
  return bad.length === 0;
}

/** Ansible only finds a bad register name when the task runs (exit 1); it is found here, before any host is touched. */
function checkRegisterName(ds: Record<string, unknown>, ctx: LoadContext): void {
  const name = ds.register;
  if ((typeof name === 'string' || typeof name === 'number') && !isVariableName(String(name))) {
    ctx.report(`Invalid variable name in 'register' specified: '${String(name)}'`, originOf(ds, 'register'), ExitCode.error, 'a register name must be a valid Python identifier, such as result or my_result');
  }
}

function loopOf(ds: Record<string, unknown>, ctx: LoadContext): Task['loop'] {
  const loops = Object.keys(ds).filter((k) => k === 'loop' || isLoopKeyword(k));
  if (loops.length > 1) {
    ctx.report(`a task can have only one loop, found: ${loops.join(', ')}`, originOf(ds, loops[1]), ExitCode.error);
    return undefined;
  }
  const key = loops[0];
  if (!key) return undefined;
  return key === 'loop' ? { items: ds.loop } : { with: key.slice('with_'.length), items: ds[key] };
}

function buildTask(ds: Record<string, unknown>, resolved: ResolvedAction, scope: Scope, origin: Origin, loop: Task['loop']): Task {
  const keywords: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(ds)) {
    if (k in taskKeywords || k === 'listen' || isLoopKeyword(k)) keywords[k] = v;
  }
  delete keywords.action;
  delete keywords.local_action;
  delete keywords.args;
  if (resolved.delegateTo && keywords.delegate_to === undefined) keywords.delegate_to = resolved.delegateTo;
  const name = ds.name === undefined || ds.name === null ? undefined : String(ds.name);
  return {
    kind: 'task',
    name,
    action: resolved.action,
    actionAsWritten: resolved.asWritten,
    args: resolved.args,
    keywords: copyOrigin(ds, keywords),
    tags: union(scope.tags, tagList(ds.tags)),
    notify: nameList(ds.notify),
    listen: scope.handler ? nameList(ds.listen) : undefined,
    role: scope.role,
    loop,
    origin,
  };
}

function checkMeta(task: Task, ctx: LoadContext): void {
  const what = task.args._raw_params;
  if (typeof what === 'string' && !META_ACTIONS.has(what) && !/\{\{/.test(what)) {
    const guess = didYouMean(what, META_ACTIONS);
    ctx.report(`invalid meta action requested: ${what}`, originOf(task.keywords, 'meta') ?? task.origin, ExitCode.error, guess ? `did you mean '${guess}'?` : `expected one of: ${[...META_ACTIONS].join(', ')}`);
  }
}
