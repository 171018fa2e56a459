import { Origin } from '../errors';

/** What a template evaluation may need beyond the variables. */
export interface TemplateOptions {
  /** Where the templated value came from, for errors (task file:line or template file). */
  origin?: Origin;
  /** Directories searched by lookups like file/template/fileglob, in order (role, play, playbook dir). */
  searchPaths?: string[];
  /** A value that is exactly one `{{ expr }}` keeps its native type (Ansible's default behaviour). */
  preserveTypes?: boolean;
  /**
   * false: a string whose templating needs a variable that is not defined stays as written (Ansible's
   * fail_on_undefined=False, how hostvars templates a host's values). Variables it reads are still strict.
   */
  failOnUndefined?: boolean;
  /** For template files: the template module's (or lookup's) syntax options; a `#jinja2:` header still wins. */
  blocks?: TemplateSyntax;
}

/** Jinja2 environment options a template file may be rendered with. */
export interface TemplateSyntax {
  trimBlocks?: boolean;
  lstripBlocks?: boolean;
  /** Other delimiters than `{% %}`, `{{ }}` and `{# #}` (block_start_string…). */
  delimiters?: Delimiters;
}

export interface Delimiters {
  blockStart?: string;
  blockEnd?: string;
  variableStart?: string;
  variableEnd?: string;
  commentStart?: string;
  commentEnd?: string;
}

export interface Templar {
  /** Whether jinja2_native is on: templated values keep their types (set_fact then converts no yes/no text). */
  readonly native?: boolean;
  /** ansible.cfg's ansible_managed, the pattern of the variable templates see. */
  readonly managed?: string;
  /** Renders strings inside any value (lists and dicts recursively); non-strings are returned as they are. */
  template(value: unknown, vars: Record<string, unknown>, opts?: TemplateOptions): unknown;
  /** Evaluates a `when:`/`failed_when:` style expression (no braces) to a boolean. */
  evaluateConditional(expr: unknown, vars: Record<string, unknown>, opts?: TemplateOptions): boolean;
  /** Whether a string contains Jinja2 syntax that templating would change. */
  isTemplated(value: unknown): boolean;
  /**
   * Runs a lookup plugin as `query(name, *terms, **kwargs)` does (always a list): what `with_<name>` loops
   * use, e.g. with_fileglob, with_first_found, with_lines.
   */
  query(name: string, terms: unknown[], vars: Record<string, unknown>, opts?: TemplateOptions & { kwargs?: Record<string, unknown> }): unknown[];
  /** Renders a template file's text (trim_blocks on, as Ansible's template module does). */
  renderFile(text: string, vars: Record<string, unknown>, opts?: TemplateOptions): string;
}
