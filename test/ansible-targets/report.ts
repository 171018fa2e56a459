/**
 * The results: a JSON file (every run, for tooling and for reuse of the ansible-playbook runs) and a
 * Markdown summary with numbers and target names only (no text of Ansible's tests).
 */
import { Scope } from './targets';

export interface ToolResult {
  passed: boolean;
  rc: number | null;
  timedOut: boolean;
  seconds: number;
  tasks: number;
  cause?: string;
  reason?: string;
  /** The run's output, while the work directory is kept (--keep). */
  log?: string;
}

export interface TargetResult {
  target: string;
  kind: 'script' | 'role';
  ansible?: ToolResult;
  tsible?: ToolResult;
}

export interface Results {
  meta: { date: string; ansibleRef: string; tsible: string; tsibleCommit: string; timeoutSeconds: number; jobs: number };
  scope: Scope[];
  results: TargetResult[];
}

const pct = (n: number, d: number): string => (d === 0 ? '–' : `${((100 * n) / d).toFixed(1)}%`);

export function markdown(r: Results): string {
  const phase1 = r.scope.filter((s) => s.phase === 1).length;
  const phase2 = r.scope.filter((s) => s.phase === 2).length;
  const ran = r.results.filter((t) => t.ansible && t.tsible);
  const comparable = ran.filter((t) => t.ansible?.passed);
  const waiting = (t: TargetResult) => /^issue [345]/.test(t.tsible?.cause ?? '');
  const sum = (ts: TargetResult[], f: (t: TargetResult) => number) => ts.reduce((n, t) => n + f(t), 0);
  const ansTasks = sum(comparable, (t) => t.ansible?.tasks ?? 0);
  const tsTasks = sum(comparable, (t) => Math.min(t.tsible?.tasks ?? 0, t.ansible?.tasks ?? 0));
  const ours = comparable.filter((t) => !waiting(t));
  const ourAnsTasks = sum(ours, (t) => t.ansible?.tasks ?? 0);
  const ourTsTasks = sum(ours, (t) => Math.min(t.tsible?.tasks ?? 0, t.ansible?.tasks ?? 0));
  const lines = [
    `Run ${r.meta.date}: ansible-core ${r.meta.ansibleRef} targets, tsible ${r.meta.tsibleCommit}, timeout ${r.meta.timeoutSeconds} s, -j ${r.meta.jobs}.`,
    '',
    `Scope: ${r.scope.length} targets; ${phase1} in phase 1 (local controller), ${phase2} in phase 2 (need a container host), ${r.scope.length - phase1 - phase2} out.`,
    '',
    '| | ansible-playbook | tsible |',
    '|---|---|---|',
    `| targets run | ${ran.length} | ${ran.length} |`,
    `| targets passed | ${ran.filter((t) => t.ansible?.passed).length} | ${ran.filter((t) => t.tsible?.passed).length} |`,
    `| passed, of the ${comparable.length} that pass under ansible-playbook | ${comparable.length} (100%) | ${comparable.filter((t) => t.tsible?.passed).length} (${pct(comparable.filter((t) => t.tsible?.passed).length, comparable.length)}) |`,
    `| same, without the ${comparable.filter(waiting).length} waiting for issues 3–5 | ${comparable.filter((t) => !waiting(t)).length} | ${comparable.filter((t) => !waiting(t) && t.tsible?.passed).length} (${pct(comparable.filter((t) => !waiting(t) && t.tsible?.passed).length, comparable.filter((t) => !waiting(t)).length)}) |`,
    `| tasks completed in those ${comparable.length} targets | ${ansTasks} | ${tsTasks} (${pct(tsTasks, ansTasks)}) |`,
    `| tasks completed in the ${ours.length} not waiting | ${ourAnsTasks} | ${ourTsTasks} (${pct(ourTsTasks, ourAnsTasks)}) |`,
    '',
    '## tsible failures by cause (targets that pass under ansible-playbook)',
    '',
    '| cause | targets | examples |',
    '|---|---|---|',
    ...groupBy(comparable.filter((t) => !t.tsible?.passed), (t) => t.tsible?.cause ?? 'other').map(
      ([cause, ts]) => `| ${cause} | ${ts.length} | ${ts.slice(0, 6).map((t) => t.target).join(', ')} |`,
    ),
    '',
    '## Per target',
    '',
    '| target | kind | ansible-playbook | tasks | tsible | tasks | tsible cause |',
    '|---|---|---|---|---|---|---|',
    ...r.results.map(
      (t) =>
        `| ${t.target} | ${t.kind} | ${verdict(t.ansible)} | ${t.ansible?.tasks ?? ''} | ${verdict(t.tsible)} | ${t.tsible?.tasks ?? ''} | ${t.tsible?.passed ? '' : (t.tsible?.cause ?? '')} |`,
    ),
    '',
    '## Out of scope or phase 2',
    '',
    '| why | targets |',
    '|---|---|',
    ...groupBy(r.scope.filter((s) => s.phase !== 1), (s) => (s.phase === 2 ? `phase 2: ${s.why}` : s.why)).map(
      ([why, ss]) => `| ${why} | ${ss.length} |`,
    ),
  ];
  return lines.join('\n') + '\n';
}

/**
 * The most common concrete reasons tsible failed where ansible-playbook passed, with example targets:
 * printed, not written into RESULTS.md, as a reason may quote an Ansible test's assertion.
 */
export function topReasons(r: Results, n: number): string {
  const failing = r.results.filter((t) => t.ansible?.passed && t.tsible && !t.tsible.passed);
  return groupBy(failing, (t) => `[${t.tsible?.cause}] ${t.tsible?.reason}`)
    .slice(0, n)
    .map(([reason, ts]) => `${String(ts.length).padStart(3)}  ${reason}  (${ts.slice(0, 4).map((t) => t.target).join(', ')})`)
    .join('\n');
}

function verdict(r: ToolResult | undefined): string {
  if (!r) return '';
  return r.passed ? 'pass' : r.timedOut ? 'timeout' : 'fail';
}

export function groupBy<T>(items: T[], key: (t: T) => string): [string, T[]][] {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return [...groups.entries()].sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]));
}
