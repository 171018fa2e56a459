import { ExitCode, TsibleError } from '../errors';
import { expandHostPattern, HostRangeError } from './host-ranges';
import { InventoryData, InventoryDataError } from './inventory-data';
import { parsePythonLiteral } from './python-literal';
import { ShlexError, shlexSplit } from './shlex';

/**
 * INI inventories: `[group]` host lines with inline `key=value` vars, `[group:vars]`, `[group:children]`
 * (children may be declared before the group exists), ranges and `host:port`. Values are Python
 * literals where they parse as one (`1`, `True`, `[1, 2]`) and strings otherwise.
 */

const SECTION = /^\[([^:\]\s]+)(?::(\w+))?\]\s*(?:#.*)?$/;
const GROUP_NAME = /^([^:\]\s]+)\s*(?:#.*)?$/;

interface Pending {
  line: number;
  column: number;
  state: 'vars' | 'children';
  parents: string[];
}

export function parseIni(text: string, file: string, data: InventoryData): void {
  new IniParser(file, data).parse(text.split(/\r\n|\r|\n/));
}

class IniParser {
  private lineNo = 0;
  private column = 1;
  private readonly pending = new Map<string, Pending>();

  constructor(
    private readonly file: string,
    private readonly data: InventoryData,
  ) {}

  parse(lines: string[]): void {
    let group = 'ungrouped';
    let state = 'hosts';
    for (const raw of lines) {
      this.lineNo++;
      const line = raw.trim();
      this.column = raw.length - raw.trimStart().length + 1;
      if (!line || line[0] === '#' || line[0] === ';') continue;
      const section = SECTION.exec(line);
      if (section) {
        // Ansible applies TRANSFORM_INVALID_GROUP_CHARS to section names only, not to `[x:children]` lines.
        [group, state] = [this.data.groupName(section[1]), section[2] ?? 'hosts'];
        this.enterSection(group, state);
      } else if (line.startsWith('[') && line.endsWith(']')) {
        this.fail(`Invalid section entry: '${line}'. Please make sure that there are no spaces in the section entry, and that there are no other invalid characters`);
      } else if (state === 'hosts') {
        this.hostLine(line, group);
      } else if (state === 'vars') {
        this.varLine(line, group);
      } else {
        this.childLine(line, group);
      }
    }
    this.checkPending();
  }

  private enterSection(group: string, state: string): void {
    if (!['hosts', 'children', 'vars'].includes(state)) this.fail(`Section [${group}:${state}] has unknown type: ${state}`);
    if (!this.data.groups.has(group)) {
      if (state === 'vars' && !this.pending.has(group)) this.pending.set(group, { line: this.lineNo, column: this.column, state, parents: [] });
      this.guard(() => this.data.addGroup(group));
    }
    const pending = this.pending.get(group);
    if (pending && state !== 'vars') {
      if (pending.state === 'children') this.resolvePending(group);
      else this.pending.delete(group);
    }
  }

  /** A group named in `[x:children]` before it was defined is attached to its parents once it is. */
  private resolvePending(group: string): void {
    const pending = this.pending.get(group) as Pending;
    for (const parent of pending.parents) {
      this.guard(() => this.data.addChild(parent, group));
      if (this.pending.get(parent)?.state === 'children') this.resolvePending(parent);
    }
    this.pending.delete(group);
  }

  private checkPending(): void {
    for (const [name, p] of this.pending) {
      this.lineNo = p.line;
      this.column = p.column;
      if (p.state === 'vars') this.fail(`Section [${name}:vars] not valid for undefined group: ${name}`);
      this.fail(`Section [${p.parents[p.parents.length - 1]}:children] includes undefined group: ${name}`);
    }
  }

  private hostLine(line: string, group: string): void {
    let tokens: string[];
    try {
      tokens = shlexSplit(line);
    } catch (err) {
      if (!(err instanceof ShlexError)) throw err;
      this.fail(`Error parsing host definition '${line}': ${err.message}`);
    }
    const pattern = tokens[0];
    if (pattern === undefined) return;
    const vars: Record<string, unknown> = {};
    for (const token of tokens.slice(1)) {
      const eq = token.indexOf('=');
      if (eq < 0) this.fail(`Expected key=value host variable assignment, got: ${token}`, line.indexOf(token));
      vars[token.slice(0, eq)] = parsePythonLiteral(token.slice(eq + 1));
    }
    const { hosts, port } = this.expand(pattern);
    for (const name of hosts) {
      this.guard(() => this.data.addHost(name, group, port));
      for (const [k, v] of Object.entries(vars)) this.data.setVar(name, k, v);
    }
  }

  private expand(pattern: string): { hosts: string[]; port?: number } {
    let result: { hosts: string[]; port?: number } = { hosts: [] };
    try {
      result = expandHostPattern(pattern);
    } catch (err) {
      if (!(err instanceof HostRangeError)) throw err;
      this.fail(`Invalid host range in '${pattern}': ${err.message}`);
    }
    if (pattern.trim().endsWith(':') && result.port === undefined) {
      this.fail(`Invalid host pattern '${pattern}' supplied, ending in ':' is not allowed, this character is reserved to provide a port.`);
    }
    if (result.hosts.some((h) => h.trim() === '---')) {
      this.fail(`Invalid host pattern '${pattern}' supplied, '---' is normally a sign this is a YAML file.`);
    }
    return result;
  }

  private varLine(line: string, group: string): void {
    const eq = line.indexOf('=');
    if (eq < 0) this.fail(`Expected key=value, got: ${line}`);
    this.guard(() => this.data.setVar(group, line.slice(0, eq).trim(), parsePythonLiteral(line.slice(eq + 1).trim())));
  }

  private childLine(line: string, group: string): void {
    const m = GROUP_NAME.exec(line);
    if (!m) this.fail(`Expected group name, got: ${line}`);
    const child = m[1];
    if (this.data.groups.has(child)) {
      this.guard(() => this.data.addChild(group, child));
      return;
    }
    const pending = this.pending.get(child);
    if (pending) pending.parents.push(group);
    else this.pending.set(child, { line: this.lineNo, column: this.column, state: 'children', parents: [group] });
  }

  /** Structural errors from the inventory data, reported at the line that caused them. */
  private guard(fn: () => unknown): void {
    try {
      fn();
    } catch (err) {
      if (err instanceof InventoryDataError) this.fail(err.message);
      throw err;
    }
  }

  private fail(message: string, offset = 0): never {
    throw new TsibleError(message, {
      origin: { file: this.file, line: this.lineNo, column: this.column + Math.max(0, offset) },
      exitCode: ExitCode.parserError,
    });
  }
}
