import { TsibleError } from '../errors';
import { UnsafeText } from '../playbook/yaml';
import { FILTERS } from './filters';
import type { PythonPlugins } from './python-plugins';
import { CallContext, RenderTextOptions } from './scope';
import { isCollectionPluginName } from '../plugins/fqcn';
import { TESTS } from './tests';
import { TemplateOptions } from './types';
import { containsUnsafe } from './unsafe';
import { Undefined, VALUES_ARE_TEMPLATED, failUndefined } from './values';

/**
 * One top-level templating call: the variables, the cache of variables already templated, and the
 * names being templated right now (to report `a: "{{ b }}"`, `b: "{{ a }}"` instead of recursing forever).
 */

/** What the session needs from the templar: turning a raw variable value into its templated value. */
export interface SessionHost {
  templateValue(session: Session, value: unknown): unknown;
  renderText(session: Session, text: string, extra: Record<string, unknown>, file: string, how?: RenderTextOptions): unknown;
  readonly plugins?: PythonPlugins;
  readonly native: boolean;
  readonly managed?: string;
}

export { VALUES_ARE_TEMPLATED } from './values';

export class Session {
  private readonly cache = new Map<string, unknown>();
  private readonly resolving: string[] = [];
  /**
   * Whether the render in progress read unsafe data (host results, facts, a lookup): its result is then
   * unsafe too, as Ansible's context marks it, so no filter or concatenation can launder host text.
   */
  tainted = false;
  /** Containers already found to hold no unsafe text in this session, not walked again. */
  private readonly clean = new WeakSet<object>();
  readonly ctx: CallContext;

  constructor(
    readonly host: SessionHost,
    readonly vars: Record<string, unknown>,
    readonly opts: TemplateOptions,
  ) {
    this.ctx = {
      filter: (name, value, args = [], kwargs = {}) => {
        const fn = (isCollectionPluginName(name) ? host.plugins?.filter(name) : undefined) ?? FILTERS[name] ?? host.plugins?.filter(name);
        if (!fn) throw new TsibleError(`template error: No filter named '${name}'.`, { origin: opts.origin });
        return fn(value, args, kwargs, this.ctx);
      },
      test: (name, value, args = [], kwargs = {}) => {
        const fn = (isCollectionPluginName(name) ? host.plugins?.test(name) : undefined) ?? TESTS[name] ?? host.plugins?.test(name);
        if (!fn) {
          // Named by a string (select, selectattr…): Ansible's plugin loader words it, with Jinja2's error class.
          const why = /^[A-Za-z_]\w*(\.[A-Za-z_]\w*)*$/.test(name) ? name : `invalid plugin name: ansible.builtin.${name}`;
          throw new TsibleError(`TemplateSyntaxError: Could not load "${name}": '${why}'`, { origin: opts.origin });
        }
        if (value instanceof Undefined && name !== 'defined' && name !== 'undefined') failUndefined(value);
        return fn(value, args, kwargs, this.ctx);
      },
      variable: (name) => this.variable(name),
      renderText: (text, extra, file, how) => host.renderText(this, text, extra, file, how),
      taint: () => {
        this.tainted = true;
      },
      noteRead: (value) => this.noteRead(value),
      opts,
      plugins: host.plugins,
      native: host.native,
      managed: host.managed,
    };
  }

  /** A variable's templated value; variables holding templates are rendered on first use. */
  variable(name: string): { found: boolean; value?: unknown } {
    const v = this.resolve(name);
    if (v.found) this.noteRead(v.value);
    return v;
  }

  /** Taints the render when a value it read is or holds unsafe text. */
  noteRead(value: unknown): void {
    if (this.tainted || value === null || (typeof value !== 'object' && typeof value !== 'function')) return;
    if (this.clean.has(value)) return;
    if (containsUnsafe(value)) this.tainted = true;
    else this.clean.add(value);
  }

  private resolve(name: string): { found: boolean; value?: unknown } {
    if (this.cache.has(name)) return { found: true, value: this.cache.get(name) };
    // Ansible's `vars`: every variable, as stored (not templated).
    if (!(name in this.vars) || name in Object.prototype) return name === 'vars' ? { found: true, value: this.vars } : { found: false };
    const raw = this.vars[name];
    if (raw === undefined) return { found: false };
    if (raw instanceof UnsafeText || name === 'hostvars' || name === 'vars') return { found: true, value: raw };
    if ((this.vars as Record<symbol, unknown>)[VALUES_ARE_TEMPLATED] === true) return { found: true, value: raw };
    if (this.resolving.includes(name)) {
      throw new TsibleError(
        `recursive loop detected in template string: variable '${name}' is defined in terms of itself (${[...this.resolving, name].join(' -> ')})`,
        { origin: this.opts.origin },
      );
    }
    this.resolving.push(name);
    try {
      const value = this.host.templateValue(this, raw);
      this.cache.set(name, value);
      return { found: true, value };
    } finally {
      this.resolving.pop();
    }
  }
}
