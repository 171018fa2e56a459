import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { findModule } from '../../../engine/module/registry';
import { runModule } from '../../../engine/module/run';
import type { ModuleResult } from '../../../engine/module/types';
import { compatCases, CompatCase } from './ansible-compat-cases';
import { snapshotTree, writeTree } from './tree';

/**
 * The same tasks run by ansible-playbook (one batched run, json callback, --diff) and by tsible's modules,
 * each in its own twin directory; results and resulting files must agree.
 */
const hasAnsible = (() => {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

function sub<T>(value: T, dir: string): T {
  return JSON.parse(JSON.stringify(value).split('@T').join(dir)) as T;
}

function pick(result: Record<string, unknown>, path: string): unknown {
  return path.split('.').reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), result);
}

function comparable(c: CompatCase, result: Record<string, unknown>, dir: string): unknown {
  const keys = ['changed', 'failed', 'msg', ...(c.keys ?? [])];
  const picked = Object.fromEntries(keys.map((k) => [k, pick(result, k) ?? null]));
  if (picked.failed === null) picked.failed = false;
  return JSON.parse(JSON.stringify(picked).split(dir).join('@T'));
}

const checkCases = compatCases.map((c, i) => [i, c] as const).filter(([, c]) => c.check);

async function runAnsible(root: string): Promise<Record<string, unknown>[]> {
  const tasks = [
    ...compatCases.map((c, i) => ({ name: `case ${i}`, [c.module]: sub(c.args, join(root, `a${i}`)), ignore_errors: true })),
    ...checkCases.map(([i, c]) => ({ name: `check ${i}`, [c.module]: sub(c.args, join(root, `ac${i}`)), ignore_errors: true, check_mode: true })),
  ];
  const playbook = join(root, 'play.yml');
  writeFileSync(playbook, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks }]));
  const out = execFileSync('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '--diff', '-e', 'ansible_python_interpreter=/usr/bin/python3', playbook], {
    // Pipelining and a known interpreter keep the batched run to a fraction of a second per task.
    env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_PIPELINING: '1' },
    encoding: 'utf8',
  });
  const report = JSON.parse(out) as { plays: { tasks: { hosts: { localhost: Record<string, unknown> } }[] }[] };
  return report.plays[0].tasks.map((t) => t.hosts.localhost);
}

async function runTsible(c: CompatCase, dir: string, check = false): Promise<ModuleResult> {
  const mod = await findModule(c.module)!();
  try {
    return await runModule(mod, sub(c.args, dir), { connection: new LocalConnection('localhost'), diff: true, check });
  } catch (e) {
    return { changed: false, failed: true, msg: (e as Error).message };
  }
}

(hasAnsible ? describe : describe.skip)('modules agree with ansible-playbook', () => {
  let root: string;
  let ansible: Record<string, unknown>[];
  jest.setTimeout(120_000);

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'tsible-compat-'));
    for (const [i, c] of compatCases.entries()) {
      for (const side of c.check ? ['a', 't', 'ac', 'tc'] : ['a', 't']) {
        mkdirSync(join(root, `${side}${i}`));
        await writeTree(join(root, `${side}${i}`), sub(c.files ?? {}, join(root, `${side}${i}`)));
      }
    }
    ansible = await runAnsible(root);
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  const strip = (tree: object, dir: string) => JSON.parse(JSON.stringify(tree).split(dir).join('@T').replace(/"mtime":[\d.]+,?/g, '').replace(/,}/g, '}'));

  it.each(compatCases.map((c, i) => [i, c.module, JSON.stringify(c.args), c] as const))('case %i: %s %s', async (i, _m, _a, c) => {
    const [a, t] = [join(root, `a${i}`), join(root, `t${i}`)];
    const ours = await runTsible(c, t);
    expect(comparable(c, ours, t)).toEqual(comparable(c, ansible[i], a));
    expect(strip(await snapshotTree(t), t)).toEqual(strip(await snapshotTree(a), a));
  });

  it.each(checkCases.map(([i, c], n) => [i, c.module, JSON.stringify(c.args), c, n] as const))('check mode, case %i: %s %s', async (i, _m, _a, c, n) => {
    const [a, t] = [join(root, `ac${i}`), join(root, `tc${i}`)];
    const before = strip(await snapshotTree(t), t);
    const ours = await runTsible(c, t, true);
    const theirs = ansible[compatCases.length + n];
    const verdict = (r: Record<string, unknown>) => ({ changed: r.changed, failed: r.failed ?? false, skipped: r.skipped ?? false });
    expect(verdict(ours)).toEqual(verdict(theirs));
    expect(strip(await snapshotTree(t), t)).toEqual(before);
    expect(strip(await snapshotTree(a), a)).toEqual(before);
  });
});
