import { ExitCode, Origin, TsibleError } from '../errors';
import { keyWasString, originOf } from '../playbook/yaml';
import { expandHostPattern, HostRangeError } from './host-ranges';
import { InventoryData, InventoryDataError } from './inventory-data';

/**
 * YAML inventories: top-level keys are groups, each with optional `vars`, `children` (groups, nested
 * the same way) and `hosts` (host patterns mapped to their vars). Unknown keys and non-mapping values
 * are skipped with a warning, as Ansible does.
 */

type Mapping = Record<string, unknown>;

export function isMapping(v: unknown): v is Mapping {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** Fill `data` from an already loaded YAML document (see loadYamlFile). */
export function parseYamlInventory(doc: unknown, file: string, data: InventoryData, warn: (msg: string) => void): void {
  const at = (node: unknown, key?: string): Origin => originOf(node, key) ?? { file, line: 1, column: 1 };
  if (!isMapping(doc) || Object.keys(doc).length === 0) {
    throw new TsibleError(doc ? `YAML inventory has invalid structure, it should be a dictionary, got: ${typeName(doc)}` : 'Parsed empty YAML file', {
      origin: at(doc),
      exitCode: ExitCode.parserError,
    });
  }
  const parser = new GroupParser(data, warn, at);
  for (const [name, body] of Object.entries(doc)) parser.group(name, body, doc);
}

class GroupParser {
  constructor(
    private readonly data: InventoryData,
    private readonly warn: (msg: string) => void,
    private readonly at: (node: unknown, key?: string) => Origin,
  ) {}

  /** Returns the group's name, or undefined when its definition was skipped. */
  group(given: string, body: unknown, parent: Mapping): string | undefined {
    if (body !== null && !isMapping(body)) {
      this.warn(`Skipping '${given}' as this is not a valid group definition`);
      return undefined;
    }
    let name = given;
    this.guard(parent, given, () => (name = this.data.addGroup(given).name));
    if (body === null) return name;
    for (const [key, raw] of Object.entries(body)) {
      const section = ['vars', 'children', 'hosts'].includes(key) && typeof raw === 'string' ? { [raw]: null } : raw;
      if (section === null) continue;
      if (!isMapping(section)) {
        if (['vars', 'children', 'hosts'].includes(key)) {
          this.fail(`Invalid "${key}" entry for "${name}" group, requires a dictionary, found "${typeName(section)}" instead.`, body, key);
        }
        this.warn(`Skipping key (${key}) in group (${name}) as it is not a mapping, it is a ${typeName(section)}`);
      } else if (key === 'vars') {
        for (const [k, v] of Object.entries(section)) this.guard(section, k, () => this.data.setVar(name, k, v));
      } else if (key === 'children') {
        this.children(name, section);
      } else if (key === 'hosts') {
        this.hosts(name, section);
      } else {
        this.warn(`Skipping unexpected key (${key}) in group (${name}), only "vars", "children" and "hosts" are valid`);
      }
    }
    return name;
  }

  private children(parent: string, section: Mapping): void {
    for (const [child, body] of Object.entries(section)) {
      const name = this.group(child, body, section);
      if (name !== undefined) this.guard(section, child, () => this.data.addChild(parent, name));
    }
  }

  private hosts(group: string, section: Mapping): void {
    for (const [pattern, vars] of Object.entries(section)) {
      if (!keyWasString(section, pattern)) this.fail(`Host pattern ${pattern} must be a string. Enclose integers/floats in quotation marks.`, section, pattern);
      if (vars !== null && !isMapping(vars)) {
        this.fail(`Invalid data for host '${pattern}' in group '${group}': expected a dictionary of variables, got ${typeName(vars)}`, section, pattern);
      }
      let expanded: { hosts: string[]; port?: number } = { hosts: [] };
      try {
        expanded = expandHostPattern(pattern);
      } catch (err) {
        if (!(err instanceof HostRangeError)) throw err;
        this.fail(`Invalid host range in '${pattern}': ${err.message}`, section, pattern);
      }
      for (const host of expanded.hosts) {
        this.guard(section, pattern, () => this.data.addHost(host, group, expanded.port));
        for (const [k, v] of Object.entries(vars ?? {})) this.data.setVar(host, k, v);
      }
    }
  }

  private guard(node: unknown, key: string, fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      if (err instanceof InventoryDataError) this.fail(err.message, node, key);
      throw err;
    }
  }

  private fail(message: string, node: unknown, key: string): never {
    throw new TsibleError(message, { origin: this.at(node, key), exitCode: ExitCode.parserError });
  }
}

/** Python's names for types, which Ansible's messages use. */
export function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return 'dict';
}
