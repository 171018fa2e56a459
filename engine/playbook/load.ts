import { dirname, resolve } from 'path';
import { ExitCode, Origin, TsibleError } from '../errors';
import { findFile, isDict, LoadContext, LoadOptions, tagList, union } from './context';
import { loadPlay } from './play';
import { Play, Playbook } from './types';
import { copyOrigin, originOf } from './yaml';

export type { LoadOptions } from './context';

/** Every problem found in a playbook; the first is this error's own message, origin and exit code. */
export class PlaybookError extends TsibleError {
  constructor(readonly problems: TsibleError[]) {
    const first = problems[0];
    super(first.message, { origin: first.origin, hint: first.hint, context: first.context, exitCode: first.exitCode });
    this.name = 'PlaybookError';
  }
}

const IMPORT_KEYS = new Set(['import_playbook', 'name', 'vars', 'when', 'tags']);

/**
 * Loads and validates a playbook with everything it imports (playbooks, task files, roles). Problems
 * anywhere — later plays, imported files, roles — are all found before anything runs, and thrown
 * together as a {@link PlaybookError}.
 */
export function loadPlaybook(file: string, opts: LoadOptions = {}): Playbook {
  const path = resolve(file);
  const ctx = new LoadContext(opts);
  const plays = loadPlays(path, ctx, undefined);
  if (ctx.problems.length) throw new PlaybookError(ctx.problems);
  return { file: path, baseDir: dirname(path), plays };
}

function loadPlays(file: string, ctx: LoadContext, importedAt: Origin | undefined): Play[] {
  if (ctx.loading.includes(file)) {
    ctx.report('a playbook cannot import itself', importedAt);
    return [];
  }
  ctx.loading.push(file);
  try {
    const ds = ctx.loadYaml(file, importedAt);
    if (ds === undefined) return [];
    if (ds === null || (Array.isArray(ds) && ds.length === 0)) {
      ctx.report('A playbook must contain at least one play', importedAt ?? { file, line: 1, column: 1 });
      return [];
    }
    if (!Array.isArray(ds)) {
      ctx.report('a playbook must be a list of plays', originOf(ds) ?? { file, line: 1, column: 1 }, undefined, 'start each play with "- hosts: …"');
      return [];
    }
    return ds.flatMap((entry, i) => loadEntry(entry, file, ctx, originOf(ds, i) ?? { file, line: 1, column: 1 }));
  } finally {
    ctx.loading.pop();
  }
}

function loadEntry(entry: unknown, file: string, ctx: LoadContext, origin: Origin): Play[] {
  if (!isDict(entry)) {
    ctx.report('each entry of a playbook must be a play or an import_playbook', origin);
    return [];
  }
  if ('import_playbook' in entry || 'ansible.builtin.import_playbook' in entry) return importPlaybook(entry, file, ctx, origin);
  const play = loadPlay(entry, file, ctx, origin);
  return play ? [play] : [];
}

/** `- import_playbook: other.yml` with optional vars, when and tags, which apply to every imported play. */
function importPlaybook(entry: Record<string, unknown>, file: string, ctx: LoadContext, origin: Origin): Play[] {
  const key = 'import_playbook' in entry ? 'import_playbook' : 'ansible.builtin.import_playbook';
  for (const k of Object.keys(entry)) {
    if (k !== key && !IMPORT_KEYS.has(k)) ctx.report(`'${k}' is not valid on import_playbook (allowed: vars, when, tags)`, originOf(entry, k));
  }
  const at = originOf(entry, key, 'value') ?? origin;
  const target = ctx.renderStatic(entry[key], { playbook_dir: dirname(file), ...(isDict(entry.vars) ? entry.vars : {}) });
  if (!target) {
    ctx.report('import_playbook needs a file name; only extra vars and its own vars can be used in it', at);
    return [];
  }
  const found = findFile(target, [dirname(file)]);
  if (!found) {
    ctx.report(`could not find or access '${target}'`, at, ExitCode.error, `looked relative to ${dirname(file)}`);
    return [];
  }
  const vars = isDict(entry.vars) ? entry.vars : {};
  const tags = tagList(entry.tags);
  const when = entry.when;
  return loadPlays(found, ctx, at).map((play) => ({
    ...play,
    // Variables given on the import win over the imported play's own.
    vars: { ...play.vars, ...vars },
    tags: union(tags, play.tags),
    keywords: when === undefined ? play.keywords : copyOrigin(play.keywords, { ...play.keywords, import_when: [when, play.keywords.import_when].flat().filter((w) => w !== undefined) }),
  }));
}
