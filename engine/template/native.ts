import { UnsafeText } from '../playbook/yaml';
import { literalEval } from './literal-eval';
import { NativeText, finalizePart } from './render';
import { isDict } from './values';

/**
 * How Ansible 2.14 (jinja2_native off) turns rendered output into a value: text, except that a result
 * that looks like a list, dict or boolean is read back as a Python literal.
 */

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
 * Text made from an `!unsafe` value stays unsafe, so it is never templated later either.
 */
export function concat(parts: unknown[], convert: boolean): unknown {
  if (parts.length === 1 && parts[0] instanceof NativeText) return parts[0].text;
  const text = parts.map(finalizePart).join('');
  if (parts.some((p) => p instanceof UnsafeText)) return new UnsafeText(text);
  if (!convert) return text;
  if (text.startsWith('{') || text.startsWith('[') || text === 'True' || text === 'False') {
    const v = literalEval(text);
    if (v !== undefined) return v;
  }
  return text;
}
