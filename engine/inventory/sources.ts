import { accessSync, constants, existsSync, readdirSync, readFileSync, statSync } from 'fs';
import { homedir } from 'os';
import { dirname, extname, join, resolve } from 'path';
import { ExitCode, TsibleError } from '../errors';
import { parseYaml } from '../playbook/yaml';
import { unvaultText } from '../vault/vault';
import { EnabledPlugins } from './enabled-plugins';
import { HostListError, readAdvancedHostList, readHostList, VerboseSink } from './host-list';
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

export interface SourceContext {
  warn: (msg: string) => void;
  verbose: VerboseSink;
  /** Files configuring an inventory plug-in, prepared beforehand (see preparePluginSources). */
  plugins?: PreparedPlugins;
  enabled: EnabledPlugins;
  /** A source nothing could read: a warning, or the end of the run under INVENTORY_ANY_UNPARSED_IS_FAILED. */
  unparsed: (source: string) => void;
}

/** Read one source into `data`; false when nothing could be read from it. */
export function readSource(source: ResolvedSource, data: InventoryData, ctx: SourceContext): boolean {
  return source.hostList ? readHostListSource(source.path, data, ctx) : readPath(source.path, data, ctx);
}

/** The files a path source stands for: itself, or a directory's files (recursively, sorted, ignored ones skipped). */
export function sourceFiles(path: string): string[] {
  if (!statSync(path).isDirectory()) return [path];
  return dirEntries(path).flatMap(sourceFiles);
}

function dirEntries(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .filter((entry) => !IGNORED_NAMES.test(entry) && !IGNORED_EXTENSIONS.some((ext) => entry.endsWith(ext)))
    .map((entry) => join(dir, entry));
}

function readPath(source: string, data: InventoryData, ctx: SourceContext): boolean {
  if (!existsSync(source)) {
    // The built-in default is not worth a warning when it is absent, only when it is unreadable.
    if (source !== DEFAULT_INVENTORY) ctx.unparsed(source);
    return false;
  }
  if (statSync(source).isDirectory()) {
    // A directory is read when any entry is; one with nothing readable (an empty one) is itself unparsed.
    let parsed = false;
    for (const entry of dirEntries(source)) parsed = readPath(entry, data, ctx) || parsed;
    if (!parsed) ctx.unparsed(source);
    return parsed;
  }
  data.currentSource = source;
  try {
    return readFile(source, data, ctx);
  } finally {
    data.currentSource = undefined;
  }
}

/** A value with a comma goes to the enabled host-list readers in order; the first that reads it wins. */
function readHostListSource(source: string, data: InventoryData, ctx: SourceContext): boolean {
  const failures: string[] = [];
  data.currentSource = source;
  try {
    for (const reader of ctx.enabled.hostListReaders()) {
      try {
        (reader === 'advanced_host_list' ? readAdvancedHostList : readHostList)(source, data, ctx.verbose);
        return true;
      } catch (err) {
        if (!(err instanceof HostListError)) throw err;
        failures.push(` * Failed to parse ${source} with ${reader} plugin: ${err.message}`);
      }
    }
  } finally {
    data.currentSource = undefined;
  }
  failures.forEach(ctx.warn);
  ctx.unparsed(source);
  return false;
}

/**
 * A file goes to the reader its content calls for. When enable_plugins leaves that reader out, the
 * file is not read: Ansible's other readers would refuse it too.
 */
function readFile(file: string, data: InventoryData, ctx: SourceContext): boolean {
  const { warn, plugins, enabled } = ctx;
  const unread = (): boolean => {
    ctx.unparsed(file);
    return false;
  };
  const text = unvaultText(readFileSync(file, 'utf8'), file);
  if (isScript(file, text)) {
    if (!enabled.has('script')) return unread();
    readInventoryScript(file, data);
    return true;
  }
  const ext = extname(file);
  if (ext && !YAML_EXTENSIONS.includes(ext)) {
    if (!enabled.has('ini')) return unread();
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
      if (!enabled.readsPluginFile(String(doc.plugin))) return unread();
      const prepared = plugins?.get(file);
      if (prepared) return prepared.populate(data, warn);
      rejectPythonPlugin(file, String(doc.plugin));
      warn(`Skipping ${file}: inventory plugin '${String(doc.plugin)}' is not supported`);
      return false;
    }
    if (!enabled.has('yaml')) return unread();
    parseYamlInventory(doc, file, data, warn);
    return true;
  }
  if (!enabled.has('ini')) return unread();
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
