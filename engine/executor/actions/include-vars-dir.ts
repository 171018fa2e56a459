import { readdirSync, statSync } from 'fs';
import { extname, join } from 'path';
import { TsibleError } from '../../errors';
import { truthy } from '../../template/values';

/** include_vars' arguments that only make sense with `dir:`. */
export interface DirOptions {
  depth: number;
  filesMatching?: RegExp;
  ignoreFiles: RegExp[];
  extensions: string[];
  ignoreUnknownExtensions: boolean;
}

/**
 * The files include_vars loads from a directory, in Ansible's order: every directory under `root`
 * (symlinked ones are not entered), sorted by path, each one's files sorted by name. `depth` counts
 * directories in that sorted order, as Ansible counts them, not levels. A file with another extension
 * is an error unless ignore_unknown_extensions is set.
 */
export function varsDirFiles(root: string, opts: DirOptions): string[] {
  const dirs = walk(root).sort((a, b) => compare(a.dir, b.dir));
  const visited = opts.depth > 0 ? dirs.slice(0, opts.depth) : dirs;
  const out: string[] = [];
  for (const { dir, files } of visited) {
    for (const name of files.sort(compare)) {
      if (opts.filesMatching && !opts.filesMatching.test(name)) continue;
      if (opts.ignoreFiles.some((re) => re.test(name))) continue;
      const known = opts.extensions.includes(extname(name).slice(1));
      if (!known && opts.ignoreUnknownExtensions) continue;
      if (!known) throw new TsibleError(`${join(dir, name)} does not have a valid extension: ${opts.extensions.join(', ')}`);
      out.push(join(dir, name));
    }
  }
  return out;
}

function walk(dir: string): { dir: string; files: string[] }[] {
  const files: string[] = [];
  const below: { dir: string; files: string[] }[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) below.push(...walk(path));
    else if (!(entry.isSymbolicLink() && isDir(path))) files.push(entry.name);
  }
  return [{ dir, files }, ...below];
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** Python's string order (by code point), which Ansible sorts paths and names by. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `ignore_files: a.yml b.yml` or a list; each is a regular expression matched at the end of a name. */
export function dirOptions(args: Record<string, unknown>): DirOptions {
  const ignore = args.ignore_files;
  if (ignore !== undefined && ignore !== null && typeof ignore !== 'string' && !Array.isArray(ignore)) throw new TsibleError(`ignore_files must be a list`);
  const ignoreList = typeof ignore === 'string' ? ignore.split(/\s+/).filter(Boolean) : ((ignore as unknown[] | undefined | null) ?? []).map(String);
  const ext = args.extensions ?? ['yaml', 'yml', 'json'];
  // A string is taken character by character, as Ansible's list() does.
  const extensions = typeof ext === 'string' ? [...ext] : ext;
  if (!Array.isArray(extensions)) throw new TsibleError('Invalid type for "extensions" option, it must be a list');
  return {
    depth: Number(args.depth ?? 0) || 0,
    filesMatching: args.files_matching ? regex(String(args.files_matching), '') : undefined,
    ignoreFiles: ignoreList.map((p) => regex(p, '$')),
    extensions: extensions.map(String),
    // Python truthiness, as Ansible tests it: any non-empty string is true.
    ignoreUnknownExtensions: truthy(args.ignore_unknown_extensions ?? false),
  };
}

function regex(pattern: string, suffix: string): RegExp {
  try {
    return new RegExp(pattern + suffix);
  } catch {
    throw new TsibleError(`Invalid regular expression: ${pattern}`);
  }
}
