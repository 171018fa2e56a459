import { defineModule, failed, ok } from '../engine/module/define';
import { shellJoin } from '../engine/module/shell-quote';
import { missingBinary, parseSections, probeSections } from './_lib/service/probe-script';

interface Args {
  database: string;
  key?: string;
  service?: string;
  split?: string;
  fail_key: boolean;
}

/** Databases whose records are colon-separated, when no `split` is given. */
const COLON_DATABASES = ['passwd', 'shadow', 'group', 'gshadow'];

/** Python's str.splitlines() boundaries (which include the file, group and record separators). */
// eslint-disable-next-line no-control-regex
const LINE_BREAK = /\r\n|[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]/;
/** Python's str.split() with no separator: runs of what str.isspace() calls whitespace (\x1c-\x1f among them). */
// eslint-disable-next-line no-control-regex
const PY_WHITESPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

function splitRecord(line: string, sep: string | undefined): string[] {
  if (sep !== undefined) return line.split(sep);
  const trimmed = line.replace(new RegExp(`^${PY_WHITESPACE.source}|${PY_WHITESPACE.source}$`, 'g'), '');
  return trimmed === '' ? [] : trimmed.split(PY_WHITESPACE);
}

/**
 * getent's lines keyed by their first field, the other fields as a list; a key met again turns its value into
 * a list of such lists, one per line, as Ansible's module (2.11 on) returns duplicates.
 */
export function parseGetent(out: string, sep: string | undefined): Record<string, unknown> {
  const lines = out.split(LINE_BREAK);
  if (lines[lines.length - 1] === '') lines.pop();
  const entries = new Map<string, unknown>();
  const seen = new Map<string, number>();
  for (const line of lines) {
    const [key, ...fields] = splitRecord(line, sep);
    // Only a blank line splits into no fields; getent prints none.
    if (key === undefined) continue;
    const count = seen.get(key) ?? 0;
    if (count === 0) entries.set(key, fields);
    else if (count === 1) entries.set(key, [entries.get(key), fields]);
    else (entries.get(key) as unknown[]).push(fields);
    seen.set(key, count + 1);
  }
  return Object.fromEntries(entries);
}

const FAILURES: Record<number, string> = {
  1: 'Missing arguments, or database unknown.',
  2: 'One or more supplied key could not be found in the database.',
  3: 'Enumeration not supported on this database.',
};

export default defineModule<Args>({
  name: 'getent',
  aliases: ['ansible.builtin.getent', 'ansible.legacy.getent'],
  supports: { checkMode: 'full', diff: false },
  docs: {
    short: 'A wrapper to the unix getent utility',
    description: "Runs getent on one of the host's databases (passwd, group, hosts…) and returns its records as the fact getent_<database>.",
    args: {
      database: 'The getent database to read (passwd, group, hosts, services, shadow…).',
      key: 'The key to look up; without it, every record of the database.',
      service: 'The NSS service to ask instead of the configured ones (getent -s).',
      split: "The field separator; by default ':' for passwd, shadow, group and gshadow, else whitespace.",
      fail_key: 'Fail when the key is not in the database; when false, the key is returned with a null value.',
    },
    returns: { ansible_facts: 'getent_<database>: each record by its first field, the other fields as a list (a list of lists for a key found twice).' },
    examples: [
      { title: "The root user's passwd record", args: { database: 'passwd', key: 'root' } },
      { title: 'An optional service', args: { database: 'services', key: 'http', fail_key: false } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      database: { type: 'string' },
      key: { type: 'string', nullable: true },
      service: { type: 'string', nullable: true },
      split: { type: 'string', nullable: true },
      fail_key: { type: 'boolean', default: true },
    },
    required: ['database'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const sep = args.split ?? (COLON_DATABASES.includes(args.database) ? ':' : undefined);
    // Python's str.split refuses an empty separator, which fails Ansible's module.
    if (sep === '') return failed('empty separator');
    const argv = ['getent', args.database, ...(args.key !== undefined ? [args.key] : []), ...(args.service !== undefined ? ['-s', args.service] : [])];
    const p = probeSections();
    const script = [
      p.header,
      p.findBinaries(['getent']),
      `if command -v getent >/dev/null 2>&1; then ${p.section('out')}; ${shellJoin(argv)} 2>/dev/null; tsible_rc=$?; ${p.section('rc')}; echo $tsible_rc; fi`,
    ].join('\n');
    const r = await ctx.probe.exec(script);
    const sections = parseSections(r.stdout);
    const missing = missingBinary('getent', sections);
    if (missing) return failed(missing);
    const rc = Number(sections.rc);
    const fact = `getent_${args.database}`;
    if (rc === 0) return ok({ ansible_facts: { [fact]: parseGetent(sections.out ?? '', sep) } });
    if (rc === 2 && !args.fail_key) {
      return ok({ ansible_facts: { [fact]: Object.fromEntries([[String(args.key ?? null), null]]) }, msg: FAILURES[2] });
    }
    return failed(FAILURES[rc] ?? 'Unexpected failure!');
  },
});
