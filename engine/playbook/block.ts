import { Origin } from '../errors';
import { pyStr } from '../template/python';
import { LoadContext, isDict, nameList, tagList, union } from './context';
import { blockKeywords, checkKeywordTypes, keywordExitCode } from './keywords';
import { loadTask } from './task';
import { Block, Role, TaskOrBlock } from './types';
import { copyOrigin, originOf } from './yaml';

/** Where a list of tasks is being loaded: decides relative paths, inherited tags and handler rules. */
export interface Scope {
  file: string;
  /** Directories searched for a relative `import_tasks`/`include_tasks` file, in order. */
  dirs: string[];
  /** The play's directory: role lookup and import_playbook paths are relative to it. */
  baseDir: string;
  role?: Role;
  /** Tags inherited from enclosing blocks, roles, imports and the play. */
  tags: string[];
  handler: boolean;
  /** Roles reached through import_role/include_role: a notify may name their handlers. */
  reachedRoles: Role[];
  /** Roles reached through import_role: their handlers join the play's when it is loaded, as Ansible adds them. */
  importedRoles: Role[];
  /** Loaded by a dynamic include (include_tasks, include_role): an `include` in it is dynamic too. */
  dynamic?: boolean;
  /** Variables known at load time (play vars, role defaults and vars), for templated import names. */
  vars?: Record<string, unknown>;
  /**
   * The `collections:` search list for short module names, as written: the nearest task, block, role or
   * play that sets one. A role's tasks see only the role's own list (its meta/main.yml), as in Ansible.
   */
  collections?: string[];
}

/**
 * A `tasks:`-style list; a value that is not a list is reported where it stands, in Ansible's words
 * when the play keyword holding it (`key`) is known.
 */
export function loadTaskList(ds: unknown, scope: Scope, ctx: LoadContext, where?: Origin, key?: string): TaskOrBlock[] {
  if (ds === null || ds === undefined) return [];
  if (!Array.isArray(ds)) {
    const message = key ? `A malformed block was encountered while loading ${key}: ${pyStr(ds)} should be a list or None` : 'a list of tasks was expected here';
    ctx.report(message, originOf(ds) ?? where);
    return [];
  }
  const out: TaskOrBlock[] = [];
  ds.forEach((item, i) => {
    const origin = originOf(ds, i) ?? where;
    // An empty item (`-` alone) is skipped, as Ansible does.
    if (item === null) return;
    if (!isDict(item)) {
      ctx.report('each task must be a dictionary (`- name: …` then a module); got ' + JSON.stringify(item), origin, undefined, 'is a `:` missing after the module name?');
      return;
    }
    out.push(...loadTaskOrBlock(item, scope, ctx, origin ?? { file: scope.file, line: 1, column: 1 }));
  });
  return out;
}

function loadTaskOrBlock(ds: Record<string, unknown>, scope: Scope, ctx: LoadContext, origin: Origin): TaskOrBlock[] {
  if ('block' in ds) return [loadBlock(ds, scope, ctx, origin)];
  for (const key of ['rescue', 'always']) {
    if (key in ds) {
      ctx.report(`'${key}' cannot be used without 'block'`, originOf(ds, key));
      return [];
    }
  }
  return loadTask(ds, scope, ctx, origin);
}

function loadBlock(ds: Record<string, unknown>, scope: Scope, ctx: LoadContext, origin: Origin): Block {
  for (const key of Object.keys(ds)) {
    if (!(key in blockKeywords)) ctx.report(`'${key}' is not a valid keyword for a block`, originOf(ds, key), undefined, 'a block holds block/rescue/always lists and keywords such as when or become; move module calls into the block list');
  }
  for (const p of checkKeywordTypes(blockKeywords, ds)) ctx.report(p.message, originOf(ds, p.key), keywordExitCode(p.key));
  const tags = union(scope.tags, tagList(ds.tags));
  const inner: Scope = { ...scope, tags, collections: ds.collections === undefined ? scope.collections : nameList(ds.collections) };
  const list = (key: string): TaskOrBlock[] => (Array.isArray(ds[key]) ? loadTaskList(ds[key], inner, ctx, originOf(ds, key)) : []);
  const { block: _b, rescue: _r, always: _a, ...rest } = ds;
  const name = ds.name === undefined || ds.name === null ? undefined : String(ds.name);
  return {
    kind: 'block',
    name,
    block: list('block'),
    rescue: list('rescue'),
    always: list('always'),
    keywords: copyOrigin(ds, { ...rest }),
    tags,
    role: scope.role,
    origin,
  };
}

/** Wraps imported tasks so the import's keywords (when, vars, become…) apply to each of them. */
export function wrapImport(tasks: TaskOrBlock[], keywords: Record<string, unknown>, tags: string[], scope: Scope, origin: Origin, role?: Role): Block {
  return { kind: 'block', block: tasks, rescue: [], always: [], keywords, tags, role: role ?? scope.role, origin };
}
