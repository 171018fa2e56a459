import { stringify } from 'yaml';
import type { AnyModule } from './types';

interface PropSchema {
  type?: string | string[];
  default?: unknown;
  enum?: unknown[];
  items?: { type?: string };
}

function typeName(p: PropSchema): string {
  if (p.type === undefined) return 'raw';
  const types = ([] as string[]).concat(p.type).filter((t) => t !== 'null');
  if (types.length === 1 && types[0] === 'array') return `list of ${p.items?.type ?? 'raw'}`;
  return types.join(' or ');
}

/** One argument's block: `= required` or `- optional`, its text, then type/default/choices/aliases. */
function optionBlock(mod: AnyModule, name: string, p: PropSchema, required: boolean): string[] {
  const lines = [`${required ? '=' : '-'} ${name}`];
  const text = mod.docs.args?.[name];
  if (text) lines.push(`    ${text}`);
  const facts = [`type: ${typeName(p)}`];
  if (p.default !== undefined) facts.push(`default: ${JSON.stringify(p.default)}`);
  if (p.enum) facts.push(`choices: ${p.enum.map((v) => JSON.stringify(v)).join(', ')}`);
  const aliases = (mod.argAliases as Record<string, string[] | undefined> | undefined)?.[name];
  if (aliases?.length) facts.push(`aliases: ${aliases.join(', ')}`);
  if (mod.freeForm === name) facts.push('free-form');
  lines.push(`    ${facts.join('; ')}`);
  return lines;
}

/** A module's documentation as tsible-doc prints it, from its schema and docs (nothing written twice). */
export function renderModuleDoc(mod: AnyModule): string {
  const schema = mod.schema as { properties?: Record<string, PropSchema>; required?: string[] };
  const required = new Set(schema.required ?? []);
  const out = [`> ${mod.name.toUpperCase()}    (${mod.aliases[0] ?? mod.name})`, '', `  ${mod.docs.short}`];
  if (mod.docs.description) out.push('', `  ${mod.docs.description}`);
  out.push('', `  check mode: ${mod.supports.checkMode}; diff: ${mod.supports.diff ? 'yes' : 'no'}`, '', 'OPTIONS (= is mandatory):', '');
  for (const name of Object.keys(schema.properties ?? {}).sort()) {
    out.push(...optionBlock(mod, name, (schema.properties ?? {})[name], required.has(name)), '');
  }
  if (mod.docs.returns) {
    out.push('RETURN VALUES:', '');
    for (const [key, text] of Object.entries(mod.docs.returns)) out.push(`- ${key}`, `    ${text}`, '');
  }
  out.push('EXAMPLES:', '');
  const tasks = mod.docs.examples.map((e) => ({ ...(e.title ? { name: e.title } : {}), [mod.name]: e.args }));
  out.push(stringify(tasks).trimEnd());
  return `${out.join('\n')}\n`;
}

/** `name  short description` lines for --list. */
export function renderModuleList(rows: Array<{ name: string; short: string }>): string {
  if (rows.length === 0) return '';
  const width = Math.max(...rows.map((r) => r.name.length));
  return rows.map((r) => `${r.name.padEnd(width)}  ${r.short}`.trimEnd()).join('\n') + '\n';
}
