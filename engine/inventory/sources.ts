import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { homedir } from 'os';
import { dirname, extname, join, resolve } from 'path';
import { ExitCode, TsibleError } from '../errors';
import { parseYaml } from '../playbook/yaml';
import { unvaultText } from '../vault/vault';
import { parseAddress } from './host-ranges';
import { parseIni } from './ini';
import { readInventoryScript } from './script';
import { InventoryData } from './inventory-data';
import type { PreparedPlugins } from './plugins/types';
import { isMapping, parseYamlInventory } from './yaml';

/**
 * Turning `-i` values into hosts and groups: a comma-separated host list, a file (YAML when its
 * extension says so or its content is a mapping, INI otherwise), or a directory of such files.
 */

const DEFAULT_INVENTORY = '/etc/ansible/hosts';
const YAML_EXTENSIONS = ['.yml', '.yaml', '.json'];
/** Files a directory inventory skips, as Ansible's default inventory_ignore_extensions. */
const IGNORED_EXTENSIONS = ['.pyc', '.pyo', '.swp', '.bak', '~', '.rpm', '.md', '.txt', '.rst', '.orig', '.ini', '.cfg', '.retry'];
const IGNORED_NAMES = /^\.|^host_vars$|^group_vars$|^vars_plugins$/;

export interface ResolvedSource {
  /** Absolute and `~` expanded for a path; as given for a host list. */
  path: string;
  /** A comma in a value that is not a path makes it a host list (`-i web1,web2,`). */
  hostList: boolean;
}

export function resolveSource(source: string, cwd: string): ResolvedSource {
  const expanded = source === '~' || source.startsWith('~/') ? join(homedir(), source.slice(1)) : source;
  const path = resolve(cwd, expanded);
  if (source.includes(',') && !existsSync(path)) return { path: source, hostList: true };
  return { path, hostList: false };
}

/**
 * Read one source into `data`; false when nothing could be read from it. Files configuring an
 * inventory plug-in are read from `plugins`, prepared beforehand (see preparePluginSources).
 */
export function readSource(source: ResolvedSource, data: InventoryData, warn: (msg: string) => void, plugins?: PreparedPlugins): boolean {
  return source.hostList ? readHostList(source.path, data) : readPath(source.path, data, warn, plugins);
}

/** The files a path source stands for: itself, or a directory's files (recursively, sorted, ignored ones skipped). */
export function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return readdirSync(path)
    .sort()
    .filter((entry) => !IGNORED_NAMES.test(entry) && !IGNORED_EXTENSIONS.some((ext) => entry.endsWith(ext)))
    .flatMap((entry) => sourceFiles(join(path, entry)));
}

function readPath(source: string, data: InventoryData, warn: (msg: string) => void, plugins?: PreparedPlugins): boolean {
  if (!existsSync(source)) {
    // The built-in default is not worth a warning when it is absent, only when it is unreadable.
    if (source !== DEFAULT_INVENTORY) warn(`Unable to parse ${source} as an inventory source`);
    return false;
  }
  let parsed = false;
  for (const file of sourceFiles(source)) {
    data.currentSource = file;
    try {
      parsed = readFile(file, data, warn, plugins) || parsed;
    } finally {
      data.currentSource = undefined;
    }
  }
  return parsed;
}

function readHostList(source: string, data: InventoryData): boolean {
  data.currentSource = source;
  for (const item of source.split(',').map((s) => s.trim())) {
    if (!item) continue;
    const parsed = parseAddress(item);
    const name = parsed && !parsed.host.includes('[') ? parsed.host : item;
    if (!data.hosts.has(name)) data.addHost(name, 'ungrouped', parsed?.port);
  }
  data.currentSource = undefined;
  return true;
}

function readFile(file: string, data: InventoryData, warn: (msg: string) => void, plugins?: PreparedPlugins): boolean {
  const text = unvaultText(readFileSync(file, 'utf8'), file);
  if (isScript(file, text)) {
    readInventoryScript(file, data);
    return true;
  }
  const ext = extname(file);
  if (ext && !YAML_EXTENSIONS.includes(ext)) {
    parseIni(text, file, data);
    return true;
  }
  let doc: unknown;
  let yamlError: unknown;
  try {
    doc = parseYaml(text, file);
  } catch (err) {
    yamlError = err;
  }
  if (yamlError === undefined && isMapping(doc) && Object.keys(doc).length) {
    if ('plugin' in doc) {
      const prepared = plugins?.get(file);
      if (prepared) return prepared.populate(data, warn);
      rejectPythonPlugin(file, String(doc.plugin));
      warn(`Skipping ${file}: inventory plugin '${String(doc.plugin)}' is not supported`);
      return false;
    }
    parseYamlInventory(doc, file, data, warn);
    return true;
  }
  // Ansible tries its INI reader on whatever its YAML reader rejected; the error worth showing is the
  // one for the format the file claims by its extension.
  try {
    parseIni(text, file, data);
    return true;
  } catch (iniError) {
    if (!ext || !(iniError instanceof TsibleError)) throw iniError;
    if (yamlError) throw yamlError;
    // Throws why the document is not a YAML inventory (empty, or not a mapping).
    parseYamlInventory(doc, file, data, warn);
    return true;
  }
}

/**
 * A plug-in written in Python beside the inventory (inventory_plugins/NAME.py) is what the file was
 * written for, so skipping it would give another inventory than Ansible's: that stops the run.
 */
function rejectPythonPlugin(file: string, plugin: string): void {
  const py = join(dirname(file), 'inventory_plugins', `${plugin.split('.').pop() ?? plugin}.py`);
  if (existsSync(py)) {
    throw new TsibleError(`unsupported: Python inventory plugin '${plugin}' (${py}): tsible cannot run Python plugins`, {
      origin: { file, line: 1, column: 1 },
      exitCode: ExitCode.parserError,
    });
  }
}

function isScript(file: string, text: string): boolean {
  if (!text.startsWith('#!')) return false;
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}
