import { pyFindall, pyRegex, pySub } from '../regex';
import { pyStr } from '../python';
import { FilterFn } from '../scope';
import { FilterError, TemplateRuntimeError, Undefined, plain, truthy } from '../values';
import { requireString, toBool } from './helpers';
import { strMethod } from '../string-methods';

/** Ansible's string filters: regexes, ternary, mandatory, comment, quote, split, type_debug. */

function regexSearch(value: unknown, pattern: unknown, groups: unknown[], kw: Record<string, unknown>): unknown {
  const re = pyRegex(String(pattern), { ignorecase: truthy(kw.ignorecase ?? false), multiline: truthy(kw.multiline ?? false) });
  const m = re.exec(requireString(value));
  if (!m) return null;
  if (groups.length === 0) return m[0];
  return groups.map((g) => {
    const ref = String(g);
    const named = /^\\g<(\S+)>$/.exec(ref);
    const num = /^\\(\d+)$/.exec(ref);
    if (named) return /^\d+$/.test(named[1]) ? m[Number(named[1])] ?? null : m.groups?.[named[1]] ?? null;
    if (num) return m[Number(num[1])] ?? null;
    throw new TemplateRuntimeError('Unknown argument');
  });
}

const PY_ESCAPE = /[()[\]{}?*+\-|^$\\.&~# \t\n\r\v\f]/g;

function regexEscape(value: unknown, type: unknown): string {
  const s = requireString(value);
  if (type === undefined || type === 'python') return s.replace(PY_ESCAPE, (c) => '\\' + c);
  if (type === 'posix_basic') return s.replace(/[.[\]\\*^$]/g, (c) => '\\' + c);
  if (type === 'posix_extended') throw new FilterError(`Regex type (${pyStr(type)}) not yet implemented`);
  throw new FilterError(`Invalid regex type (${pyStr(type)})`);
}

const COMMENT_STYLES: Record<string, Record<string, string>> = {
  plain: { decoration: '# ' },
  erlang: { decoration: '% ' },
  c: { decoration: '// ' },
  cblock: { beginning: '/*', decoration: ' * ', end: ' */' },
  xml: { beginning: '<!--', decoration: ' - ', end: '-->' },
};

function comment(text: unknown, style: unknown, kw: Record<string, unknown>): string {
  const styleParams = COMMENT_STYLES[String(style ?? 'plain')];
  if (!styleParams) throw new TemplateRuntimeError(`unknown comment style '${String(style)}'`);
  const pre = String(kw.decoration ?? styleParams.decoration);
  const p: Record<string, unknown> = {
    newline: '\n', beginning: '', prefix: pre.trimEnd(), prefix_count: 1, decoration: '', postfix: pre.trimEnd(), postfix_count: 1, end: '',
    ...styleParams, ...kw,
  };
  const nl = String(p.newline);
  const deco = String(p.decoration);
  const beginning = p.beginning ? `${p.beginning}${nl}` : '';
  const prefix = p.prefix ? (p.prefix !== nl ? `${p.prefix}${nl}` : nl).repeat(Number(p.prefix_count)) : '';
  const body = (deco + pyStr(text).split(nl).join(nl + deco)).split(deco + nl).join(deco.trimEnd() + nl);
  const postfix = ['', ...Array(Number(p.postfix_count)).fill(p.postfix)].join(nl);
  const end = p.end ? `${nl}${p.end}` : '';
  return beginning + prefix + body + postfix + end;
}

function shellQuote(value: unknown): string {
  const s = value === null || value === undefined ? '' : pyStr(value);
  if (s === '') return "''";
  if (/^[\w@%+=:,./-]+$/.test(s)) return s;
  return "'" + s.replace(/'/g, `'"'"'`) + "'";
}

export const textFilters: Record<string, FilterFn> = {
  // None stays None, as in Ansible (so `None | bool == None`).
  bool: (v) => (plain(v) === null ? null : toBool(v)),
  comment: (v, [style], { style: styleKw, ...kw }) => comment(v, style ?? styleKw, kw),
  mandatory: (v, [msg]) => {
    if (v instanceof Undefined) {
      const name = /^'([^']*)' is undefined/.exec(v.message)?.[1];
      throw new FilterError(msg !== undefined ? pyStr(msg) : `Mandatory variable ${name ? `'${name}'` : ''}  not defined.`);
    }
    return v;
  },
  quote: (v) => shellQuote(v),
  regex_escape: (v, [type], kw) => regexEscape(v, type ?? kw.re_type),
  regex_findall: (v, [re, multiline, ignorecase], kw) =>
    pyFindall(requireString(v), String(re), { multiline: truthy(multiline ?? kw.multiline ?? false), ignorecase: truthy(ignorecase ?? kw.ignorecase ?? false) }),
  regex_replace: (v, [re, repl, ignorecase, multiline], kw) =>
    pySub(requireString(v), String(re ?? ''), String(repl ?? ''), {
      ignorecase: truthy(ignorecase ?? kw.ignorecase ?? false),
      multiline: truthy(multiline ?? kw.multiline ?? false),
    }),
  regex_search: (v, [re, ...groups], kw) => regexSearch(v, re, groups, kw),
  split: (v, [sep, max]) => (strMethod(requireString(v), 'split') as (a: unknown[], k: Record<string, unknown>) => unknown)([sep ?? null, max ?? -1], {}),
  ternary: (v, [t, f, none]) => (v === null && none !== undefined && none !== null ? none : truthy(v) ? t : f),
};
