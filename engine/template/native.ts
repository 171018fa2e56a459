import { TsibleError } from '../errors';
import { UnsafeText } from '../playbook/yaml';
import { isUnsafeData, markUnsafe } from './unsafe';
import { literalEval } from './literal-eval';
import { EncryptedText } from '../vault/vault';
import { NativeJinjaText } from './native-text';
import { finalizePart } from './render';
import type { Delimiters, TemplateSyntax } from './types';
import { LenientUndefined, isDict } from './values';

/**
 * How Ansible 2.14 turns rendered output into a value. With jinja2_native off (the default): text, except
 * that a result that looks like a list, dict or boolean is read back as a Python literal. With it on: the
 * value itself when the template is one expression, else whatever Python literal the text is.
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
 * The concat step with jinja2_native off: one part that is NativeJinjaText stays that text, several are
 * joined; with `convert`, text that looks like a list, dict or boolean is read back.
 * Text made from unsafe values (host data, `!unsafe`) stays unsafe, so it is never templated later either.
 */
export function concat(parts: unknown[], convert: boolean): unknown {
  if (parts.length === 1 && parts[0] instanceof NativeJinjaText) return convert ? parts[0] : parts[0].text;
  const text = parts.map(finalizePart).join('');
  const value = convert ? readBack(text) : text;
  return parts.some(isUnsafeData) ? markUnsafe(value) : value;
}

/** Text that looks like a list, dict or boolean is read back as a Python literal (unsafe text too, as Ansible does). */
function readBack(text: string): unknown {
  if (text.startsWith('{') || text.startsWith('[') || text === 'True' || text === 'False') {
    const v = literalEval(text);
    if (v !== undefined) return v;
  }
  return text;
}

/**
 * The concat step with jinja2_native on (Ansible's ansible_native_concat): nothing is None; one part keeps
 * its value (a vaulted one its plain text); otherwise the parts' text is read as a Python literal when it
 * is one, or stays text.
 */
export function nativeConcat(parts: unknown[]): unknown {
  if (parts.length === 0) return null;
  const only = parts.length === 1 ? parts[0] : undefined;
  if (only instanceof EncryptedText) return only.text;
  if (only instanceof NativeJinjaText) return only;
  if (only instanceof LenientUndefined) return null;
  if (only !== undefined && typeof only !== 'string' && !(only instanceof UnsafeText)) return only;
  const text = parts.map(nativePart).join('');
  const value = nativeLiteral(text);
  return parts.some(isUnsafeData) ? markUnsafe(value) : value;
}

/** How a part becomes text in native mode: Python's str(), so None is 'None' (not '' as with native off). */
function nativePart(v: unknown): string {
  if (v === null) return 'None';
  return finalizePart(v);
}

/** Python's literal_eval on the whole text, as native mode applies it. */
function nativeLiteral(text: string): unknown {
  // Python refuses an expression whose first line is indented, so ' 1' stays text.
  if (/^(?:[ \t]*[\r\n])*[ \t]/.test(text)) return text;
  const v = literalEval(text, false);
  if (v === undefined) return text;
  // A string literal keeps its quotes (Ansible's way of leaving '"hello"' as it is, quotes included).
  if (typeof v === 'string') return text[0] + v + text[0];
  return v;
}
