import type { PythonPlugins } from './python-plugins';
import { TemplateOptions, TemplateSyntax } from './types';

/** Variables local to a template (loop variables, `set`, macro arguments), innermost first. */
export class Frame {
  private readonly vars = new Map<string, unknown>();
  constructor(readonly parent?: Frame) {}

  lookup(name: string): { found: boolean; value?: unknown } {
    if (this.vars.has(name)) return { found: true, value: this.vars.get(name) };
    return this.parent ? this.parent.lookup(name) : { found: false };
  }

  set(name: string, value: unknown): void {
    this.vars.set(name, value);
  }

  /** This frame's own names (what `{% import %}` exposes of a template). */
  locals(): Record<string, unknown> {
    return Object.fromEntries(this.vars);
  }
}

/** Calls a filter/test function gets, to reach other filters, tests, lookups and the variables. */
export interface CallContext {
  filter(name: string, value: unknown, args?: unknown[], kwargs?: Record<string, unknown>): unknown;
  test(name: string, value: unknown, args?: unknown[], kwargs?: Record<string, unknown>): boolean;
  /** A variable as `{{ name }}` would see it (templated), or undefined when not defined. */
  variable(name: string): { found: boolean; value?: unknown };
  /**
   * Renders a template file's text with the current variables plus `extra` (the `template` lookup): text,
   * or with `convert` a value read back from it as Ansible's convert_data does.
   */
  renderText(text: string, extra: Record<string, unknown>, file: string, how?: RenderTextOptions): unknown;
  /** Marks the render in progress as unsafe: its result is data that is never templated again. */
  taint(): void;
  /** Taints the render in progress when `value` is or holds unsafe text. */
  noteRead(value: unknown): void;
  opts: TemplateOptions;
  /** The playbook's Python filter, test and lookup plug-ins, for names tsible has none of. */
  plugins?: PythonPlugins;
  /** Whether jinja2_native is on (ansible.cfg or ANSIBLE_JINJA2_NATIVE). */
  native: boolean;
  /** ansible.cfg's ansible_managed. */
  managed?: string;
}

export interface RenderTextOptions {
  syntax?: TemplateSyntax;
  convert?: boolean;
  /** Render as jinja2_native does (the template lookup's jinja2_native=true, when native mode is on). */
  native?: boolean;
}

export type FilterFn = (value: unknown, args: unknown[], kwargs: Record<string, unknown>, ctx: CallContext) => unknown;
export type TestFn = (value: unknown, args: unknown[], kwargs: Record<string, unknown>, ctx: CallContext) => boolean;
export type LookupFn = (terms: unknown[], kwargs: Record<string, unknown>, ctx: CallContext) => unknown[];

/** Everything an evaluation needs beyond the tree: the registries and how to find a variable. */
export interface State {
  ctx: CallContext;
  filters: Record<string, FilterFn>;
  tests: Record<string, TestFn>;
  globals: Record<string, unknown>;
  /** Ansible's jinja2_native: the output's parts are read back as Python values (see nativeConcat). */
  native?: boolean;
  /** Where evaluation is, 0-based, for error positions. */
  pos: { lineno: number; colno: number };
  /** Renders another template for `{% include %}`, seeing the including template's names. */
  renderInclude(name: string, frame: Frame): string;
  /** Runs another template for `{% import %}` and returns its top-level names (its macros). */
  importTemplate(name: string): Record<string, unknown>;
}
