import { readdirSync, readFileSync, statSync } from 'fs';
import { extname, join } from 'path';
import { ExitCode, TsibleError } from '../errors';
import { originOf, parseYaml } from '../playbook/yaml';
import { combineAll, combineVars } from '../vars/combine';
import { LOCALHOST_NAMES } from './localhost';
import { unvaultText } from '../vault/vault';
import { GroupHostVars, Inventory } from './types';
import { isMapping, typeName } from './yaml';

/**
 * group_vars/ and host_vars/ in one directory. For each name the first of `name`, `name.yml`,
 * `name.yaml`, `name.json` that exists is used; a directory is read whole, its files (YAML or JSON,
 * hidden and `~` backups skipped, subdirectories recursed) merged in sorted order.
 */

const EXTENSIONS = ['', '.yml', '.yaml', '.json'];

/**
 * The group_vars/host_vars of `dir` for the inventory's groups and hosts (and the implicit localhost),
 * read now so a broken file is reported before anything runs; groups and hosts that add_host or
 * group_by create later are looked up when first asked for.
 * Used for each inventory source's directory and, by the vars layer, for the playbook's directory.
 */
export function loadGroupHostVarsDir(
  dir: string,
  inventory: Pick<Inventory, 'groups' | 'hosts'> | VarsEntities,
  warn: (msg: string) => void = () => undefined,
): GroupHostVars {
  const hostNames = names(inventory.hosts);
  const hosts = [...hostNames, ...LOCALHOST_NAMES.filter((n) => !hostNames.includes(n))];
  return {
    groupVars: new VarsByName(join(dir, 'group_vars'), names(inventory.groups), warn),
    hostVars: new VarsByName(join(dir, 'host_vars'), hosts, warn),
  };
}

/** Group and host names, for callers that have names rather than an inventory. */
export interface VarsEntities {
  groups: Iterable<string>;
  hosts: Iterable<string>;
}

function names(entities: Iterable<string> | Map<string, unknown>): string[] {
  return entities instanceof Map ? [...entities.keys()] : [...entities];
}

/** The variables of each name in one group_vars/ or host_vars/ directory, each read once. */
class VarsByName {
  private readonly loaded = new Map<string, Record<string, unknown> | undefined>();
  private readonly exists: boolean;

  constructor(private readonly dir: string, known: Iterable<string>, warn: (msg: string) => void) {
    const kind = kindOf(dir);
    if (kind === 'file') warn(`Found ${dir.split(/[\\/]/).pop()} that is not a directory, skipping: ${dir}`);
    this.exists = kind === 'dir';
    if (!this.exists) return;
    const entries = new Set(readdirSync(dir));
    for (const name of known) this.loaded.set(name, this.load(name, entries));
  }

  get(name: string): Record<string, unknown> | undefined {
    if (!this.exists) return undefined;
    if (!this.loaded.has(name)) this.loaded.set(name, this.load(name, new Set(readdirSync(this.dir))));
    return this.loaded.get(name);
  }

  private load(name: string, entries: Set<string>): Record<string, unknown> | undefined {
    if (name.startsWith('/')) return undefined;
    const found = EXTENSIONS.map((ext) => name + ext).find((candidate) => entries.has(candidate));
    if (found === undefined) return undefined;
    const path = join(this.dir, found);
    const files = kindOf(path) === 'dir' ? varsFilesIn(path) : [path];
    let vars: Record<string, unknown> | undefined;
    for (const file of files) {
      const data = loadVarsFile(file);
      if (data) vars = combineVars(vars ?? {}, data);
    }
    return vars;
  }
}

function varsFilesIn(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir).sort()) {
    if (entry.startsWith('.') || entry.endsWith('~')) continue;
    const path = join(dir, entry);
    const ext = extname(entry);
    const kind = kindOf(path);
    if (kind === 'dir' && !ext) out.push(...varsFilesIn(path));
    else if (kind === 'file' && (!ext || EXTENSIONS.includes(ext))) out.push(path);
  }
  return out;
}

/** A vars file's mapping; undefined when the file is empty. */
export function loadVarsFile(file: string): Record<string, unknown> | undefined {
  const data = readVarsData(file);
  if (data === null || data === undefined || (isMapping(data) && !Object.keys(data).length)) return undefined;
  if (!isMapping(data)) {
    throw new TsibleError(`vars file ${file} must be a dictionary of variables, got: ${typeName(data)}`, {
      origin: originOf(data) ?? { file, line: 1, column: 1 },
      exitCode: ExitCode.parserError,
    });
  }
  return data;
}

/**
 * A play's vars_files entry: a mapping, or (as Ansible allows there only) a list of mappings combined in
 * order; an empty file holds no variables.
 */
export function loadPlayVarsFile(file: string): Record<string, unknown> {
  const data = readVarsData(file);
  if (data === null || data === undefined) return {};
  const items = Array.isArray(data) ? data : [data];
  const at = items.findIndex((item) => !isMapping(item));
  if (at >= 0) {
    throw new TsibleError(`variable files must contain either a dictionary of variables, or a list of dictionaries. Got: ${typeName(items[at])} in ${file}`, {
      origin: (Array.isArray(data) ? originOf(data, at) : undefined) ?? { file, line: 1, column: 1 },
      exitCode: ExitCode.parserError,
    });
  }
  return combineAll(items as Record<string, unknown>[]);
}

function readVarsData(file: string): unknown {
  const text = unvaultText(readFileSync(file, 'utf8'), file);
  return parseYaml(text, file);
}

function kindOf(path: string): 'file' | 'dir' | 'none' {
  try {
    const st = statSync(path);
    return st.isDirectory() ? 'dir' : 'file';
  } catch {
    return 'none';
  }
}
