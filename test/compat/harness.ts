import { spawnSync } from 'child_process';
import { createHash } from 'crypto';
import { cpSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import { join, relative } from 'path';

/**
 * A compatibility case is a directory with `playbook.yml` and `inventory` (plus any files they use).
 * It runs under real ansible-playbook and under tsible-playbook, each in a fresh copy with its own
 * `workdir` extra var, and the two must agree on exit code, PLAY RECAP and the files left in workdir.
 * An optional `case.json` gives `{ "args": [...extra CLI args], "output": false }`.
 */
export interface CaseRun {
  code: number;
  stdout: string;
  stderr: string;
  recap: Record<string, Record<string, number>>;
  files: Record<string, string>;
  /** Banners and per-host status lines, with result JSON dropped: the output's shape. */
  shape: string[];
}

export interface CaseOptions {
  args?: string[];
  /** Compare the output's shape (default true). */
  output?: boolean;
}

export const ROOT = join(__dirname, '..', '..');
export const CASES = join(__dirname, 'cases');

export function hasAnsible(): boolean {
  return spawnSync('ansible-playbook', ['--version'], { stdio: 'ignore' }).status === 0;
}

export function caseNames(): string[] {
  return readdirSync(CASES).filter((n) => existsSync(join(CASES, n, 'playbook.yml'))).sort();
}

export function caseOptions(name: string): CaseOptions {
  const file = join(CASES, name, 'case.json');
  return existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as CaseOptions) : {};
}

const BASE_ENV = { ANSIBLE_NOCOLOR: '1', ANSIBLE_RETRY_FILES_ENABLED: '0', ANSIBLE_HOST_KEY_CHECKING: '0', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_INVENTORY_UNPARSED_WARNING: '0' };

/** Runs one case with the given command (`ansible-playbook`, or node on tsible's compiled CLI). */
export function runCase(name: string, command: string[]): CaseRun {
  const dir = mkdtempSync(join(tmpdir(), `compat-${name}-`));
  try {
    cpSync(join(CASES, name), dir, { recursive: true });
    const workdir = join(dir, 'work');
    const opts = caseOptions(name);
    const argv = [...command.slice(1), '-i', 'inventory', 'playbook.yml', '-e', `workdir=${workdir}`, ...(opts.args ?? [])];
    const r = spawnSync(command[0], argv, { cwd: dir, env: { ...process.env, ...BASE_ENV }, encoding: 'utf8', timeout: 120_000 });
    // Paths inside the case copy differ between the two runs; show them relative to it.
    const stdout = (r.stdout ?? '').split(dir).join('<case>');
    return { code: r.status ?? -1, stdout, stderr: (r.stderr ?? '').split(dir).join('<case>'), recap: parseRecap(stdout), files: listFiles(workdir, dir), shape: outputShape(stdout) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export function parseRecap(stdout: string): Record<string, Record<string, number>> {
  const recap: Record<string, Record<string, number>> = {};
  const at = stdout.lastIndexOf('PLAY RECAP');
  if (at < 0) return recap;
  for (const line of stdout.slice(at).split('\n').slice(1)) {
    const m = /^(\S+)\s+:\s+(.*)$/.exec(line);
    if (!m) continue;
    recap[m[1]] = Object.fromEntries([...m[2].matchAll(/(\w+)=(\d+)/g)].map((x) => [x[1], Number(x[2])]));
  }
  return recap;
}

function listFiles(root: string, caseDir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(root)) return out;
  const walk = (dir: string) => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      const st = lstatSync(p);
      const key = relative(root, p);
      const mode = (st.mode & 0o7777).toString(8);
      if (st.isSymbolicLink()) out[key] = `link ${readlinkSync(p).split(caseDir).join('<case>')}`;
      else if (st.isDirectory()) {
        out[key] = `dir ${mode}`;
        walk(p);
      } else out[key] = `file ${mode} ${createHash('sha1').update(readFileSync(p)).digest('hex')}`;
    }
  };
  walk(root);
  return out;
}

/**
 * Banners and status lines without their JSON, so timing and paths in results don't matter. Within one
 * task, ansible-playbook prints hosts in the order they finish, so those lines are compared sorted.
 */
export function outputShape(stdout: string): string[] {
  const lines = stdout
    .split('\n')
    .filter((l) => /^(PLAY|TASK|RUNNING HANDLER|ok:|changed:|skipping:|failed:|fatal:|included:|\.\.\.ignoring|NO MORE HOSTS)/.test(l))
    .map((l) => l.replace(/ => \{.*$/, ' => {…}').replace(/ \*+$/, ''));
  const out: string[] = [];
  let group: string[] = [];
  const flush = () => {
    out.push(...group.sort());
    group = [];
  };
  for (const line of lines) {
    if (/^(PLAY|TASK|RUNNING HANDLER|NO MORE HOSTS)/.test(line)) {
      flush();
      out.push(line);
    } else group.push(line);
  }
  flush();
  return out;
}
