import * as fs from 'fs';
import * as path from 'path';
import { unquote } from '../config/coerce';
import { ExitCode, Origin, TsibleError } from '../errors';
import { originOf, parseYaml } from '../playbook/yaml';

/** The merged -e variables, and for each top-level name that came from an @file, where it was set. */
export interface ExtraVars {
  vars: Record<string, unknown>;
  origins: Record<string, Origin>;
}

/**
 * Reads each -e as Ansible does: `@file` (JSON or YAML), inline `{…}`/`[…]` JSON or YAML, else `key=value` pairs
 * with shell-like quoting (values stay strings; bare words gather in `_raw_params`). Later -e win per
 * top-level name; nested mappings are replaced, not merged (Ansible's default hash_behaviour).
 */
export function parseExtraVars(values: string[], cwd = process.cwd()): ExtraVars {
  const result: ExtraVars = { vars: {}, origins: {} };
  for (const value of values) {
    if (!value) continue;
    const shown = value.startsWith('@') ? `@${path.resolve(cwd, value.slice(1))}` : value;
    const { data, positions } = readOne(value, cwd);
    if (data === null || typeof data !== 'object' || Array.isArray(data)) {
      throw new TsibleError(`Invalid extra vars data supplied. '${shown}' could not be made into a dictionary`, {
        exitCode: ExitCode.badOptions,
      });
    }
    for (const [key, v] of Object.entries(data)) {
      result.vars[key] = v;
      const origin = originOf(positions, key);
      if (origin) result.origins[key] = origin;
      else delete result.origins[key];
    }
  }
  return result;
}

/** A -e value's data, and (for files) a YAML-loaded twin whose keys know their line and column. */
interface Loaded {
  data: unknown;
  positions?: unknown;
}

function readOne(value: string, cwd: string): Loaded {
  if (value.startsWith('@')) return readFile(path.resolve(cwd, value.slice(1)));
  if (value.startsWith('/') || value.startsWith('.')) {
    throw new TsibleError(`Please prepend extra_vars filename '${value}' with '@'`, { exitCode: ExitCode.badOptions });
  }
  if (value.startsWith('{') || value.startsWith('[')) return { data: jsonOrYaml(value, '<extra vars>').data };
  return { data: parseKeyValues(value) };
}

function readFile(file: string): Loaded {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch {
    throw new TsibleError(`Unable to retrieve file contents\nCould not find or access '${file}'`);
  }
  return jsonOrYaml(text, file);
}

/** JSON first, then YAML, as Ansible reads: `{"n": 1e3}` is the number 1000, not YAML 1.1's string '1e3'. */
function jsonOrYaml(text: string, file: string): Loaded {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    const yaml = parseYaml(text, file);
    return { data: yaml, positions: yaml };
  }
  return { data, positions: yamlTwin(text, file) };
}

/** Positions for JSON data; some JSON is not YAML 1.1, and then there are simply none. */
function yamlTwin(text: string, file: string): unknown {
  try {
    return parseYaml(text, file);
  } catch {
    return undefined;
  }
}

/** `a=1 b='x y'` → `{a: '1', b: 'x y'}`; as Ansible's parse_kv: escapes decoded, outer quotes dropped. */
export function parseKeyValues(text: string): Record<string, string> {
  const options: Record<string, string> = {};
  const raw: string[] = [];
  for (const token of splitArgs(text)) {
    const decoded = decodeEscapes(token);
    const eq = firstUnescapedEquals(decoded);
    if (eq === -1) {
      raw.push(decoded.includes('=') ? decoded.replace(/\\=/g, '=') : token);
      continue;
    }
    options[decoded.slice(0, eq).trim()] = unquote(decoded.slice(eq + 1).trim());
  }
  if (raw.length) options._raw_params = raw.join(' ');
  return options;
}

/** An `=` at the very start never splits, nor one after a backslash. */
function firstUnescapedEquals(s: string): number {
  for (let i = 1; i < s.length; i++) if (s[i] === '=' && s[i - 1] !== '\\') return i;
  return -1;
}

/**
 * Splits on spaces and newlines (not tabs), keeping quoted text and Jinja2 `{{ }}`, `{% %}`, `{# #}`
 * blocks whole, like Ansible's split_args. A lone `\` outside quotes continues the line.
 */
export function splitArgs(text: string): string[] {
  const tokens: string[] = [];
  let current = '';
  let quote: string | undefined;
  const depth = { '{{': 0, '{%': 0, '{#': 0 };
  const closers = { '}}': '{{', '%}': '{%', '#}': '{#' } as const;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    const pair = text.slice(i, i + 2);
    const nested = quote !== undefined || depth['{{'] + depth['{%'] + depth['{#'] > 0;
    if ((c === ' ' || c === '\n') && !nested) {
      if (current && current !== '\\') tokens.push(current);
      current = '';
      continue;
    }
    if ((c === '"' || c === "'") && text[i - 1] !== '\\') {
      if (quote === undefined) quote = c;
      else if (quote === c) quote = undefined;
    } else if (pair in depth) {
      depth[pair as keyof typeof depth] += 1;
      current += pair;
      i += 1;
      continue;
    } else if (pair in closers) {
      const opener = closers[pair as keyof typeof closers];
      depth[opener] = Math.max(0, depth[opener] - 1);
      current += pair;
      i += 1;
      continue;
    }
    current += c;
  }
  if (current && current !== '\\') tokens.push(current);
  if (quote !== undefined || depth['{{'] + depth['{%'] + depth['{#'] > 0) {
    throw new TsibleError(`failed at splitting arguments, either an unbalanced jinja2 block or quotes: ${text}`, {
      exitCode: ExitCode.parserError,
    });
  }
  return tokens;
}

const ESCAPE_RE = /\\(U[0-9a-fA-F]{8}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2}|[\\'"abfnrtv])/g;
const SIMPLE_ESCAPES: Record<string, string> = {
  '\\': '\\', "'": "'", '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v',
};

/** Python-style backslash escapes, decoded as parse_kv decodes them before splitting key from value. */
function decodeEscapes(s: string): string {
  return s.replace(ESCAPE_RE, (_m, esc: string) => {
    if (esc.length === 1) return SIMPLE_ESCAPES[esc];
    return String.fromCodePoint(parseInt(esc.slice(1), 16));
  });
}
