import { ExitCode, Origin, TsibleError } from '../../errors';
import { didYouMean } from '../../module/did-you-mean';
import { originOf } from '../../playbook/yaml';

/**
 * Reading a plug-in's YAML options with Ansible's loose typing (a comma-separated string is a list,
 * `yes`/`no` are booleans, numbers are text where text is wanted), collecting every problem with its
 * file:line:column so they are all reported at once.
 */

type Dict = Record<string, unknown>;

const TRUE_WORDS = ['y', 'yes', 'on', '1', 'true', 't'];
const FALSE_WORDS = ['n', 'no', 'off', '0', 'false', 'f', ''];

export class OptionReader {
  readonly problems: TsibleError[] = [];

  constructor(
    readonly doc: Dict,
    readonly file: string,
    private readonly plugin: string,
  ) {}

  /** Where `key` of `node` is written (its value by default), for messages. */
  at(node: unknown, key?: string | number, which: 'key' | 'value' = 'value'): Origin {
    return originOf(node, key, which) ?? { file: this.file, line: 1, column: 1 };
  }

  problem(message: string, origin: Origin, hint?: string): void {
    this.problems.push(new TsibleError(`${this.plugin} inventory: ${message}`, { origin, hint, exitCode: ExitCode.parserError }));
  }

  /** Top-level keys the plug-in does not know; Ansible ignores them silently, a typo deserves a word. */
  unknownKeys(known: readonly string[], warn: (message: string) => void): void {
    for (const key of Object.keys(this.doc)) {
      if (known.includes(key)) continue;
      const o = this.at(this.doc, key, 'key');
      const guess = didYouMean(key, known);
      warn(`${o.file}:${o.line}:${o.column}: ignoring unknown ${this.plugin} option '${key}'${guess ? ` (did you mean '${guess}'?)` : ''}`);
    }
  }

  /** The first of `names` (an option and its aliases) that is set. */
  key(...names: string[]): string | undefined {
    return names.find((n) => this.doc[n] !== undefined && this.doc[n] !== null);
  }

  str(name: string, ...aliases: string[]): string | undefined {
    const key = this.key(name, ...aliases);
    if (key === undefined) return undefined;
    const value = this.doc[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return String(value);
    this.problem(`${key} must be a string`, this.at(this.doc, key));
    return undefined;
  }

  bool(name: string, fallback: boolean): boolean {
    const value = this.doc[name];
    if (value === undefined || value === null) return fallback;
    if (typeof value === 'boolean') return value;
    const word = String(value).trim().toLowerCase();
    if (TRUE_WORDS.includes(word)) return true;
    if (FALSE_WORDS.includes(word)) return false;
    this.problem(`${name} must be a boolean (true or false), got '${String(value)}'`, this.at(this.doc, name));
    return fallback;
  }

  list(name: string): unknown[] {
    const value = this.doc[name];
    if (value === undefined || value === null) return [];
    if (Array.isArray(value)) return value;
    if (typeof value === 'string') return value.split(',').map((s) => s.trim()).filter(Boolean);
    this.problem(`${name} must be a list`, this.at(this.doc, name));
    return [];
  }

  dict(name: string): Dict {
    const value = this.doc[name];
    if (value === undefined || value === null) return {};
    if (isDict(value)) return value;
    this.problem(`${name} must be a mapping`, this.at(this.doc, name));
    return {};
  }

  /** A mapping whose values are Jinja expressions (compose, groups). */
  expressions(name: string): Record<string, string> {
    const dict = this.dict(name);
    const out: Record<string, string> = {};
    for (const [key, value] of Object.entries(dict)) {
      if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') out[key] = String(value);
      else this.problem(`${name}.${key} must be an expression (a string)`, this.at(dict, key));
    }
    return out;
  }
}

export function isDict(v: unknown): v is Dict {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
