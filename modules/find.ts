import { defineModule, failed, ok } from '../engine/module/define';
import { shellJoin } from '../engine/module/shell-quote';
import { AGE_UNITS, nameMatcher, parseAmount, SIZE_UNITS } from './_lib/find-filters';
import { FIND_STAT_FORMAT, parseFindOutput, startPoint } from './_lib/find-output';
import type { ModuleContext } from '../engine/module/types';
import { pcreForPython } from './_lib/py-regex';
import { optionalString } from './_lib/schema-parts';

interface Args {
  paths: string[];
  patterns: string[];
  excludes?: string[];
  contains?: string;
  read_whole_file: boolean;
  get_checksum: boolean;
  file_type: 'file' | 'directory' | 'link' | 'any';
  recurse: boolean;
  hidden: boolean;
  follow: boolean;
  use_regex: boolean;
  age?: string;
  age_stamp: 'atime' | 'mtime' | 'ctime';
  size?: string;
  depth?: number;
}

const TYPE_LETTER = { file: 'f', directory: 'd', link: 'l', any: '' } as const;

/**
 * One `find` per path, printing per entry `E`, the path's index, its type letter, path and the stat
 * module's fields, each ended by a NUL (which no name can hold, so no name can fake an entry); `S` and
 * the path's index when find fails on it, `N` and the index when the path is not a directory. A path starting with `-` is given as `./-…`, so find cannot
 * read it as an option.
 */
function findCommand(args: Args): string {
  // Ansible walks a directory whose entries are within depth whole, so entries one level deeper are
  // examined (counted), though never returned; depth 0 means no limit there.
  const depth = args.recurse ? (args.depth ? `-maxdepth ${args.depth + 1}` : '') : '-maxdepth 1';
  // Three octal digits: a field starting with a digit must not extend the escape.
  const fmt = (i: number) => ['E', String(i), '%y', '%p', ...FIND_STAT_FORMAT].map((f) => `${f}\\000`).join('');
  return args.paths
    .map((p, i) => {
      const start = shellJoin([startPoint(p)]);
      return `if [ -d ${start} ]; then find ${args.follow ? '-L ' : ''}${start} -mindepth 1 ${depth} -printf '${fmt(i)}' 2>/dev/null || printf 'S\\000%s\\000' ${i}; else printf 'N\\000%s\\000' ${i}; fi`;
    })
    .join('; ');
}

export default defineModule<Args>({
  name: 'find',
  aliases: ['ansible.builtin.find', 'ansible.legacy.find'],
  supports: { checkMode: 'full', diff: false },
  argAliases: { paths: ['name', 'path'], patterns: ['pattern'], excludes: ['exclude'] },
  docs: {
    short: 'Return a list of files based on specific criteria',
    args: {
      paths: 'Directories to search.', patterns: 'Globs (or regexps with use_regex) the basename must match.', excludes: 'Globs/regexps to leave out.',
      contains: 'A regexp the content of files must match.', file_type: 'file, directory, link or any.', recurse: 'Descend into subdirectories.',
      hidden: 'Include hidden files.', follow: 'Follow symlinks.', use_regex: 'Patterns are Python regexps.', age: 'Older than (or with -, newer than) e.g. 2d, 1w.',
      age_stamp: 'Which time age compares.', size: 'Bigger than (or with -, smaller than) e.g. 10m.', depth: 'Maximum depth when recursing.',
      read_whole_file: 'contains is matched against the whole file, not line by line.', get_checksum: 'Add the sha1 checksum of each regular file.',
    },
    returns: { files: 'A stat dict per match', matched: 'How many matched', examined: 'How many were looked at' },
    examples: [{ title: 'Old logs', args: { paths: ['/var/log'], patterns: ['*.log'], age: '2w', recurse: true } }],
  },
  schema: {
    type: 'object',
    properties: {
      paths: { type: 'array', items: { type: 'string' } },
      patterns: { type: 'array', items: { type: 'string' }, default: [] },
      excludes: { type: 'array', items: { type: 'string' }, nullable: true },
      contains: optionalString,
      read_whole_file: { type: 'boolean', default: false },
      get_checksum: { type: 'boolean', default: false },
      file_type: { type: 'string', enum: ['file', 'directory', 'link', 'any'], default: 'file' },
      recurse: { type: 'boolean', default: false },
      hidden: { type: 'boolean', default: false },
      follow: { type: 'boolean', default: false },
      use_regex: { type: 'boolean', default: false },
      age: optionalString,
      age_stamp: { type: 'string', enum: ['atime', 'mtime', 'ctime'], default: 'mtime' },
      size: optionalString,
      depth: { type: 'integer', nullable: true },
    },
    required: ['paths'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const age = args.age === undefined ? undefined : parseAmount(args.age, AGE_UNITS);
    const size = args.size === undefined ? undefined : parseAmount(args.size, SIZE_UNITS);
    if (args.age !== undefined && !age) return failed(`failed to process age: ${args.age}`);
    if (args.size !== undefined && !size) return failed(`failed to process size: ${args.size}`);
    const r = await ctx.probe.exec(findCommand(args));
    const { entries, examined, skipped } = parseFindOutput(r.stdout, args.paths);
    // No pattern matches every name, whichever way patterns are read.
    const include = nameMatcher(args.patterns.length > 0 ? args.patterns : [args.use_regex ? '.*' : '*'], args.use_regex);
    const exclude = args.excludes ? nameMatcher(args.excludes, args.use_regex) : () => false;
    const now = Date.now() / 1000;
    const files = entries.filter(({ letter, stat, depth }) => {
      if (args.recurse && args.depth && depth > args.depth) return false;
      const name = (stat.path as string).slice((stat.path as string).lastIndexOf('/') + 1);
      if (!args.hidden && name.startsWith('.')) return false;
      if (args.file_type !== 'any' && letter !== TYPE_LETTER[args.file_type]) return false;
      if (!include(name) || exclude(name)) return false;
      const elapsed = now - (stat[args.age_stamp] as number);
      if (age && (age.lessThan ? elapsed > age.value : elapsed < age.value)) return false;
      return !size || (size.lessThan ? (stat.size as number) <= size.value : (stat.size as number) >= size.value);
    }).map((e) => e.stat);
    const found = args.contains === undefined ? files : await filterContent(ctx, files, args.contains, args.read_whole_file);
    if (typeof found === 'string') return failed(found);
    if (args.get_checksum) await addChecksums(ctx, found);
    const skippedPaths = Object.entries(skipped);
    if (skippedPaths.length === 0) return ok({ files: found, matched: found.length, examined, msg: 'All paths examined', skipped_paths: skipped });
    const warnings = skippedPaths.map(([path, why]) => `Skipped '${path}' path due to this access issue: ${why}\n`);
    return ok({ files: found, matched: found.length, examined, msg: 'Not all paths examined, check warnings for details', skipped_paths: skipped, warnings });
  },
});

async function filterContent(ctx: ModuleContext, files: Record<string, unknown>[], contains: string, wholeFile: boolean): Promise<Record<string, unknown>[] | string> {
  const regular = files.filter((f) => f.isreg).map((f) => f.path as string);
  if (regular.length === 0) return [];
  // Ansible searches the whole file, or matches each line from its start (re.match). -P reads the
  // pattern as PCRE, which spells Python's syntax. -Z ends each name with a NUL: a name holding a
  // newline cannot pass for another file. -z makes a text file one record.
  const pattern = wholeFile ? pcreForPython(contains) : `^(?:${pcreForPython(contains)})`;
  const r = await ctx.probe.exec(`grep -lZP${wholeFile ? 'z' : ''} ${shellJoin(['-e', pattern, '--', ...regular])}`);
  // A file grep cannot read is skipped, as Ansible skips it; anything else (a bad pattern, a grep
  // without -P) means nothing could be searched.
  const problems = r.stderr.split('\n').filter((l) => l && !regular.some((path) => l.startsWith(`grep: ${path}: `)));
  if (r.rc === 2 && problems.length > 0) return `contains could not be searched with grep -P on the host: ${problems.join('; ')}`;
  const hits = new Set(r.stdout.split('\0'));
  return files.filter((f) => hits.has(f.path as string));
}

/** Ansible's find gives regular files a sha1 `checksum` with get_checksum. */
async function addChecksums(ctx: ModuleContext, files: Record<string, unknown>[]): Promise<void> {
  const regular = files.filter((f) => f.isreg);
  if (regular.length === 0) return;
  // sha1sum -z prints `<hash>  <name>` records ended by NUL, names unescaped.
  const r = await ctx.probe.exec(`sha1sum -z ${shellJoin(['--', ...regular.map((f) => f.path as string)])} 2>/dev/null`);
  const sums = new Map(r.stdout.split('\0').filter((rec) => rec.length > 42).map((rec) => [rec.slice(42), rec.slice(0, 40)]));
  for (const f of regular) {
    const sum = sums.get(f.path as string);
    if (sum) f.checksum = sum;
  }
}
