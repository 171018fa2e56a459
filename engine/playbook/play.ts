import { dirname } from 'path';
import { didYouMean } from '../module/did-you-mean';
import { ExitCode, Origin } from '../errors';
import { loadTaskList, Scope } from './block';
import { findFile, isDict, isTemplated, LoadContext, nameList, tagList } from './context';
import { checkKeywordTypes, keywordExitCode, playKeywords } from './keywords';
import { checkNotify } from './notify';
import { loadRole, parseRoleEntry } from './roles';
import { Play, Role, VarsPrompt } from './types';
import { copyOrigin, originOf } from './yaml';

/** One play from its YAML dict, with every problem in it reported to `ctx`. */
export function loadPlay(ds: Record<string, unknown>, file: string, ctx: LoadContext, origin: Origin): Play | undefined {
  const label = ds.name ?? (typeof ds.hosts === 'string' ? ds.hosts : undefined);
  return ctx.within(label === undefined || label === null ? undefined : `play "${String(label)}"`, () => loadPlayIn(withRemoteUser(ds, ctx), file, ctx, origin));
}

/** `user` is Ansible's older name for a play's remote_user; a play may not give both. */
function withRemoteUser(ds: Record<string, unknown>, ctx: LoadContext): Record<string, unknown> {
  if (!('user' in ds)) return ds;
  const { user, ...rest } = ds;
  if ('remote_user' in ds) {
    ctx.report("both 'user' and 'remote_user' are set for this play. The use of 'user' is deprecated, and should be removed", originOf(ds, 'user'));
    return copyOrigin(ds, rest);
  }
  return copyOrigin(ds, { ...rest, remote_user: user });
}

function loadPlayIn(ds: Record<string, unknown>, file: string, ctx: LoadContext, origin: Origin): Play | undefined {
  const before = ctx.problems.length;
  for (const key of Object.keys(ds)) {
    if (key in playKeywords) continue;
    const guess = didYouMean(key, Object.keys(playKeywords));
    ctx.report(`'${key}' is not a valid attribute for a Play`, originOf(ds, key), undefined, guess ? `did you mean '${guess}'?` : 'tasks go under tasks:, not directly in the play');
  }
  for (const p of checkKeywordTypes(playKeywords, ds)) ctx.report(p.message, originOf(ds, p.key, 'value'), keywordExitCode(p.key));
  const hosts = hostsOf(ds, ctx, origin);
  const vars = varsOf(ds, ctx);
  const baseDir = dirname(file);
  const tags = tagList(ds.tags);
  const reachedRoles: Role[] = [];
  const importedRoles: Role[] = [];
  const scope: Scope = { file, dirs: [baseDir], baseDir, tags, handler: false, reachedRoles, importedRoles, vars: { playbook_dir: baseDir, ...vars }, collections: nameList(ds.collections) };
  const roles = rolesOf(ds.roles, scope, ctx, originOf(ds, 'roles', 'value'));
  const list = (key: string, handler = false) => loadTaskList(ds[key], { ...scope, handler }, ctx, originOf(ds, key), key);
  const { name, hosts: _h, vars: _v, roles: _r, tasks: _t, pre_tasks: _pre, post_tasks: _post, handlers: _hd, vars_files: _vf, vars_prompt: _vp, tags: _tg, ...keywords } = ds;
  const play: Play = {
    name: name === undefined || name === null || name === '' ? hosts.join(',') : String(name),
    named: name !== undefined && name !== null && name !== '',
    hosts,
    keywords: copyOrigin(ds, keywords),
    vars,
    varsFiles: ds.vars_files === undefined || ds.vars_files === null ? [] : [ds.vars_files].flat(),
    varsPrompt: varsPromptOf(ds.vars_prompt, ctx),
    roles,
    preTasks: list('pre_tasks'),
    tasks: list('tasks'),
    postTasks: list('post_tasks'),
    handlers: list('handlers', true),
    importedRoles,
    tags,
    file,
    baseDir,
    origin,
  };
  checkVarsFiles(ds.vars_files, baseDir, ctx);
  checkNotify(play, [...roles, ...reachedRoles], ctx);
  return ctx.problems.length > before ? undefined : play;
}

function hostsOf(ds: Record<string, unknown>, ctx: LoadContext, origin: Origin): string[] {
  if (!('hosts' in ds)) {
    ctx.report("the play has no 'hosts'", origin, undefined, 'add hosts: all (or a group or host pattern) to the play');
    return [];
  }
  const raw = ds.hosts;
  const hosts = (Array.isArray(raw) ? raw : [raw]).filter((h) => h !== null && h !== '').map(String);
  if (hosts.length === 0 && (raw === null || typeof raw === 'string' || Array.isArray(raw))) {
    ctx.report('Hosts list cannot be empty. Please check your playbook', originOf(ds, 'hosts'), undefined, 'name a host pattern, e.g. hosts: all');
  }
  return hosts;
}

function varsOf(ds: Record<string, unknown>, ctx: LoadContext): Record<string, unknown> {
  const raw = ds.vars;
  if (raw === null || raw === undefined) return {};
  if (isDict(raw)) return raw;
  if (Array.isArray(raw) && raw.every(isDict)) return Object.assign({}, ...raw);
  ctx.report("a play's vars must be a dictionary, or a list of dictionaries", originOf(ds, 'vars', 'value'));
  return {};
}

function rolesOf(raw: unknown, scope: Scope, ctx: LoadContext, where: Origin | undefined): Role[] {
  if (raw === null || raw === undefined) return [];
  if (!Array.isArray(raw)) {
    ctx.report('A malformed role declaration was encountered.', where);
    return [];
  }
  const out: Role[] = [];
  raw.forEach((entry, i) => {
    const req = parseRoleEntry(entry, originOf(raw, i) ?? { file: scope.file, line: 1, column: 1 }, scope.tags, ctx);
    const role = req && loadRole(req, scope, ctx);
    if (role) out.push(role);
  });
  return out;
}

/** Ansible stops at the start of the play on a missing vars file; a file named without templating is checked now. */
function checkVarsFiles(raw: unknown, baseDir: string, ctx: LoadContext): void {
  if (!Array.isArray(raw)) return;
  raw.forEach((entry, i) => {
    if (typeof entry !== 'string' || isTemplated(entry) || findFile(entry, [baseDir])) return;
    ctx.report(`vars file '${entry}' was not found`, originOf(raw, i), ExitCode.error, `looked relative to ${baseDir}`);
  });
}

function varsPromptOf(raw: unknown, ctx: LoadContext): VarsPrompt[] {
  if (!Array.isArray(raw)) return [];
  const out: VarsPrompt[] = [];
  raw.forEach((p, i) => {
    const origin = originOf(raw, i)!;
    if (!isDict(p) || typeof p.name !== 'string') {
      ctx.report("Invalid vars_prompt data structure, missing 'name' key", origin);
      return;
    }
    if (p.encrypt !== undefined && p.encrypt !== null && !isTemplated(p.encrypt) && !ENCRYPT_SCHEMES.has(String(p.encrypt))) {
      ctx.report(`vars_prompt '${p.name}': encrypt '${String(p.encrypt)}' is not supported`, originOf(p, 'encrypt') ?? origin, ExitCode.error, 'use sha512_crypt or sha256_crypt');
    }
    out.push({ name: p.name, prompt: p.prompt, default: p.default, private: p.private, confirm: p.confirm, encrypt: p.encrypt, salt: p.salt, saltSize: p.salt_size, unsafe: p.unsafe, origin });
  });
  return out;
}

/** The crypt schemes password_hash can make without passlib; Ansible also knows md5_crypt, bcrypt and others. */
const ENCRYPT_SCHEMES = new Set(['sha512_crypt', 'sha256_crypt']);
