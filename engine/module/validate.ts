import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { TsibleError, Origin, ExitCode } from '../errors';
import { coerceArgs } from './coerce';
import { didYouMean } from './did-you-mean';
import type { AnyModule } from './types';

/** One thing wrong with a task's arguments; `path` is how the user would point at it (`args.mode`). */
export interface ArgProblem {
  path: string;
  message: string;
}

export interface ValidateOptions {
  /**
   * 'parse': before templating, values containing Jinja2 are not type-checked yet (only their names are);
   * 'run': after templating, everything is checked and the arguments are coerced and defaulted.
   */
  stage: 'parse' | 'run';
  isTemplated?: (value: unknown) => boolean;
}

export interface ValidatedArgs {
  args: Record<string, unknown>;
  problems: ArgProblem[];
}

const ajv = new Ajv({ allErrors: true, useDefaults: true, strict: false });
const compiled = new WeakMap<AnyModule, ValidateFunction>();

/** The module's schema compiled (once); throws when the schema itself is invalid. */
export function compileSchema(mod: AnyModule): ValidateFunction {
  let fn = compiled.get(mod);
  if (!fn) {
    fn = ajv.compile(mod.schema);
    compiled.set(mod, fn);
  }
  return fn;
}

function properties(mod: AnyModule): Record<string, unknown> {
  return (mod.schema as { properties?: Record<string, unknown> }).properties ?? {};
}

/** Maps each alias (and each canonical name) to the canonical argument name. */
function aliasTable(mod: AnyModule): Map<string, string> {
  const table = new Map<string, string>();
  for (const name of Object.keys(properties(mod))) table.set(name, name);
  for (const [name, aliases] of Object.entries(mod.argAliases ?? {})) {
    for (const alias of (aliases as string[] | undefined) ?? []) table.set(alias, name);
  }
  return table;
}

function canonicalise(mod: AnyModule, raw: Record<string, unknown>, problems: ArgProblem[]): Record<string, unknown> {
  const table = aliasTable(mod);
  const out: Record<string, unknown> = {};
  const givenAs = new Map<string, string>();
  for (const [key, value] of Object.entries(raw)) {
    if (key.startsWith('_ansible_') || value === null || value === undefined) continue;
    const name = key === '_raw_params' && mod.freeForm ? mod.freeForm : table.get(key);
    if (!name) {
      const guess = didYouMean(key, table.keys());
      const expected = [...Object.keys(properties(mod))].sort().join(', ');
      const hint = guess ? ` Did you mean '${guess}'?` : '';
      problems.push({ path: `args.${key}`, message: `unknown argument (expected: ${expected}).${hint}` });
      continue;
    }
    const previous = givenAs.get(name);
    if (previous !== undefined) {
      problems.push({ path: `args.${key}`, message: `'${key}' and '${previous}' are the same argument; give only one` });
      continue;
    }
    givenAs.set(name, key);
    out[name] = value;
  }
  return out;
}

function describeAjvError(err: ErrorObject): ArgProblem {
  const where = err.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    return { path: `args.${where ? `${where}.` : ''}${missing}`, message: 'required argument is missing' };
  }
  if (err.keyword === 'enum') {
    const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ');
    return { path: where ? `args.${where}` : 'args', message: `must be one of: ${allowed}` };
  }
  if (err.keyword === 'type') {
    // null means "not given" to a task, so a nullable type is not worth naming.
    const types = ([] as string[]).concat((err.params as { type: string | string[] }).type).filter((t) => t !== 'null');
    return { path: where ? `args.${where}` : 'args', message: `must be ${types.join(' or ')}` };
  }
  return { path: where ? `args.${where}` : 'args', message: err.message ?? 'is invalid' };
}

function checkExclusive(mod: AnyModule, args: Record<string, unknown>, problems: ArgProblem[]): void {
  for (const group of mod.mutuallyExclusive ?? []) {
    const given = (group as string[]).filter((k) => args[k] !== undefined);
    if (given.length > 1) problems.push({ path: `args.${given[1]}`, message: `mutually exclusive with ${given[0]}` });
  }
}

/**
 * Checks a task's arguments against a module's schema, with Ansible's conventions: argument aliases,
 * free-form text, yes/no booleans, numbers given as strings. Reports every problem, not just the first.
 */
export function validateArgs(mod: AnyModule, raw: unknown, opts: ValidateOptions): ValidatedArgs {
  const problems: ArgProblem[] = [];
  const isTemplated = opts.isTemplated ?? ((v: unknown) => typeof v === 'string' && v.includes('{{'));
  if (opts.stage === 'parse' && isTemplated(raw)) return { args: {}, problems };
  const given = typeof raw === 'string' ? { _raw_params: raw } : (raw ?? {});
  if (typeof given !== 'object' || Array.isArray(given)) {
    return { args: {}, problems: [{ path: 'args', message: 'must be a mapping of argument names to values' }] };
  }
  if (mod.acceptsAnyArgs) return { args: { ...(given as Record<string, unknown>) }, problems };
  const canonical = canonicalise(mod, given as Record<string, unknown>, problems);
  const args = coerceArgs(canonical, properties(mod));
  checkExclusive(mod, args, problems);
  const validate = compileSchema(mod);
  if (!validate(args)) {
    for (const err of validate.errors ?? []) {
      const problem = describeAjvError(err);
      const key = problem.path.split('.')[1];
      if (opts.stage === 'parse' && key !== undefined && isTemplated(canonical[key])) continue;
      problems.push(problem);
    }
  }
  return { args, problems };
}

/** `copy: args.mode: must be string; args.dset: unknown argument (…)` */
export function formatArgProblems(moduleName: string, problems: ArgProblem[]): string {
  return `${moduleName}: ${problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`;
}

/** validateArgs, throwing a user error listing every problem. */
export function checkArgs(mod: AnyModule, raw: unknown, opts: ValidateOptions & { origin?: Origin }): Record<string, unknown> {
  const { args, problems } = validateArgs(mod, raw, opts);
  if (problems.length) {
    throw new TsibleError(formatArgProblems(mod.name, problems), { origin: opts.origin, exitCode: ExitCode.error });
  }
  return args;
}
