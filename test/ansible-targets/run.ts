/**
 * Runs Ansible's own integration targets with ansible-playbook and with tsible, side by side.
 * See README.md.   node scripts/run-ts.js test/ansible-targets/run.ts [options]
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join, resolve } from 'path';
import { classify } from './classify';
import { countTasks } from './count';
import { injector, RunContext, RunOutput, runTarget, Tool, tsibleShims } from './execute';
import { markdown, Results, TargetResult, ToolResult, topReasons } from './report';
import { checkSource, DEFAULT_MIRROR, DEFAULT_REF, extractSource } from './source';
import { readTargets, scopeOf, Target } from './targets';

interface Options {
  tsible: string;
  ansibleSrc?: string;
  mirror: string;
  ref: string;
  targets?: string[];
  phase: 1 | 2;
  jobs: number;
  timeout: number;
  verbosity: number;
  tools: ('ansible' | 'tsible')[];
  reuseAnsible?: string;
  json: string;
  markdown?: string;
  keep: boolean;
  reclassify?: string;
  budgetMinutes?: number;
  update: boolean;
}

const USAGE = `usage: node scripts/run-ts.js test/ansible-targets/run.ts [options]
  --tsible DIR          tsible checkout with a built dist/ (default: this repository)
  --ansible-src DIR     ansible-core source tree (default: test/ of --ref extracted from --mirror)
  --mirror DIR          git mirror of ansible/ansible (default ${DEFAULT_MIRROR})
  --ref REF             tag to extract (default ${DEFAULT_REF})
  --targets a,b,…       only these targets (default: every target of the phase)
  --phase 1|2           1: local controller (default); 2: a fresh container test host per target and tool
  -j N                  targets run in parallel (default 2)
  --timeout S           per target and tool, seconds (default 300)
  -v N                  verbosity passed to runme.sh / ansible-playbook (default 0)
  --tools a,b           ansible,tsible (default both)
  --reuse-ansible F,…   take ansible-playbook's results from earlier JSON files instead of running it
                        (a later file wins for a target, unless its run timed out and an earlier one did not)
  --json FILE           results file (default ansible-targets-results.json in the current directory)
  --markdown FILE       also write the Markdown summary there
  --keep                keep the work directory (logs: <work>/<tool>/<target>-*/output.log)
  --budget MIN          start no target after MIN minutes: the targets run in a fixed shuffled order,
                        so the ones that ran are a sample of the phase
  --update              rerun the --targets given and replace their entries in the existing --json file
  --reclassify FILE     recount tasks and causes in FILE from its kept logs (and --markdown), run nothing`;

function parseOptions(argv: string[]): Options {
  const o: Options = {
    tsible: resolve(__dirname, '../..'),
    mirror: DEFAULT_MIRROR,
    ref: DEFAULT_REF,
    phase: 1,
    jobs: 2,
    timeout: 300,
    verbosity: 0,
    tools: ['ansible', 'tsible'],
    json: resolve('ansible-targets-results.json'),
    keep: false,
    update: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${argv[i - 1]} needs a value\n${USAGE}`);
      return v;
    };
    const flag = argv[i];
    if (flag === '--tsible') o.tsible = resolve(next());
    else if (flag === '--ansible-src') o.ansibleSrc = resolve(next());
    else if (flag === '--mirror') o.mirror = resolve(next());
    else if (flag === '--ref') o.ref = next();
    else if (flag === '--targets') o.targets = next().split(',');
    else if (flag === '--phase') o.phase = next() === '2' ? 2 : 1;
    else if (flag === '-j') o.jobs = Number(next());
    else if (flag === '--timeout') o.timeout = Number(next());
    else if (flag === '-v') o.verbosity = Number(next());
    else if (flag === '--tools') o.tools = next().split(',') as Options['tools'];
    else if (flag === '--reuse-ansible') o.reuseAnsible = next().split(',').map((f) => resolve(f)).join(',');
    else if (flag === '--json') o.json = resolve(next());
    else if (flag === '--markdown') o.markdown = resolve(next());
    else if (flag === '--keep') o.keep = true;
    else if (flag === '--reclassify') o.reclassify = resolve(next());
    else if (flag === '--budget') o.budgetMinutes = Number(next());
    else if (flag === '--update') o.update = true;
    else throw new Error(`unknown option ${flag}\n${USAGE}`);
  }
  return o;
}

function toolResult(out: RunOutput, keep: boolean, reference: string, target: string): ToolResult {
  const r: ToolResult = { passed: out.rc === 0 && !out.timedOut, rc: out.rc, timedOut: out.timedOut, seconds: Math.round(out.seconds), tasks: 0 };
  if (keep) r.log = out.logPath;
  return judge(r, out.output, reference, target);
}

const logOf = (r: ToolResult | undefined): string => (r?.log && existsSync(r.log) ? readFileSync(r.log, 'utf8') : '');

/** Tasks completed and, for a failure, its cause: from the output, so that --reclassify can redo it. */
function judge(r: ToolResult, output: string, reference: string, target: string): ToolResult {
  const judged: ToolResult = { ...r, tasks: countTasks(output).completed, cause: undefined, reason: undefined };
  if (!r.passed) Object.assign(judged, classify(output, r.timedOut, r.rc, reference, target));
  return judged;
}

/** Recomputes tasks and causes of an earlier run whose logs were kept, after a change to count.ts or classify.ts. */
function reclassify(file: string, markdownFile: string | undefined): void {
  const results = JSON.parse(readFileSync(file, 'utf8')) as Results;
  for (const entry of results.results) {
    const reference = logOf(entry.ansible);
    for (const tool of ['ansible', 'tsible'] as const) {
      const r = entry[tool];
      if (r?.log && existsSync(r.log)) entry[tool] = judge(r, logOf(r), tool === 'tsible' ? reference : '', entry.target);
    }
  }
  writeFileSync(file, JSON.stringify(results, null, 1) + '\n');
  if (markdownFile) writeFileSync(markdownFile, markdown(results));
  console.log(markdown(results).split('\n## Per target')[0]);
  console.log(`Top reasons:\n${topReasons(results, 20)}`);
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  if (o.reclassify) return reclassify(o.reclassify, o.markdown);
  const work = mkdtempSync(join(tmpdir(), 'tsible-ansible-targets-'));
  const src = o.ansibleSrc ?? extractSource(o.mirror, o.ref, join(work, 'ansible'));
  checkSource(src);
  const targets = readTargets(join(src, 'test/integration/targets'));
  const all = new Map(targets.map((t) => [t.name, t]));
  const scope = targets.map(scopeOf);
  const inPhase = scope.filter((s) => s.phase === o.phase).map((s) => all.get(s.name) as Target);
  const selected = o.targets ? inPhase.filter((t) => o.targets?.includes(t.name)) : inPhase;
  const reused = o.reuseAnsible ? reusedAnsibleRuns(o.reuseAnsible.split(',')) : null;
  const tools: Tool[] = o.tools.map((name) => (name === 'tsible' ? { name, binDir: tsibleShims(o.tsible, join(work, 'bin')) } : { name }));
  const ctx: RunContext = { src, all, workDir: work, timeoutSeconds: o.timeout, verbosity: o.verbosity, injectorDir: injector(src, join(work, 'injector')), remote: o.phase === 2 };
  const results: Results = {
    meta: {
      date: new Date().toISOString().slice(0, 16).replace('T', ' '),
      ansibleRef: o.ansibleSrc ? o.ansibleSrc : o.ref,
      tsible: o.tsible,
      tsibleCommit: execFileSync('git', ['-C', o.tsible, 'rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim(),
      timeoutSeconds: o.timeout,
      jobs: o.jobs,
    },
    scope,
    results: o.update ? (JSON.parse(readFileSync(o.json, 'utf8')) as Results).results : [],
  };
  console.log(`${scope.length} targets, ${inPhase.length} in phase ${o.phase}; running ${selected.length} (work dir ${work})`);
  const queue = shuffled(selected);
  const stopAt = o.budgetMinutes === undefined ? Infinity : Date.now() + o.budgetMinutes * 60_000;
  const worker = async (): Promise<void> => {
    for (let t = queue.shift(); t && Date.now() < stopAt; t = queue.shift()) {
      const entry: TargetResult = { target: t.name, kind: t.kind };
      if (reused?.get(t.name)) entry.ansible = reused.get(t.name);
      let reference = logOf(entry.ansible);
      for (const tool of tools) {
        const out = await runTarget(ctx, t, tool);
        entry[tool.name] = toolResult(out, o.keep, tool.name === 'tsible' ? reference : '', t.name);
        if (tool.name === 'ansible') reference = out.output;
      }
      results.results = [...results.results.filter((r) => r.target !== entry.target), entry];
      results.results.sort((a, b) => a.target.localeCompare(b.target));
      writeFileSync(o.json, JSON.stringify(results, null, 1) + '\n');
      console.log(line(entry, results.results.length, selected.length));
    }
  };
  await Promise.all(Array.from({ length: o.jobs }, worker));
  if (o.markdown) writeFileSync(o.markdown, markdown(results));
  console.log(markdown(results).split('\n## Per target')[0]);
  console.log(`Top reasons:\n${topReasons(results, 20)}`);
  if (!o.keep) rmSync(work, { recursive: true, force: true });
}

/** The same order on every run (a fixed-seed Fisher–Yates), so that any prefix is a sample of the whole. */
/** ansible-playbook's runs from earlier result files, merged: a run that timed out never replaces one that finished. */
function reusedAnsibleRuns(files: string[]): Map<string, ToolResult> {
  const runs = new Map<string, ToolResult>();
  for (const file of files) {
    for (const r of (JSON.parse(readFileSync(file, 'utf8')) as Results).results) {
      const before = runs.get(r.target);
      if (r.ansible && !(r.ansible.timedOut && before && !before.timedOut)) runs.set(r.target, r.ansible);
    }
  }
  return runs;
}

function shuffled<T>(items: T[]): T[] {
  const out = [...items];
  let seed = 14;
  const random = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

function line(e: TargetResult, done: number, total: number): string {
  const show = (name: string, r: ToolResult | undefined) =>
    r ? `${name} ${r.passed ? 'pass' : r.timedOut ? 'TIMEOUT' : 'FAIL'} ${r.tasks} tasks ${r.seconds}s` : '';
  const cause = e.tsible && !e.tsible.passed ? `  [${e.tsible.cause}] ${e.tsible.reason}` : '';
  return `[${done}/${total}] ${e.target.padEnd(40)} ${show('ansible', e.ansible).padEnd(32)} ${show('tsible', e.tsible)}${cause}`;
}

main().catch((err: Error) => {
  console.error(err.message);
  process.exitCode = 2;
});
