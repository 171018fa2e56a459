import { changed, defineModule, failed, ok } from '../engine/module/define';
import { shellJoin } from '../engine/module/shell-quote';
import { missingBinary, parseSections, probeSections } from './_lib/service/probe-script';
import { shlexSplit } from './_lib/shlex';

const VTYPES = ['boolean', 'error', 'multiselect', 'note', 'password', 'seen', 'select', 'string', 'text', 'title'] as const;

interface Args {
  name: string;
  question?: string;
  vtype?: (typeof VTYPES)[number];
  value?: string;
  unseen: boolean;
}

/** debconf-show's lines (`* question: value`, the star marking a seen question) as question → value. */
export function parseSelections(out: string): Record<string, string> {
  const entries = new Map<string, string>();
  for (const line of out.split(/\r\n|\n|\r/)) {
    const colon = line.indexOf(':');
    if (colon < 0) continue;
    entries.set(line.slice(0, colon).replace(/^\*+|\*+$/g, '').trim(), line.slice(colon + 1).trim());
  }
  return Object.fromEntries(entries);
}

export default defineModule<Args>({
  name: 'debconf',
  aliases: ['ansible.builtin.debconf', 'ansible.legacy.debconf'],
  supports: { checkMode: 'full', diff: true },
  argAliases: { name: ['pkg'], question: ['selection', 'setting'], value: ['answer'] },
  docs: {
    short: 'Configure a .deb package',
    description: "Reads a package's debconf answers (debconf-show) and sets one with debconf-set-selections, as a package's configuration questions would.",
    args: {
      name: 'The package (alias: pkg).',
      question: 'The debconf question (aliases: selection, setting); with vtype and value.',
      vtype: 'The type of the answer: boolean, error, multiselect, note, password, seen, select, string, text or title.',
      value: 'The answer (alias: answer).',
      unseen: 'Leave the question marked unseen (debconf-set-selections -u).',
    },
    returns: { current: 'The answer set, or every answer of the package when no question is given', previous: 'The answer before, when changed' },
    examples: [{ title: 'Preseed the locale', args: { name: 'locales', question: 'locales/default_environment_locale', vtype: 'select', value: 'fr_FR.UTF-8' } }],
  },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      question: { type: 'string', nullable: true },
      vtype: { type: 'string', enum: VTYPES, nullable: true },
      value: { type: 'string', nullable: true },
      unseen: { type: 'boolean', default: false },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const given = [args.question, args.vtype, args.value].filter((v) => v !== undefined).length;
    if (given > 0 && given < 3) return failed('parameters are required together: question, vtype, value');
    let words: string[];
    try {
      // Ansible's module joins the command line and splits it again, so a name is split as a shell would.
      words = ['debconf-show', ...shlexSplit(args.name)];
    } catch (e) {
      return failed(`${(e as Error).message} in the package name`);
    }
    const p = probeSections();
    const script = [
      p.header,
      p.findBinaries(['debconf-show', 'debconf-set-selections']),
      `if command -v debconf-show >/dev/null 2>&1; then ${p.section('out')}; { tsible_e=$(${shellJoin(words)} 2>&1 >&3); tsible_rc=$?; } 3>&1; ${p.section('rc')}; echo $tsible_rc; ${p.section('err')}; printf '%s' "$tsible_e"; fi`,
    ].join('\n');
    const s = parseSections((await ctx.probe.exec(script)).stdout);
    const missing = missingBinary('debconf-show', s);
    if (missing) return failed(missing);
    if (s.rc !== '0') return failed(s.err ?? '');
    const prev = parseSelections(s.out ?? '');
    const { question, vtype } = args;
    let value = args.value;
    if (question === undefined || vtype === undefined || value === undefined) return ok({ msg: '', current: prev });
    const known = Object.hasOwn(prev, question);
    if (known && vtype === 'boolean') value = value.toLowerCase();
    const existing = known && vtype === 'boolean' ? prev[question].toLowerCase() : prev[question];
    if (known && value === existing) return ok({ msg: '', current: prev });
    let msg = '';
    if (!ctx.check) {
      const setMissing = missingBinary('debconf-set-selections', s);
      if (setMissing) return failed(setMissing);
      const answer = vtype === 'boolean' && (value === 'True' || value === 'False') ? value.toLowerCase() : value;
      const r = await ctx.apply.exec(shellJoin(['debconf-set-selections', ...(args.unseen ? ['-u'] : [])]), { stdin: `${[args.name, question, vtype, answer].join(' ')}\n` });
      if (r.rc !== 0) return failed(r.stderr);
      msg = r.stdout;
    }
    const current = { [question]: value };
    // Ansible's module reports the package's other answers too when the question was new.
    const previous = known ? { [question]: prev[question] } : { ...prev, [question]: '' };
    return changed({ msg, current, previous, diff: ctx.diff ? { before: previous, after: { ...previous, ...current } } : {} });
  },
});
