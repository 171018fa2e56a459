import { changed, defineModule, failed, ok } from '../engine/module/define';
import { shellJoin } from '../engine/module/shell-quote';
import { missingBinary, parseSections, probeSections } from './_lib/service/probe-script';

interface Args {
  name: string;
  selection: 'install' | 'hold' | 'deinstall' | 'purge';
}

export default defineModule<Args>({
  name: 'dpkg_selections',
  aliases: ['ansible.builtin.dpkg_selections', 'ansible.legacy.dpkg_selections'],
  supports: { checkMode: 'full', diff: false },
  docs: {
    short: 'Dpkg package selection selections',
    description: "Sets a package's dpkg selection (install, hold, deinstall, purge), as `dpkg --set-selections` does; holding a package keeps apt from upgrading it.",
    args: { name: 'The package.', selection: 'install, hold, deinstall or purge.' },
    returns: { before: "The selection before ('not present' when dpkg knows no such package)", after: 'The selection asked for' },
    examples: [{ title: 'Hold a package', args: { name: 'python3', selection: 'hold' } }],
  },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      selection: { type: 'string', enum: ['install', 'hold', 'deinstall', 'purge'] },
    },
    required: ['name', 'selection'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const p = probeSections();
    const query = ['dpkg', '--get-selections', args.name];
    const script = [
      p.header,
      p.findBinaries(['dpkg']),
      `if command -v dpkg >/dev/null 2>&1; then ${p.section('out')}; { tsible_e=$(${shellJoin(query)} 2>&1 >&3); tsible_rc=$?; } 3>&1; ${p.section('rc')}; echo $tsible_rc; ${p.section('err')}; printf '%s' "$tsible_e"; fi`,
    ].join('\n');
    const s = parseSections((await ctx.probe.exec(script)).stdout);
    const missing = missingBinary('dpkg', s);
    if (missing) return failed(missing);
    if (s.rc !== '0') return failed((s.err ?? '').trimEnd(), { cmd: shellJoin(query), rc: Number(s.rc), stdout: s.out ?? '', stderr: s.err ?? '' });
    const out = s.out ?? '';
    const current = out.trim() === '' ? 'not present' : out.trim().split(/\s+/)[1];
    const keys = { before: current, after: args.selection };
    if (current === args.selection) return ok(keys);
    if (ctx.check) return changed(keys);
    const set = await ctx.apply.exec('dpkg --set-selections', { stdin: `${args.name} ${args.selection}\n` });
    if (set.rc !== 0) return failed(set.stderr.trimEnd(), { cmd: 'dpkg --set-selections', rc: set.rc, stdout: set.stdout, stderr: set.stderr });
    return changed(keys);
  },
});
