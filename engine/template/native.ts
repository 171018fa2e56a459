import { TsibleError } from '../errors';
import { UnsafeText } from '../playbook/yaml';
import { markUnsafe } from './unsafe';
import { literalEval } from './literal-eval';
import { NativeText, finalizePart } from './render';
import type { Delimiters, TemplateSyntax } from './types';
import { isDict } from './values';

/**
 * How Ansible 2.14 (jinja2_native off) turns rendered output into a value: text, except that a result
 * that looks like a list, dict or boolean is read back as a Python literal.
 */

export interface HeaderOverrides {
  text: string;
  trimBlocks: boolean;
  lstripBlocks: boolean;
  keepTrailingNewline: boolean;
  delimiters?: Delimiters;
}

const OVERRIDE_KEYS: Record<string, 'trimBlocks' | 'lstripBlocks' | 'keepTrailingNewline'> = {
  trim_blocks: 'trimBlocks',
  lstrip_blocks: 'lstripBlocks',
  keep_trailing_newline: 'keepTrailingNewline',
};

/** Jinja2's names for the delimiters, as the template module, the template lookup and `#jinja2:` take them. */
export const DELIMITER_OPTIONS: Record<string, keyof Delimiters> = {
  block_start_string: 'blockStart',
  block_end_string: 'blockEnd',
  variable_start_string: 'variableStart',
  variable_end_string: 'variableEnd',
  comment_start_string: 'commentStart',
  comment_end_string: 'commentEnd',
};

/**
 * A first line `#jinja2: lstrip_blocks: True, trim_blocks: False` changes the environment for that
 * template (Ansible's JINJA2_OVERRIDE), and is not part of the output.
 */
export function headerOverrides(src: string, defaults: TemplateSyntax = {}): HeaderOverrides {
  const result: HeaderOverrides = { text: src, trimBlocks: defaults.trimBlocks ?? true, lstripBlocks: defaults.lstripBlocks ?? false, keepTrailingNewline: false, delimiters: defaults.delimiters };
  if (!src.startsWith('#jinja2:')) return result;
  const eol = src.indexOf('\n');
  const line = src.slice('#jinja2:'.length, eol < 0 ? undefined : eol);
  result.text = eol < 0 ? '' : src.slice(eol + 1);
  for (const pair of line.split(',')) {
    const colon = pair.indexOf(':');
    if (colon < 0) throw new TsibleError(`failed to parse jinja2 override '${pair.trim()}'. Did you use something different from colon as key-value separator?`);
    const key = pair.slice(0, colon).trim();
    const value = literalEval(pair.slice(colon + 1).trim());
    const delimiter = DELIMITER_OPTIONS[key];
    if (delimiter && typeof value === 'string') {
      result.delimiters = { ...result.delimiters, [delimiter]: value };
      continue;
    }
    const field = OVERRIDE_KEYS[key];
    if (!field) throw new TsibleError(`the jinja2 override '${key}' is not supported (supported: ${[...Object.keys(OVERRIDE_KEYS), ...Object.keys(DELIMITER_OPTIONS)].join(', ')})`);
    result[field] = value === true;
  }
  return result;
}

const TEMPLATE_MARKERS = ['{{', '{%', '{#'];

/** Whether templating a value could change it (it holds a string with Jinja2 delimiters). */
export function isTemplated(value: unknown): boolean {
  if (typeof value === 'string') return TEMPLATE_MARKERS.some((m) => value.includes(m));
  if (Array.isArray(value)) return value.some(isTemplated);
  if (isDict(value)) return Object.values(value).some(isTemplated);
  return false;
}

/** Line endings at the end of a text (`\n` or `\r\n`). */
export function trailingNewlines(s: string): number {
  let n = 0;
  for (let i = s.length - 1; i >= 0 && s[i] === '\n'; i--) {
    n++;
    if (s[i - 1] === '\r') i--;
  }
  return n;
}

/**
 * The concat step: one part keeps its value's text, several are joined; lists/dicts/bools read back.
 * Text made from unsafe values (host data, `!unsafe`) stays unsafe, so it is never templated later either.
 */
export function concat(parts: unknown[], convert: boolean): unknown {
  if (parts.length === 1 && parts[0] instanceof NativeText) return parts[0].text;
  const text = parts.map(finalizePart).join('');
  const value = convert ? readBack(text) : text;
  return parts.some((p) => p instanceof UnsafeText) ? markUnsafe(value) : value;
}

/** Text that looks like a list, dict or boolean is read back as a Python literal (unsafe text too, as Ansible does). */
function readBack(text: string): unknown {
  if (text.startsWith('{') || text.startsWith('[') || text === 'True' || text === 'False') {
    const v = literalEval(text);
    if (v !== undefined) return v;
  }
  return text;
}
