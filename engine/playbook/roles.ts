import { readdirSync } from 'fs';
import { basename, dirname, extname, join, resolve } from 'path';
import { ExitCode, Origin } from '../errors';
import { combineVars } from '../vars/combine';
import { loadTaskList, Scope } from './block';
import { collectionSearch } from '../plugins/collections';
import { findFile, isDict, isDir, LoadContext, nameList, tagList, union } from './context';
import { blockKeywords, checkKeywordTypes, keywordExitCode } from './keywords';
import { Role, TaskOrBlock } from './types';
import { originOf } from './yaml';
import { validationTasks } from './role-argument-specs';

/** Keywords a role entry may carry; any other key is a role parameter. */
const ROLE_KEYWORDS = new Set(Object.keys(blockKeywords).filter((k) => !['block', 'rescue', 'always', 'notify', 'name'].includes(k)));

/** A role as asked for: by a play's `roles:`, a meta dependency or import_role/include_role. */
export interface RoleRequest {
  name: string;
  origin: Origin;
  params: Record<string, unknown>;
  useVars: Record<string, unknown>;
  keywords: Record<string, unknown>;
  /** Inherited tags plus the entry's own. */
  tags: string[];
  from: { tasks?: string; handlers?: string; vars?: string; defaults?: string };
  /** The role whose include_role/import_role asks for this one. */
  includedFrom?: Role;
}

/**
 * Whether a role named by a bare string is the old `name,version` form, which Ansible refuses (reported);
 * a `role:` key holding a comma is only a role that is not found.
 */
export function isOldStyleRoleName(name: string, origin: Origin, ctx: LoadContext): boolean {
  if (!name.includes(',')) return false;
  ctx.report(`Invalid old style role requirement: ${name}`, origin, ExitCode.error);
  return true;
}

/** `- common` or `- { role: web, port: 80, tags: x, vars: {...} }` → a request. */
export function parseRoleEntry(entry: unknown, origin: Origin, inheritedTags: string[], ctx: LoadContext): RoleRequest | undefined {
  if (typeof entry === 'string') {
    if (isOldStyleRoleName(entry, origin, ctx)) return undefined;
    return { name: entry, origin, params: {}, useVars: {}, keywords: {}, tags: inheritedTags, from: {} };
  }
  if (!isDict(entry)) {
    ctx.report('a role entry must be a role name or a dictionary with a role: key', origin);
    return undefined;
  }
  const name = entry.role ?? entry.name;
  if (typeof name !== 'string' || !name) {
    ctx.report('a role entry must name its role (role: my_role)', origin, ExitCode.error);
    return undefined;
  }
  const keywords: Record<string, unknown> = {};
  const params: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (k === 'role' || k === 'name') continue;
    (ROLE_KEYWORDS.has(k) ? keywords : params)[k] = v;
  }
  for (const p of checkKeywordTypes(blockKeywords, keywords)) ctx.report(p.message, originOf(entry, p.key), keywordExitCode(p.key));
  const useVars = isDict(keywords.vars) ? keywords.vars : {};
  delete keywords.vars;
  return { name, origin, params, useVars, keywords, tags: union(inheritedTags, tagList(entry.tags)), from: {} };
}

/** Where roles are looked for: `<play dir>/roles`, the config's roles_path, beside a depending role, the play dir. */
function searchPaths(scope: Scope, ctx: LoadContext): string[] {
  const beside = scope.role ? [dirname(scope.role.path)] : [];
  return union([join(scope.baseDir, 'roles')], ctx.opts.rolesPath ?? [], beside, [scope.baseDir]);
}

function findRole(name: string, scope: Scope, ctx: LoadContext): { path?: string; searched: string[] } {
  const inCollection = /^(\w+\.\w+)\.(\w+)$/.exec(name);
  if (inCollection) {
    // ns.coll.role: the role in that collection's roles/, wherever the collection is installed; else,
    // as for Ansible, a role directory of that name on the role search path.
    const dir = collectionSearch().collectionDir(inCollection[1]);
    const path = dir && join(dir, 'roles', inCollection[2]);
    if (path && isDir(path)) return { path, searched: [path] };
  }
  if (name.includes('/')) {
    const path = resolve(scope.baseDir, name);
    return { path: isDir(path) ? path : undefined, searched: [path] };
  }
  const searched = searchPaths(scope, ctx);
  const path = searched.map((d) => join(d, name)).find(isDir);
  return { path, searched };
}

/**
 * A role's tasks search only the collections its meta/main.yml lists, not those of the play using it;
 * a role inside a collection searches its own collection first, then ansible.builtin, as in Ansible.
 */
function roleCollections(path: string, meta: unknown): string[] {
  const listed = isDict(meta) ? nameList(meta.collections) : [];
  const hosted = /\/ansible_collections\/(\w+)\/(\w+)\/roles\/[^/]+$/.exec(path);
  if (!hosted) return listed;
  const own = `${hosted[1]}.${hosted[2]}`;
  const rest = listed.filter((c) => c !== own);
  return [own, ...rest, ...(rest.includes('ansible.builtin') || rest.includes('ansible.legacy') ? [] : ['ansible.builtin'])];
}

/** Loads a role and, first, its dependencies; reports problems and returns undefined when not found. */
export function loadRole(req: RoleRequest, scope: Scope, ctx: LoadContext): Role | undefined {
  const { path, searched } = findRole(req.name, scope, ctx);
  if (!path) {
    ctx.report(`the role '${req.name}' was not found`, req.origin, ExitCode.error, `searched in: ${searched.join(', ')}`);
    return undefined;
  }
  // A role may import itself for another of its task files; only the same files again would never end.
  const loadingKey = `${path}#${req.from.tasks ?? 'main'}`;
  if (ctx.loading.includes(loadingKey)) {
    ctx.report(`the role '${req.name}' depends on itself`, req.origin);
    return undefined;
  }
  ctx.loading.push(loadingKey);
  try {
    return ctx.within(`role "${req.name}"`, () => loadRoleAt(path, req, scope, ctx));
  } finally {
    ctx.loading.pop();
  }
}

function loadRoleAt(path: string, req: RoleRequest, scope: Scope, ctx: LoadContext): Role {
  const meta = loadMain(path, 'meta', undefined, ctx);
  const role: Role = {
    // Ansible names a role given by path as written (`./roles/x`), in listings and role_name alike.
    name: req.name,
    path,
    params: req.params,
    useVars: req.useVars,
    defaults: loadVarsFile(path, 'defaults', req, ctx),
    vars: loadVarsFile(path, 'vars', req, ctx),
    tasks: [],
    handlers: [],
    dependencies: [],
    parents: req.includedFrom ? [req.includedFrom, ...req.includedFrom.parents] : [],
    allowDuplicates: isDict(meta) && meta.allow_duplicates === true,
    keywords: req.keywords,
    tags: req.tags,
    origin: req.origin,
  };
  const vars = { ...scope.vars, ...role.defaults, ...role.vars, ...req.useVars, ...req.params, role_path: path, role_name: role.name };
  const collections = roleCollections(path, meta);
  const inner: Scope = { ...scope, role, tags: req.tags, dirs: [join(path, 'tasks'), scope.baseDir], file: path, vars, collections };
  role.dependencies = loadDependencies(meta, inner, ctx);
  role.tasks = [...validationTasks(role, req.from.tasks ?? 'main', meta, { ...inner, handler: false }, ctx), ...loadRoleTasks(path, 'tasks', req.from.tasks, { ...inner, handler: false }, ctx)];
  role.handlers = loadRoleTasks(path, 'handlers', req.from.handlers, { ...inner, handler: true, dirs: [join(path, 'handlers'), join(path, 'tasks'), scope.baseDir] }, ctx);
  return role;
}

function loadDependencies(meta: unknown, scope: Scope, ctx: LoadContext): Role[] {
  if (!isDict(meta) || meta.dependencies === undefined || meta.dependencies === null) return [];
  const deps = meta.dependencies;
  if (!Array.isArray(deps)) {
    ctx.report("a role's dependencies must be a list", originOf(meta, 'dependencies', 'value'));
    return [];
  }
  const out: Role[] = [];
  deps.forEach((entry, i) => {
    const req = parseRoleEntry(entry, originOf(deps, i) ?? scope.role!.origin, scope.tags, ctx);
    const role = req && loadRole(req, scope, ctx);
    if (!role) return;
    role.dependencyOf = scope.role;
    out.push(role);
  });
  return out;
}

/** `<role>/<sub>/<from or main>` with .yml, .yaml or no extension. */
function mainFile(path: string, sub: string, from = 'main'): string | undefined {
  return findFile(from, [join(path, sub)]) ?? findFile(`${from}.yml`, [join(path, sub)]) ?? findFile(`${from}.yaml`, [join(path, sub)]);
}

function loadMain(path: string, sub: string, from: string | undefined, ctx: LoadContext): unknown {
  const file = mainFile(path, sub, from);
  return file ? ctx.loadYaml(file) : undefined;
}

function loadVarsFile(path: string, sub: 'vars' | 'defaults', req: RoleRequest, ctx: LoadContext): Record<string, unknown> {
  let vars: Record<string, unknown> = {};
  const dir = join(path, sub);
  for (const file of varsFiles(dir, req.from[sub] ?? 'main')) {
    if (!insideRole(file, dir, req, ctx)) continue;
    const ds = ctx.loadYaml(file);
    if (ds === null || ds === undefined) continue;
    if (!isDict(ds)) {
      ctx.report(`${sub} file must hold a dictionary of variables`, originOf(ds) ?? { file, line: 1, column: 1 });
      continue;
    }
    vars = combineVars(vars, ds);
  }
  return vars;
}

/** A `*_from` file must be inside the role's own directory for it (no absolute path or `..` out of it), as in Ansible. */
function insideRole(file: string, dir: string, role: { name: string; origin: Origin }, ctx: LoadContext): boolean {
  if (file.startsWith(`${dir}/`)) return true;
  ctx.report(`Failed loading '${file}' for role (${role.name}) as it is not inside the expected role path: '${dir}'`, role.origin);
  return false;
}

const VARS_EXTENSIONS = ['', '.yml', '.yaml', '.json'];

/**
 * A role's vars or defaults: `<dir>/<name>` with no extension, .yml, .yaml or .json, the first that exists.
 * It may be a directory: then its files, sorted and recursively, are read in turn (hidden files, backups
 * and other extensions skipped), later ones winning, as in Ansible.
 */
function varsFiles(dir: string, name: string): string[] {
  for (const ext of VARS_EXTENSIONS) {
    const candidate = resolve(dir, name + ext);
    if (isDir(candidate)) return filesBelow(candidate);
    if (findFile(candidate, [])) return [candidate];
  }
  return [];
}

function filesBelow(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .filter((entry) => !entry.startsWith('.') && !entry.endsWith('~'))
    .flatMap((entry) => {
      const full = join(dir, entry);
      const ext = extname(entry);
      if (isDir(full)) return ext ? [] : filesBelow(full);
      return VARS_EXTENSIONS.includes(ext) ? [full] : [];
    });
}

function loadRoleTasks(path: string, sub: string, from: string | undefined, scope: Scope, ctx: LoadContext): TaskOrBlock[] {
  const file = mainFile(path, sub, from);
  if (file && scope.role && !insideRole(file, join(path, sub), scope.role, ctx)) return [];
  if (!file) {
    if (from) ctx.report(`the role '${basename(path)}' has no ${sub} file '${from}'`, scope.role?.origin, ExitCode.error);
    return [];
  }
  return loadTaskList(ctx.loadYaml(file), { ...scope, file, dirs: union([dirname(file)], scope.dirs) }, ctx, { file, line: 1, column: 1 });
}

/** The tasks a role contributes where it is used: its dependencies' first. */
export function roleTasks(role: Role): TaskOrBlock[] {
  return [...role.dependencies.flatMap(roleTasks), ...role.tasks];
}

export function roleHandlers(role: Role): TaskOrBlock[] {
  return [...role.dependencies.flatMap(roleHandlers), ...role.handlers];
}

/**
 * The roles a play runs, in order, each with its dependencies before it. A role already run in the
 * play with the same parameters, vars and keywords is run once only, unless its meta says
 * allow_duplicates, as Ansible does (`--list-tasks` still lists every use).
 */
export function rolesToRun(roles: Role[]): Role[] {
  const seen = new Set<string>();
  const out: Role[] = [];
  const visit = (role: Role): void => {
    role.dependencies.forEach(visit);
    const key = roleRunKey(role);
    if (!role.allowDuplicates && seen.has(key)) return;
    seen.add(key);
    out.push(role);
  };
  roles.forEach(visit);
  return out;
}

/** What makes two uses of a role the same for deduplication: its directory, parameters, vars and keywords. */
export function roleRunKey(role: Role): string {
  return JSON.stringify([role.path, role.params, role.useVars, role.keywords]);
}
