import { readFileSync } from 'fs';
import { TsibleError } from '../../errors';
import { parseKv } from '../../playbook/kv-args';
import { pyStr } from '../python';
import { pyRegex, RegexError } from '../regex';
import { CallContext, LookupFn } from '../scope';
import { isDict, typeName } from '../values';
import { UnsafeText } from '../../playbook/yaml';
import { findFile } from './files';

/** Lookups that answer from data on the controller: a CSV file's rows, the names of the variables. */

const CSV_OPTIONS = ['file', 'delimiter', 'col', 'default', 'encoding'];

/** `csvfile`: the `col` column of the row whose first column is the key; each term may set options inline. */
function csvfile(terms: unknown[], kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  const out: unknown[] = [];
  for (const term of terms) {
    const { _raw_params: key, ...inline } = parseKv(pyStr(term));
    if (key === undefined) throw new TsibleError('Search key is required but was not found', { origin: ctx.opts.origin });
    const opts: Record<string, unknown> = { file: 'ansible.csv', delimiter: 'TAB', col: '1', encoding: 'utf-8', ...kw, ...inline };
    const unknown = Object.keys(opts).find((k) => !CSV_OPTIONS.includes(k));
    if (unknown) throw new TsibleError(`${unknown} is not a valid option`, { origin: ctx.opts.origin });
    const delimiter = opts.delimiter === 'TAB' || opts.delimiter === '\\t' ? '\t' : pyStr(opts.delimiter);
    const file = findFile(pyStr(opts.file), ctx, 'files');
    // Ansible reports a missing CSV file as the open() error, which playbooks match on.
    if (file === undefined) throw new TsibleError(`csvfile: [Errno 2] No such file or directory: '${pyStr(opts.file)}'`, { origin: ctx.opts.origin });
    const row = csvRows(readFileSync(file, 'utf8'), delimiter).find((r) => r.length > 0 && r[0] === key);
    const col = Number(opts.col);
    if (row && (!Number.isInteger(col) || col >= row.length)) throw new TsibleError('csvfile: list index out of range', { origin: ctx.opts.origin });
    const value = row ? row[col] : opts.default;
    if (value === undefined || value === null) continue;
    out.push(...(Array.isArray(value) ? value : [value]));
  }
  return out;
}

/** Rows as Python's csv module reads them by default: quoted fields, doubled quotes inside quotes. */
export function csvRows(text: string, delimiter: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  let i = 0;
  const endField = () => {
    row.push(field);
    field = '';
  };
  while (i < text.length) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === delimiter) endField();
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += c;
    i++;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  // A blank line is an empty row, as Python's reader gives it.
  return rows.map((r) => (r.length === 1 && r[0] === '' ? [] : r));
}

/** `varnames`: the names of the variables that match each Python regular expression (searched, not anchored). */
function varnames(terms: unknown[], _kw: Record<string, unknown>, ctx: CallContext): unknown[] {
  const all = ctx.variable('vars').value;
  const names = isDict(all) ? Object.keys(all) : [];
  const out: string[] = [];
  for (const term of terms) {
    if (typeof term !== 'string' && !(term instanceof UnsafeText)) throw new TsibleError(`Invalid setting identifier, "${pyStr(term)}" is not a string, it is a <class '${typeName(term)}'>`, { origin: ctx.opts.origin });
    let re: RegExp;
    try {
      re = pyRegex(String(term));
    } catch (e) {
      throw new TsibleError(`Unable to use "${String(term)}" as a search parameter: ${e instanceof RegexError ? e.reason : (e as Error).message}`, { origin: ctx.opts.origin });
    }
    out.push(...names.filter((n) => re.test(n)));
  }
  return out;
}

export const dataLookups: Record<string, LookupFn> = { csvfile, varnames };
