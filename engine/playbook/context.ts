import { existsSync, statSync } from 'fs';
import { isAbsolute, resolve } from 'path';
import { ExitCode, ExitCodeValue, Origin, TsibleError, isTsibleError } from '../errors';
import { createTemplar } from '../template/templar';
import { Templar } from '../template/types';
import { loadYamlFile } from './yaml';

/** What a playbook load needs from outside: the module registry and the config's roles_path. */
export interface LoadOptions {
  /** Whether a module/action name exists; when absent, any name is accepted. */
  isKnownModule?: (name: string) => boolean;
  /**
   * The module a task's action means under the `collections:` list in force: the name the task runs
   * (short for a builtin, the FQCN for a collection's), undefined when nothing provides it. Throws for
   * a name its collection has removed. When given, it decides instead of isKnownModule.
   */
  resolveModule?: (name: string, collections: readonly string[]) => string | undefined;
  /** Every known module name, for "did you mean" hints. */
  moduleNames?: () => Iterable<string>;
  /** The config's roles_path, searched after `<playbook dir>/roles`. */
  rolesPath?: string[];
  /** `-e` variables: like Ansible, they may name the file of an import_tasks/import_role/import_playbook. */
  extraVars?: Record<string, unknown>;
  /** Where warnings found while loading go (a key given twice in a mapping); dropped when absent. */
  onWarning?: (message: string) => void;
  /** ansible.cfg's duplicate_dict_key. */
  duplicateKeys?: 'warn' | 'error' | 'ignore';
  /** ansible.cfg's error_on_missing_handler: when false, a notify naming no handler only warns, at run time. */
  errorOnMissingHandler?: boolean;
}

/**
 * State shared while loading one playbook: the options and every problem found so far. Loading never
 * stops at the first problem; each stage reports and carries on so the user sees them all at once.
 */
export class LoadContext {
  readonly problems: TsibleError[] = [];
  /** Files being loaded, to refuse a file that imports itself. */
  readonly loading: string[] = [];
  /** Where loading is, outermost first (`play "web"`, `role "nginx"`, `task "install"`), for messages. */
  private readonly where: string[] = [];

  private templar?: Templar;

  constructor(readonly opts: LoadOptions) {}

  /**
   * An import named with `{{ }}` is resolved now, with the variables known before any host is
   * contacted (play and role vars, extra vars), as Ansible does; undefined when that is not enough.
   */
  renderStatic(value: unknown, vars: Record<string, unknown>): string | undefined {
    if (typeof value !== 'string') return undefined;
    if (!isTemplated(value)) return value;
    this.templar ??= createTemplar();
    try {
      const out = this.templar.template(value, { ...vars, ...this.opts.extraVars });
      return typeof out === 'string' && !isTemplated(out) ? out : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * A context to look into a dynamic include with: Ansible reads an include's file only when the include
   * runs, so what is found there (a role whose handlers may be notified) is used, but its problems are
   * not reported now; the include reports them if it runs.
   */
  lookahead(): LoadContext {
    const ahead = new LoadContext({ ...this.opts, onWarning: undefined });
    ahead.loading.push(...this.loading);
    return ahead;
  }

  report(message: string, origin: Origin | undefined, exitCode: ExitCodeValue = ExitCode.parserError, hint?: string): void {
    this.problems.push(new TsibleError(message, { origin, exitCode, hint, context: [...this.where] }));
  }

  /** Runs `load` with `label` added to the context of the problems it reports. */
  within<T>(label: string | undefined, load: () => T): T {
    if (label === undefined) return load();
    this.where.push(label);
    try {
      return load();
    } finally {
      this.where.pop();
    }
  }

  /** Loads a YAML file, reporting a syntax error as a problem; undefined when it could not be read. */
  loadYaml(file: string, origin?: Origin): unknown {
    try {
      return loadYamlFile(file, { onWarning: this.opts.onWarning, duplicateKeys: this.opts.duplicateKeys });
    } catch (err) {
      if (!isTsibleError(err)) throw err;
      this.problems.push(err.origin ? err : new TsibleError(err.message, { origin, exitCode: err.exitCode }));
      return undefined;
    }
  }
}

/** The first existing file among `dirs/name`, or undefined. */
export function findFile(name: string, dirs: string[]): string | undefined {
  if (isAbsolute(name)) return isFile(name) ? name : undefined;
  for (const dir of dirs) {
    const candidate = resolve(dir, name);
    if (isFile(candidate)) return candidate;
  }
  return undefined;
}

/** Anything readable that is not a directory (a device like /dev/null counts, as for Ansible). */
export function isFile(path: string): boolean {
  return existsSync(path) && !statSync(path).isDirectory();
}

export function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

export function isDict(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

export function isTemplated(v: unknown): boolean {
  return typeof v === 'string' && /\{\{|\{%/.test(v);
}

/** `tags: a,b`, `tags: [a, 1]` → strings, as Ansible normalises them. */
export function tagList(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  const items = Array.isArray(v) ? v : String(v).split(',');
  return items.map((t) => String(t).trim()).filter(Boolean);
}

/** `notify: x`, `listen: [a, b]` → a list of names. */
export function nameList(v: unknown): string[] {
  if (v === null || v === undefined) return [];
  return (Array.isArray(v) ? v : [v]).map(String);
}

export function union(...lists: string[][]): string[] {
  return [...new Set(lists.flat())];
}
