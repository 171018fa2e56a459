import { execSync } from 'child_process';
import { existsSync, readFileSync } from 'fs';
import { homedir } from 'os';
import { isAbsolute, join } from 'path';
import { TsibleError } from '../../errors';
import { NativeJinjaText } from '../native-text';
import { LookupFailure } from './lookup-failure';
import { pyStr } from '../python';
import { DELIMITER_OPTIONS } from '../native';
import { CallContext, LookupFn, RenderTextOptions } from '../scope';
import type { Delimiters } from '../types';
import { isDict, truthy } from '../values';
import { ansibleTemplateVars } from '../template-vars';
import { globFiles } from './glob';
import { unvaultText } from '../../vault/vault';

/** Lookups that read the controller's files, environment and commands. */

/** Where Ansible looks for a relative name: each search path's `subdir/`, then the path itself. */
export function findFile(given: string, ctx: CallContext, subdir: string): string | undefined {
  const name = given === '~' || given.startsWith('~/') ? (process.env.HOME ?? homedir()) + given.slice(1) : given;
  if (isAbsolute(name)) return existsSync(name) ? name : undefined;
  const dirs = ctx.opts.searchPaths ?? [process.cwd()];
  for (const d of dirs) {
    for (const candidate of [join(d, subdir, name), join(d, name)]) {
      if (existsSync(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * The template lookup's options: Jinja2 delimiters, convert_data (on by default, as in Ansible 2.14) and
 * jinja2_native, which counts only when native mode is on; there, the result is otherwise text kept as text.
 */
function templateLookupOptions(kw: Record<string, unknown>, ctx: CallContext): RenderTextOptions {
  const delimiters: Delimiters = {};
  for (const option of ['variable_start_string', 'variable_end_string', 'comment_start_string', 'comment_end_string']) {
    if (kw[option] !== undefined) delimiters[DELIMITER_OPTIONS[option]] = pyStr(kw[option]);
  }
  const native = ctx.native && kw.jinja2_native !== undefined && truthy(kw.jinja2_native);
  return { convert: kw.convert_data === undefined || truthy(kw.convert_data), syntax: { delimiters }, native };
}

/**
 * What the template lookup returns for one rendered file: where Ansible would not read it back it is text
 * (in native mode even a value convert_data made: its str(), as Ansible does).
 */
function lookupResult(out: unknown, how: RenderTextOptions, ctx: CallContext): unknown {
  if (how.native || !(ctx.native || !how.convert)) return out;
  return new NativeJinjaText(pyStr(out));
}

export function notFound(kind: string, name: string, ctx: CallContext): never {
  throw new TsibleError(`could not locate file in lookup: ${name}`, {
    origin: ctx.opts.origin,
    hint: `${kind} lookup searched ${(ctx.opts.searchPaths ?? [process.cwd()]).join(', ')}`,
  });
}

function firstFound(terms: unknown[], kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  const files: string[] = [];
  let paths: string[] = [];
  let skip = truthy(kw.skip ?? false);
  const addSpec = (spec: Record<string, unknown>) => {
    const list = (v: unknown) => (Array.isArray(v) ? v.map(pyStr) : v === undefined ? [] : pyStr(v).split(/[,;:]/));
    files.push(...list(spec.files));
    paths.push(...list(spec.paths));
    if (spec.skip !== undefined) skip = truthy(spec.skip);
  };
  for (const t of terms.flat()) {
    if (isDict(t)) addSpec(t);
    else files.push(pyStr(t));
  }
  addSpec(kw);
  if (paths.length === 0) paths = [''];
  for (const f of files) {
    for (const p of paths) {
      const found = findFile(p ? join(p, f) : f, ctx, 'files');
      if (found) return [found];
    }
  }
  if (skip) return [];
  throw new LookupFailure('No file was found when using first_found.', { origin: ctx.opts.origin });
}

function runPipe(cmd: string): string {
  try {
    return execSync(cmd, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (e) {
    const status = (e as { status?: number }).status;
    throw new TsibleError(`lookup_plugin.pipe(${cmd}) returned ${status ?? 'an error'}`);
  }
}

export const fileLookups: Record<string, LookupFn> = {
  env: (terms, kw) => terms.map((t) => process.env[pyStr(t)] ?? (kw.default === undefined ? '' : kw.default)),
  file: (terms, kw, ctx) => terms.map((t) => {
    const path = findFile(pyStr(t), ctx, 'files') ?? notFound('file', pyStr(t), ctx);
    let text = unvaultText(readFileSync(path, 'utf8'), path);
    if (kw.rstrip === undefined || truthy(kw.rstrip)) text = text.trimEnd();
    if (truthy(kw.lstrip ?? false)) text = text.trimStart();
    return text;
  }),
  fileglob: (terms, _kw, ctx) => terms.flatMap((t) => {
    const term = pyStr(t);
    if (isAbsolute(term)) return globFiles(term);
    const dirs = ctx.opts.searchPaths ?? [process.cwd()];
    for (const d of dirs) {
      const found = [...globFiles(join(d, 'files', term)), ...globFiles(join(d, term))];
      if (found.length) return found;
    }
    return [];
  }),
  first_found: firstFound,
  lines: (terms) => terms.flatMap((t) => runPipe(pyStr(t)).split('\n').filter((l, i, a) => l !== '' || i < a.length - 1)),
  pipe: (terms) => terms.map((t) => runPipe(pyStr(t)).trimEnd()),
  template: (terms, kw, ctx) => {
    const how = templateLookupOptions(kw, ctx);
    return terms.map((t) => {
      const path = findFile(pyStr(t), ctx, 'templates') ?? notFound('template', pyStr(t), ctx);
      const extra = { ...ansibleTemplateVars(pyStr(t), path, undefined, ctx.managed), ...(isDict(kw.template_vars) ? kw.template_vars : {}) };
      return lookupResult(ctx.renderText(unvaultText(readFileSync(path, 'utf8'), path), extra, path, how), how, ctx);
    });
  },
  unvault: (terms, _kw, ctx) => terms.map((t) => {
    const path = findFile(pyStr(t), ctx, 'files');
    if (!path) throw new TsibleError(`Unable to find file matching "${pyStr(t)}" `, { origin: ctx.opts.origin });
    return unvaultText(readFileSync(path, 'utf8'), path);
  }),
};
