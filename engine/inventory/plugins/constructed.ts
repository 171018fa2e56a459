import { ExitCode, Origin, TsibleError } from '../../errors';
import { Templar } from '../../template/types';
import { InventoryData, InventoryDataError } from '../inventory-data';

/**
 * The "constructed" features every Ansible inventory plug-in shares: `compose` (variables from Jinja
 * expressions), `groups` (a group per conditional) and `keyed_groups` (groups named after the values
 * of an expression). With `strict` off, an expression that fails leaves that one entry out for the host.
 */

export interface KeyedGroup {
  key: string;
  prefix?: string;
  separator?: string;
  parent_group?: string;
  default_value?: string;
  trailing_separator?: boolean;
  /** Where the entry is written, for errors. */
  origin?: Origin;
}

export interface ConstructedOptions {
  compose: Record<string, string>;
  groups: Record<string, string>;
  keyedGroups: KeyedGroup[];
  strict: boolean;
  /** False drops the `_` before a keyed group that has no prefix. */
  leadingSeparator: boolean;
  sanitize: (name: string) => string;
  /** Where each compose / groups entry is written, for errors. */
  origins: { compose: (key: string) => Origin | undefined; groups: (key: string) => Origin | undefined };
}

const TRUE_WORDS = new Set(['y', 'yes', 'on', '1', 'true', 't']);

/**
 * Apply compose, groups and keyed_groups to one host whose own variables are `vars`. `extraVars` (-e, with
 * use_extra_vars) are seen by compose and keyed_groups expressions, not by groups conditionals, as in Ansible.
 */
export function construct(data: InventoryData, host: string, vars: Record<string, unknown>, opts: ConstructedOptions, templar: Templar, extraVars: Record<string, unknown> = {}): void {
  const own = data.hosts.get(host);
  if (!own) return;
  for (const [name, expr] of Object.entries(opts.compose)) {
    const value = attempt(opts.strict, opts.origins.compose(name), `Could not set ${name} for host ${host}`, () => templar.template(`{{ ${expr} }}`, { ...vars, ...extraVars }));
    if (value !== SKIPPED) own.vars[name] = value;
  }
  // Every conditional sees the groups as they were before any of them; each keyed group sees the ones before it.
  const beforeGroups = visibleVars(data, host, vars);
  for (const [raw, condition] of Object.entries(opts.groups)) {
    const group = opts.sanitize(raw);
    const at = opts.origins.groups(raw);
    const result = attempt(opts.strict, at, `Could not add host ${host} to group ${group}`, () =>
      templar.template(`{% if ${condition} %} True {% else %} False {% endif %}`, beforeGroups),
    );
    if (result !== SKIPPED && TRUE_WORDS.has(String(result).trim().toLowerCase())) join(data, host, group, undefined, at);
  }
  for (const keyed of opts.keyedGroups) keyedGroups(data, host, { ...visibleVars(data, host, vars), ...extraVars }, keyed, opts, templar);
}

/**
 * What groups and keyed_groups expressions see: the plug-in's variables, the host's inventory
 * variables (compose results included) and its magic names, group_names as it stands so far.
 */
function visibleVars(data: InventoryData, host: string, vars: Record<string, unknown>): Record<string, unknown> {
  const own = data.hosts.get(host);
  const groups = new Set((own?.groups ?? []).flatMap((g) => [g, ...data.ancestors(g)]));
  groups.delete('all');
  return {
    ...vars,
    ...own?.vars,
    inventory_hostname: host,
    inventory_hostname_short: host.split('.')[0],
    group_names: [...groups].sort(),
  };
}

function keyedGroups(data: InventoryData, host: string, vars: Record<string, unknown>, keyed: KeyedGroup, opts: ConstructedOptions, templar: Templar): void {
  const key = attempt(opts.strict, keyed.origin, `Could not generate group for host ${host} from ${keyed.key} entry`, () => templar.template(`{{ ${keyed.key} }}`, vars));
  if (key === SKIPPED) return;
  const emptyWithDefault = key === '' && keyed.default_value !== undefined;
  if (!isTruthy(key) && !emptyWithDefault) {
    // An empty list or mapping is a fine answer: the host simply joins no group.
    const emptyCollection = (Array.isArray(key) && !key.length) || (isDict(key) && !Object.keys(key).length);
    if (opts.strict && !emptyCollection) fail(`No key or key resulted empty for ${keyed.key} in host ${host}, invalid entry`, keyed.origin);
    return;
  }
  let parent: string | undefined;
  if (keyed.parent_group) {
    const templated = attempt(opts.strict, keyed.origin, `Could not generate parent group ${keyed.parent_group} for group ${keyed.key}`, () => templar.template(keyed.parent_group, vars));
    if (templated === SKIPPED) return;
    parent = opts.sanitize(String(templated));
  }
  const prefix = keyed.prefix ?? '';
  const separator = prefix === '' && !opts.leadingSeparator ? '' : (keyed.separator ?? '_');
  for (const bare of bareNames(key, keyed)) join(data, host, opts.sanitize(`${prefix}${separator}${bare}`), parent, keyed.origin);
}

/** The names a key's value gives: itself, each item of a list, `name<sep>value` for each pair of a mapping. */
function bareNames(key: unknown, keyed: KeyedGroup): string[] {
  const fallback = (v: unknown): string => (v === '' && keyed.default_value !== undefined ? keyed.default_value : pyStr(v));
  if (typeof key === 'string') return [fallback(key)];
  if (Array.isArray(key)) return key.map(fallback);
  if (isDict(key)) {
    const sep = keyed.separator ?? '_';
    return Object.entries(key).map(([name, value]) => {
      if (value !== '') return `${name}${sep}${pyStr(value)}`;
      if (keyed.default_value !== undefined) return `${name}${sep}${keyed.default_value}`;
      return keyed.trailing_separator === false ? name : `${name}${sep}`;
    });
  }
  throw fail(`Invalid group name format, expected a string or a list of them or dictionary, got: ${typeof key}`, keyed.origin);
}

function join(data: InventoryData, host: string, group: string, parent: string | undefined, origin: Origin | undefined): void {
  try {
    // The contrib script's names keep '-', which TRANSFORM_INVALID_GROUP_CHARS may still replace.
    const name = data.addGroup(group).name;
    // By the host object: a group may share the host's name.
    const member = data.hosts.get(host);
    if (member) data.addHostToGroup(member, name);
    if (parent) data.addChild(data.addGroup(parent).name, name);
  } catch (err) {
    if (err instanceof InventoryDataError) fail(err.message, origin);
    throw err;
  }
}

const SKIPPED = Symbol('skipped');

function attempt<T>(strict: boolean, origin: Origin | undefined, what: string, fn: () => T): T | typeof SKIPPED {
  try {
    return fn();
  } catch (err) {
    if (!strict) return SKIPPED;
    throw fail(`${what}: ${err instanceof Error ? err.message : String(err)}`, origin);
  }
}

function fail(message: string, origin: Origin | undefined): never {
  throw new TsibleError(message, { origin, exitCode: ExitCode.parserError });
}

function isDict(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

function isTruthy(v: unknown): boolean {
  if (Array.isArray(v)) return v.length > 0;
  if (isDict(v)) return Object.keys(v).length > 0;
  return Boolean(v);
}

/** Python's str() of a scalar in a group name (True, None, 1.5). */
function pyStr(v: unknown): string {
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (v === null || v === undefined) return 'None';
  return String(v);
}
