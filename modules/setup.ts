import { defineModule, failed, ok } from '../engine/module/define';
import { shellQuote } from '../engine/module/shell-quote';
import type { ModuleContext } from '../engine/module/types';
import { interpreterSetting } from '../engine/module/python/interpreter';
import { buildScript, localFacts, splitSections } from './_lib/facts/script';
import { filterFacts, selectCollectors } from './_lib/facts/subset';
import type { Collector, Facts } from './_lib/facts/types';

interface Args {
  gather_subset: string[];
  gather_timeout: number;
  filter: string[];
  fact_path: string;
}

/** The script for the chosen collectors, told the timeout and which Python the inventory names, if any. */
function gatherScript(ctx: ModuleContext, collectors: Collector[], args: Args): string {
  const script = buildScript(collectors.flatMap((c) => c.sections), { local: localFacts(args.fact_path) });
  const py = interpreterSetting(ctx);
  const header = [`GT=${args.gather_timeout}`, ...(!py.startsWith('auto') ? [`TSIBLE_PY=${shellQuote(py)}`] : [])];
  return `${header.join('\n')}\n${script}`;
}

/** Slow probes are cut off after gather_timeout on the host; this is the outer bound, a little later. */
const TIMEOUT_MARGIN_MS = 5000;

export default defineModule<Args>({
  name: 'setup',
  aliases: ['ansible.builtin.setup', 'ansible.legacy.setup'],
  supports: { checkMode: 'full', diff: false },
  docs: {
    short: 'Gathers facts about remote hosts',
    description: 'Runs one shell script on the host and returns what Ansible 2.14 calls ansible_facts.',
    args: {
      gather_subset: 'Subsets to gather: all, min, hardware, network, virtual, a collector or fact name; `!x` excludes (min is always gathered).',
      gather_timeout: 'Seconds the gathering may take.',
      filter: 'Only facts whose names match these fnmatch patterns (`ansible_` may be left off).',
      fact_path: 'Directory of local *.fact files (JSON, INI, or executables printing JSON).',
    },
    returns: { ansible_facts: 'The facts, each named ansible_*, plus gather_subset and module_setup.' },
    examples: [
      { title: 'Everything', args: {} },
      { title: 'Only the cheap facts, and of those only the distribution', args: { gather_subset: ['min'], filter: ['ansible_distribution*'] } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      gather_subset: { type: 'array', items: { type: 'string' }, default: ['all'] },
      gather_timeout: { type: 'integer', default: 10 },
      filter: { type: 'array', items: { type: 'string' }, default: [] },
      fact_path: { type: 'string', default: '/etc/ansible/facts.d' },
    },
    required: [],
    additionalProperties: false,
  },
  async run(ctx, args) {
    let collectors: Collector[];
    try {
      collectors = selectCollectors(args.gather_subset);
    } catch (err) {
      return failed((err as Error).message);
    }
    const r = await ctx.probe.exec(gatherScript(ctx, collectors, args), { timeoutMs: args.gather_timeout * 1000 + TIMEOUT_MARGIN_MS });
    const out = splitSections(r.stdout);
    const facts: Facts = {};
    for (const c of collectors) Object.assign(facts, c.collect(out, facts));
    // Ansible's fact namespace turns dashes into underscores (interface `br-lan` → ansible_br_lan).
    const named: Facts = Object.fromEntries(Object.entries(facts).map(([k, v]) => [`ansible_${k.replace(/-/g, '_')}`, v]));
    return ok({ ansible_facts: filterFacts({ ...named, gather_subset: args.gather_subset, module_setup: true }, args.filter) });
  },
});
