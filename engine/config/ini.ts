import { ExitCode, Origin, TsibleError } from '../errors';

/** One `key = value` of an ini file, with where its value starts. */
export interface IniValue {
  value: string;
  origin: Origin;
}

/** Sections by their exact name; keys lower-cased. `DEFAULT` entries are kept apart, as fallbacks. */
export interface IniFile {
  sections: Map<string, Map<string, IniValue>>;
  fallbacks: Map<string, IniValue>;
}

const FALLBACK_SECTION = 'DEFAULT';
const SECTION_RE = /^\[(.+)\]/;
const OPTION_RE = /^(.*?)\s*[=:]\s*(.*)$/;

interface Entry {
  lines: string[];
  origin: Origin;
}

/**
 * Parses ansible.cfg as Python's configparser does with Ansible's settings: `#`/`;` full-line comments,
 * ` ;` inline comments only (a ` #` stays in the value), `=` or `:` delimiters, values continued on
 * deeper-indented lines (blank lines kept inside), lower-cased keys, case-sensitive section names,
 * duplicate sections or keys refused.
 */
export function parseIni(text: string, file: string): IniFile {
  const sections = new Map<string, Map<string, Entry>>();
  const fallbacks = new Map<string, Entry>();
  const seenSections = new Set<string>();
  let section: Map<string, Entry> | undefined;
  let sectionName = '';
  let current: Entry | undefined;
  let indent = 0;
  const bad: number[] = [];
  const lines = text.split('\n');
  lines.forEach((raw, i) => {
    const lineNo = i + 1;
    const body = stripComment(raw);
    const content = body.trim();
    if (!content) {
      if (body === raw && current) current.lines.push('');
      return;
    }
    const lineIndent = raw.search(/\S/);
    if (section && current && lineIndent > indent) {
      current.lines.push(content);
      return;
    }
    indent = lineIndent;
    const header = SECTION_RE.exec(content);
    if (header) {
      sectionName = header[1];
      section = openSection(sectionName, sections, fallbacks, seenSections, file, lineNo);
      current = undefined;
      return;
    }
    if (!section) throw iniError(`File contains no section headers.`, file, lineNo, raw);
    const option = OPTION_RE.exec(content);
    if (!option || !option[1]) {
      bad.push(lineNo);
      current = undefined;
      return;
    }
    const key = option[1].trimEnd().toLowerCase();
    if (section.has(key)) {
      throw iniError(`option '${key}' in section '${sectionName}' already exists`, file, lineNo, raw);
    }
    const column = raw.indexOf(option[2], raw.indexOf(option[1]) + option[1].length) + 1;
    current = { lines: [option[2].trim()], origin: { file, line: lineNo, column: column || 1 } };
    section.set(key, current);
  });
  if (bad.length) {
    throw iniError(`line is neither a section header nor a 'key = value' setting`, file, bad[0], lines[bad[0] - 1]);
  }
  return { sections: mapValues(sections), fallbacks: joinEntries(fallbacks) };
}

/** Looks a key up in a section, falling back to `[DEFAULT]` as configparser does. */
export function iniGet(ini: IniFile, section: string, key: string): IniValue | undefined {
  return ini.sections.get(section)?.get(key) ?? ini.fallbacks.get(key);
}

function openSection(
  name: string,
  sections: Map<string, Map<string, Entry>>,
  fallbacks: Map<string, Entry>,
  seen: Set<string>,
  file: string,
  lineNo: number,
): Map<string, Entry> {
  if (name === FALLBACK_SECTION) return fallbacks;
  if (seen.has(name)) throw iniError(`section '${name}' already exists`, file, lineNo, `[${name}]`);
  seen.add(name);
  const section = new Map<string, Entry>();
  sections.set(name, section);
  return section;
}

/** Only `;` starts an inline comment, and only after whitespace; `#` and `;` start full-line comments. */
function stripComment(line: string): string {
  const trimmed = line.trim();
  if (trimmed.startsWith('#') || trimmed.startsWith(';')) return '';
  const inline = /(^|\s);/.exec(line);
  return inline ? line.slice(0, inline.index + inline[1].length) : line;
}

function joinEntries(entries: Map<string, Entry>): Map<string, IniValue> {
  const out = new Map<string, IniValue>();
  for (const [key, entry] of entries) out.set(key, { value: entry.lines.join('\n').trimEnd(), origin: entry.origin });
  return out;
}

function mapValues(sections: Map<string, Map<string, Entry>>): Map<string, Map<string, IniValue>> {
  return new Map([...sections].map(([name, entries]) => [name, joinEntries(entries)]));
}

function iniError(message: string, file: string, line: number, raw: string): TsibleError {
  const column = Math.max(1, raw.search(/\S/) + 1);
  return new TsibleError(`Error reading config file (${file}): ${message}`, {
    origin: { file, line, column },
    exitCode: ExitCode.badOptions,
  });
}
