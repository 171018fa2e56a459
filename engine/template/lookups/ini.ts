import { readFileSync } from 'fs';
import { TextDecoder } from 'util';
import { TsibleError } from '../../errors';
import { pyStr } from '../python';
import { CallContext } from '../scope';
import { truthy } from '../values';
import { findFile, notFound } from './files';
import { LookupFailure } from './lookup-failure';

/** `ini`: a value (or, with `re`, the values whose keys match) from an INI or Java properties file. */

const OPTIONS = ['file', 'section', 're', 'encoding', 'default', 'type', 'case_sensitive', 'allow_no_value'] as const;
const BOOLEAN_OPTIONS = ['re', 'case_sensitive', 'allow_no_value'];

/** Sections of what was read so far (Python's ConfigParser keeps them across the terms of one call). */
type Sections = Map<string, Map<string, string | null>>;

/** A term's words as Ansible splits inline options: words after `name=` continue that option's value. */
function inlineParams(term: string): string[] {
  const params = new Map<string, string>();
  const order: string[] = [];
  let current = 'key';
  term.split(/\s+/).filter(Boolean).forEach((word, i) => {
    if (word.includes('=')) for (const k of OPTIONS) if (word.includes(`${k}=`)) current = k;
    if (i === 0 || !params.get(current)) {
      params.set(current, word);
      order.push(current);
    } else params.set(current, `${params.get(current)} ${word}`);
  });
  return order.map((k) => params.get(k) ?? '');
}

/** Reads INI text as Python's ConfigParser (strict, `=` or `:`, `#`/`;` comments, indented continuation lines). */
function readIni(text: string, file: string, sections: Sections, caseSensitive: boolean, allowNoValue: boolean, origin: CallContext['opts']['origin']): void {
  let section: Map<string, string | null> | undefined;
  let sectionName = '';
  let last: { key: string; indent: number } | undefined;
  const seen = new Set<string>();
  const lines = text.split(/\r?\n/);
  lines.forEach((line, i) => {
    const indent = line.length - line.trimStart().length;
    const body = line.trim();
    if (body === '' || body.startsWith('#') || body.startsWith(';')) {
      if (body === '' && last && section && section.get(last.key) !== null) section.set(last.key, `${section.get(last.key)}\n`);
      return;
    }
    if (last && section && indent > last.indent && section.get(last.key) !== null) {
      section.set(last.key, `${section.get(last.key)}\n${body}`);
      return;
    }
    const header = /^\[(.+)\]$/.exec(body);
    if (header) {
      sectionName = header[1];
      if (seen.has(`[${sectionName}`)) throw new TsibleError(`While reading from '<???>' [line ${String(i + 1).padStart(2)}]: section '${sectionName}' already exists`, { origin });
      seen.add(`[${sectionName}`);
      section = sections.get(sectionName) ?? new Map();
      sections.set(sectionName, section);
      last = undefined;
      return;
    }
    if (!section) throw new TsibleError(`File contains no section headers.\nfile: '<???>', line: ${i + 1}\n'${line}\\n'`, { origin });
    const delim = /[=:]/.exec(body);
    if (!delim && !allowNoValue) throw new TsibleError(`Source contains parsing errors: '<???>'\n\t[line ${String(i + 1).padStart(2)}]: '${line}\\n'`, { origin });
    const rawKey = (delim ? body.slice(0, delim.index) : body).trim();
    const key = caseSensitive ? rawKey : rawKey.toLowerCase();
    if (seen.has(`${sectionName}\0${key}`)) {
      throw new LookupFailure(`Duplicate option in '${file}': While reading from '<???>' [line ${String(i + 1).padStart(2)}]: option '${key}' in section '${sectionName}' already exists`, { origin });
    }
    seen.add(`${sectionName}\0${key}`);
    section.set(key, delim ? body.slice(delim.index + 1).trim() : null);
    last = { key, indent };
  });
  for (const s of sections.values()) for (const [k, v] of s) if (v !== null) s.set(k, v.replace(/\n+$/, ''));
}

/** ConfigParser's default interpolation: `%(name)s` from the same section, `%%` for a percent sign. */
function interpolate(value: string, section: Map<string, string | null>, origin: CallContext['opts']['origin'], depth = 0): string {
  return value.replace(/%(%|\(([^)]*)\)s|.?)/g, (m, what: string, name: string | undefined) => {
    if (what === '%') return '%';
    if (name === undefined) throw new TsibleError(`'%' must be followed by '%' or '(', found: '${value.slice(value.indexOf(m))}'`, { origin });
    const ref = section.get(name.toLowerCase()) ?? section.get(name);
    if (ref === undefined || ref === null || depth > 10) throw new TsibleError(`Bad value substitution: option '${name}' references missing option`, { origin });
    return interpolate(ref, section, origin, depth + 1);
  });
}

function decode(path: string, encoding: string, origin: CallContext['opts']['origin']): string {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(encoding, { fatal: true });
  } catch {
    throw new TsibleError(`unknown encoding: ${encoding}`, { origin });
  }
  try {
    return decoder.decode(readFileSync(path));
  } catch {
    throw new TsibleError(`'${encoding}' codec can't decode ${path}`, { origin });
  }
}

export function iniLookup(terms: unknown[], kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  const origin = ctx.opts.origin;
  const params: Record<string, unknown> = { file: 'ansible.ini', section: 'global', re: false, encoding: 'utf-8', default: '', type: 'ini', case_sensitive: false, allow_no_value: false };
  for (const [k, v] of Object.entries(kw)) {
    const name = k === 'allow_none' ? 'allow_no_value' : k;
    if (!(OPTIONS as readonly string[]).includes(name)) throw new TsibleError(`${k} is not a valid option.`, { origin });
    params[name] = BOOLEAN_OPTIONS.includes(name) ? truthy(typeof v === 'string' ? ['yes', 'on', 'true', '1', 'y', 't'].includes(v.toLowerCase()) : v) : v;
  }
  const sections: Sections = new Map();
  const out: unknown[] = [];
  for (const t of terms) {
    const term = pyStr(t);
    let key = term;
    if (term.includes('=') || term.trim().includes(' ')) {
      let found = false;
      for (const param of inlineParams(term)) {
        if (param.includes('=')) {
          const parts = param.split('=');
          if (parts.length !== 2) throw new LookupFailure(`Could not use '${param}' from '${term}': too many values to unpack (expected 2)`, { origin });
          if (!(OPTIONS as readonly string[]).includes(parts[0])) throw new LookupFailure(`${parts[0]} is not a valid option.`, { origin });
          params[parts[0]] = parts[1];
        } else if (!found) {
          key = param;
          found = true;
        }
      }
      if (!found) throw new TsibleError(`No key to lookup was provided as first term with in string inline options: ${term}`, { origin });
    }
    const fileName = pyStr(params.file);
    const path = findFile(fileName, ctx, 'files') ?? notFound('ini', fileName, ctx);
    const properties = params.type === 'properties';
    if (properties) params.section = 'java_properties';
    const text = (properties ? '[java_properties]\n' : '') + decode(path, pyStr(params.encoding), origin);
    const caseSensitive = truthy(params.case_sensitive);
    readIni(text, fileName, sections, caseSensitive, truthy(params.allow_no_value), origin);
    const sectionName = pyStr(params.section);
    const section = sections.get(sectionName);
    if (!section) throw new LookupFailure(`No section '${sectionName}' in ${fileName}`, { origin });
    if (truthy(params.re)) {
      let re: RegExp;
      try {
        re = new RegExp(`^(?:${key})`);
      } catch (e) {
        throw new TsibleError(`bad regular expression ${key}: ${(e as Error).message}`, { origin });
      }
      for (const [k, v] of section) if (re.test(k)) out.push(v === null ? null : interpolate(v, section, origin));
      continue;
    }
    const value = section.get(caseSensitive ? key : key.toLowerCase());
    if (value === undefined) out.push(params.default);
    else if (value !== null) out.push(interpolate(value, section, origin));
  }
  return out;
}
