import { execFileSync } from 'child_process';
import { ExitCode, TsibleError } from '../errors';
import { pythonJsonError } from '../playbook/json-error';
import { InventoryData, InventoryDataError } from './inventory-data';
import { isMapping } from './yaml';

/**
 * Inventory scripts: an executable run with `--list`, printing a JSON object of groups (each a list of
 * hosts, or `hosts`/`vars`/`children`, or just variables for a group that is its own host) and, in
 * `_meta.hostvars`, every host's variables; without `_meta` the script is asked `--host NAME` per host.
 * Run from the current directory with no timeout, as Ansible runs them.
 */
export function readInventoryScript(file: string, data: InventoryData): void {
  const listed = runScript(file, ['--list']);
  const meta = isMapping(listed._meta) ? listed._meta : undefined;
  delete listed._meta;
  const hosts = new Set<string>();
  for (const [group, body] of Object.entries(listed)) addGroup(file, data, group, body, hosts);
  const hostvars = meta && isMapping(meta.hostvars) ? meta.hostvars : undefined;
  for (const host of hosts) {
    const vars = hostvars ? hostvars[host] : runScript(file, ['--host', host]);
    if (!isMapping(vars)) continue;
    for (const [k, v] of Object.entries(vars)) data.setVar(host, k, v);
  }
}

function runScript(file: string, args: string[]): Record<string, unknown> {
  let stdout: string;
  try {
    stdout = execFileSync(file, args, { encoding: 'utf8', maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as NodeJS.ErrnoException & { stderr?: string; status?: number };
    const detail = e.status === undefined || e.status === null ? (e.code ?? e.message) : (e.stderr ?? '').trim() || `exit status ${e.status}`;
    throw new TsibleError(`Inventory script (${file}) had an execution error: ${detail}`, { exitCode: ExitCode.parserError });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(stdout);
  } catch {
    throw new TsibleError(`failed to parse executable inventory script results from ${file}: ${pythonJsonError(stdout) ?? 'invalid JSON'}`, { exitCode: ExitCode.parserError });
  }
  if (!isMapping(parsed)) throw new TsibleError(`failed to parse executable inventory script results from ${file}: needs to be a json dict`, { exitCode: ExitCode.parserError });
  return parsed;
}

function addGroup(file: string, data: InventoryData, given: string, raw: unknown, hosts: Set<string>): void {
  let group = given;
  const body = !isMapping(raw) ? { hosts: raw } : ['hosts', 'vars', 'children'].some((k) => k in raw) ? raw : { hosts: [given], vars: raw };
  const bad = (what: string) => new TsibleError(`You defined a group '${group}' with bad data for ${what}:\n ${JSON.stringify(raw)}`, { origin: { file, line: 1, column: 1 }, exitCode: ExitCode.parserError });
  try {
    group = data.addGroup(given).name;
    if ('hosts' in body) {
      if (!Array.isArray(body.hosts)) throw bad('the host list');
      for (const host of body.hosts.map(String)) {
        hosts.add(host);
        data.addHost(host, group);
      }
    }
    if ('vars' in body) {
      if (!isMapping(body.vars)) throw bad('variables');
      for (const [k, v] of Object.entries(body.vars)) data.setVar(group, k, v);
    }
    for (const child of Array.isArray(body.children) ? body.children.map(String) : []) {
      data.addChild(group, data.addGroup(child).name);
    }
  } catch (err) {
    if (err instanceof InventoryDataError) throw new TsibleError(`${file}: ${err.message}`, { exitCode: ExitCode.parserError });
    throw err;
  }
}
