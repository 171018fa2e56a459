import { execFile } from 'child_process';
import { accessSync, constants, mkdtempSync, readFileSync } from 'fs';
import { tmpdir } from 'os';
import { delimiter, join, resolve } from 'path';
import { main } from '../../../engine/cli/tsible-inventory';

/** Helpers to run real Ansible beside tsible on the same fixtures. */

export const FIXTURES = resolve(__dirname, '../../fixtures/inventory');

function onPath(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const file = join(dir, name);
    try {
      accessSync(file, constants.X_OK);
      return file;
    } catch {
      // not in this directory
    }
  }
  return undefined;
}

const ansibleInventoryBin = onPath('ansible-inventory');

/** `describe` when ansible-inventory is installed, `describe.skip` otherwise. */
export const describeWithAnsible = ansibleInventoryBin ? describe : describe.skip;

const home = mkdtempSync(join(tmpdir(), 'tsible-inventory-home-'));

/** An environment where no user ansible.cfg changes what either tool does, and Ansible's ~/.ansible lands in a temporary home. */
export function cleanEnv(): NodeJS.ProcessEnv {
  return { PATH: process.env.PATH, HOME: home, LANG: 'C.UTF-8' };
}

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Run ansible-inventory once per argument list, all in one Python process (Ansible starts in about a
 * second; each run after that takes a few milliseconds). Outputs and exit codes are those of separate
 * runs: the CLI's one piece of global state, its parsed arguments, is reset before each.
 */
export async function runAnsibleInventoryBatch(argLists: string[][], cwd: string): Promise<RunResult[]> {
  const script = [
    'import io, json, sys, contextlib',
    'from ansible.cli.inventory import InventoryCLI',
    'from ansible.utils.context_objects import GlobalCLIArgs',
    'out = []',
    'for args in json.load(sys.stdin):',
    '    GlobalCLIArgs._Singleton__instance = None',
    '    buf, err = io.StringIO(), io.StringIO()',
    '    code = 0',
    '    with contextlib.redirect_stdout(buf), contextlib.redirect_stderr(err):',
    '        try:',
    "            InventoryCLI.cli_executor(['ansible-inventory'] + args)",
    '        except SystemExit as e:',
    '            code = e.code',
    "    out.append({'code': code, 'stdout': buf.getvalue(), 'stderr': err.getvalue()})",
    'print(json.dumps(out))',
  ].join('\n');
  return (await runPython(script, argLists, cwd)) as RunResult[];
}

function runProcess(file: string, args: string[], cwd: string, input?: string): Promise<RunResult> {
  return new Promise((done) => {
    const child = execFile(file, args, { cwd, env: cleanEnv() }, (err, stdout, stderr) => {
      const code = err ? Number((err as { code?: unknown }).code ?? 1) : 0;
      done({ code, stdout, stderr });
    });
    if (input !== undefined) child.stdin?.end(input);
  });
}

function ansiblePython(): string {
  return readFileSync(ansibleInventoryBin as string, 'utf8').split('\n')[0].replace(/^#!\s*/, '').trim();
}

async function runPython(script: string, input: unknown, cwd: string): Promise<unknown> {
  const result = await runProcess(ansiblePython(), ['-c', script], cwd, JSON.stringify(input));
  if (result.code !== 0) throw new Error(`python failed: ${result.stderr}`);
  return JSON.parse(result.stdout);
}

/** What Ansible's INI reader makes of each value: Python's literal_eval, or the text when that fails. */
export async function pythonLiteralEval(values: string[]): Promise<unknown[]> {
  const script = [
    'import ast, json, sys',
    'def ev(v):',
    '    try:',
    '        r = ast.literal_eval(v)',
    '    except (ValueError, SyntaxError):',
    '        return v',
    '    if isinstance(r, (tuple, set)): return list(r)',
    "    if isinstance(r, bytes): return r.decode('utf-8')",
    "    if isinstance(r, complex): return {'complex': str(r)}",
    '    return r',
    'print(json.dumps([ev(v) for v in json.load(sys.stdin)]))',
  ].join('\n');
  return (await runPython(script, values, FIXTURES)) as unknown[];
}

/**
 * Run Python with Ansible's own InventoryManager: many patterns are answered in one process, in
 * Ansible's order, which `--list-hosts` of ansible-playbook does not keep.
 */
export async function ansibleGetHosts(cwd: string, sources: string[], cases: { pattern: string; limit?: string }[]): Promise<unknown[]> {
  const script = [
    'import json, sys',
    'from ansible.parsing.dataloader import DataLoader',
    'from ansible.inventory.manager import InventoryManager',
    'req = json.load(sys.stdin)',
    "im = InventoryManager(DataLoader(), sources=req['sources'])",
    'out = []',
    "for case in req['cases']:",
    "    im.subset(case.get('limit'))",
    '    try:',
    "        out.append([h.name for h in im.get_hosts(case['pattern'])])",
    '    except Exception as e:',
    "        out.append({'error': str(e)})",
    'print(json.dumps(out))',
  ].join('\n');
  return (await runPython(script, { sources, cases }, cwd)) as unknown[];
}

/** Run tsible-inventory in-process. */
export async function runTsibleInventory(args: string[], cwd: string): Promise<RunResult> {
  let stdout = '';
  let stderr = '';
  const code = await main(args, {
    cwd,
    env: cleanEnv(),
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
  });
  return { code, stdout, stderr };
}
