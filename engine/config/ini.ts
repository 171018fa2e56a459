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

/**
 * Parses ansible.cfg as Python's configparser does with Ansible's settings: `#`/`;` full-line comments,
 * ` ;` inline comments only (a ` #` stays in the value), `=` or `:` delimiters, values continued on
 * deeper-indented lines (blank lines kept inside), lower-cased keys, case-sensitive section names,
 * duplicate sections or keys refused.
 */
export function parseIni(text: string, file: string): IniFile {
  const reader = new IniReader(file);
  text.split('\n').forEach((raw, i) => reader.line(raw, i + 1));
  return reader.result();
}

/** Looks a key up in a section, falling back to `[DEFAULT]` as configparser does. */
export function iniGet(ini: IniFile, section: string, key: string): IniValue | undefined {
  return ini.sections.get(section)?.get(key) ?? ini.fallbacks.get(key);
}

interface Entry {
  lines: string[];
  origin: Origin;
}

class IniReader {
  private readonly sections = new Map<string, Map<string, Entry>>();
  private readonly fallbacks = new Map<string, Entry>();
  private section?: { name: string; entries: Map<string, Entry> };
  /** The value being read, which deeper-indented lines continue. */
  private current?: Entry;
  private indent = 0;

  constructor(private readonly file: string) {}

  line(raw: string, lineNo: number): void {
    const body = stripComment(raw);
    const content = body.trim();
    if (!content) {
      // A blank line may sit inside a value; a comment line may not add one.
      if (body === raw) this.current?.lines.push('');
      return;
    }
    const indent = raw.search(/\S/);
    if (this.current && indent > this.indent) {
      this.current.lines.push(content);
      return;
    }
    this.indent = indent;
    const header = SECTION_RE.exec(content);
    if (header) this.openSection(header[1], lineNo, raw);
    else this.option(content, lineNo, raw);
  }

  result(): IniFile {
    const sections = new Map([...this.sections].map(([name, entries]) => [name, joinEntries(entries)]));
    return { sections, fallbacks: joinEntries(this.fallbacks) };
  }

  private openSection(name: string, lineNo: number, raw: string): void {
    this.current = undefined;
    if (name === FALLBACK_SECTION) {
      this.section = { name, entries: this.fallbacks };
      return;
    }
    if (this.sections.has(name)) throw this.error(`section '${name}' already exists`, lineNo, raw);
    this.section = { name, entries: new Map() };
    this.sections.set(name, this.section.entries);
  }

  private option(content: string, lineNo: number, raw: string): void {
    if (!this.section) throw this.error('File contains no section headers.', lineNo, raw);
    const option = OPTION_RE.exec(content);
    if (!option || !option[1]) throw this.error(`'${content}' is neither a [section] nor a 'key = value' line`, lineNo, raw);
    const [, name, value] = option;
    const key = name.trimEnd().toLowerCase();
    if (this.section.entries.has(key)) {
      throw this.error(`option '${key}' in section '${this.section.name}' already exists`, lineNo, raw);
    }
    const column = raw.indexOf(value, raw.indexOf(name) + name.length) + 1;
    this.current = { lines: [value.trim()], origin: { file: this.file, line: lineNo, column: column || 1 } };
    this.section.entries.set(key, this.current);
  }

  private error(message: string, line: number, raw: string): TsibleError {
    return new TsibleError(`Error reading config file (${this.file}): ${message}`, {
      origin: { file: this.file, line, column: Math.max(1, raw.search(/\S/) + 1) },
      exitCode: ExitCode.badOptions,
    });
  }
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
