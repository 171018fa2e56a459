import { pyStr } from '../python';
import { FilterFn } from '../scope';
import { FilterError, TemplateRuntimeError, isDict, plain } from '../values';
import { setOwn } from '../own-keys';

/**
 * `rekey_on_member(key, duplicates='error')`: a list of dicts (or a dict's values) as one dict keyed by
 * each item's `key`; a repeated key fails, or with duplicates='overwrite' the last item wins.
 */
export const rekeyOnMember: FilterFn = (v, [key, dup], kw) => {
  const duplicates = pyStr(dup ?? kw.duplicates ?? 'error');
  if (duplicates !== 'error' && duplicates !== 'overwrite') throw new FilterError(`duplicates parameter to rekey_on_member has unknown value: ${duplicates}`);
  const data = plain(v);
  const items = isDict(data) ? Object.values(data) : Array.isArray(data) ? data : undefined;
  if (!items) throw new TemplateRuntimeError('Type is not a valid list, set, or dict');
  const out: Record<string, unknown> = {};
  for (const item of items) {
    if (!isDict(item)) throw new TemplateRuntimeError('List item is not a valid dict');
    const name = pyStr(key);
    if (!Object.prototype.hasOwnProperty.call(item, name)) throw new FilterError(`Key ${name} was not found`);
    const newKey = pyStr(item[name]);
    if (Object.prototype.hasOwnProperty.call(out, newKey) && duplicates === 'error') throw new FilterError(`Key ${newKey} is not unique, cannot correctly turn into dict`);
    setOwn(out, newKey, item);
  }
  return out;
};
