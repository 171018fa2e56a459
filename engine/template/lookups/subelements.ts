import { TsibleError } from '../../errors';
import { UnsafeText } from '../../playbook/yaml';
import { toBool } from '../filters/helpers';
import { pyStr } from '../python';
import { CallContext } from '../scope';
import { isDict, tuple } from '../values';

/**
 * `subelements` (lookup and `with_subelements`): each element of a list (or of a dict's values) paired
 * with each item of the list its dotted key points to. As in Ansible, that list is taken out of the
 * element handed back, and an element or result marked `skipped` gives nothing.
 */
export function subelementsLookup(terms: unknown[], _kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  const fail = (msg: string): never => {
    throw new TsibleError(msg, { origin: ctx.opts.origin });
  };
  const termsError = (detail = ''): never => fail(`subelements lookup expects a list of two or three items, ${detail}`);
  if (terms.length < 2 || terms.length > 3) termsError();
  const [source, path, flags = {}] = terms;
  const elements = Array.isArray(source) ? source : isDict(source) ? source : [source];
  if (typeof path !== 'string' && !(path instanceof UnsafeText)) termsError('first a dict or a list, second a string pointing to the subkey');
  if (!isDict(flags)) termsError("the optional third item must be a dict with flags skip_missing");
  if (isDict(elements) && elements.skipped !== undefined && elements.skipped !== false) return [];
  const keys = pyStr(path).split('.');
  const skipMissing = toBool((flags as Record<string, unknown>).skip_missing ?? false);
  const out: unknown[] = [];
  for (const element of Array.isArray(elements) ? elements : Object.values(elements)) {
    if (!isDict(element)) fail(`subelements lookup expects a dictionary, got '${pyStr(element)}'`);
    const parent = { ...(element as Record<string, unknown>) };
    if (parent.skipped !== undefined && parent.skipped !== false) continue;
    const list = takeList(parent, keys, skipMissing, fail);
    for (const item of list) out.push(tuple([parent, item]));
  }
  return out;
}

/** Follows the dotted keys down dicts and removes the list at the end (from a copy, so the caller's data stays whole). */
function takeList(element: Record<string, unknown>, keys: string[], skipMissing: boolean, fail: (msg: string) => never): unknown[] {
  let holder = element;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i];
    if (!Object.prototype.hasOwnProperty.call(holder, key)) {
      if (skipMissing) return [];
      fail(`could not find '${key}' key in iterated item '${pyStr(holder)}'`);
    }
    const value = holder[key];
    if (i < keys.length - 1) {
      if (!isDict(value)) {
        if (skipMissing) return [];
        fail(`the key ${key} should point to a dictionary, got '${pyStr(value)}'`);
      }
      holder = holder[key] = { ...(value as Record<string, unknown>) };
      continue;
    }
    if (!Array.isArray(value)) fail(`the key ${key} should point to a list, got '${pyStr(value)}'`);
    delete holder[key];
    return value as unknown[];
  }
  return [];
}
