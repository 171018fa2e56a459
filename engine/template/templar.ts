import { existsSync, readFileSync } from 'fs';
import { join } from 'path';
import { TsibleError } from '../errors';
import { UnsafeText } from '../playbook/yaml';
import { FILTERS } from './filters';
import { makeGlobals } from './globals';
import { runLookup } from './lookups';
import { concat, headerOverrides, isTemplated, nativeConcat, trailingNewlines } from './native';
import { NativeJinjaText } from './native-text';
import { JNode, ParseOptions, parseTemplate } from './parse';
import { finalizePart, renderNodes } from './render';
import type { PythonPlugins } from './python-plugins';
import { Frame, RenderTextOptions, State } from './scope';
import { Session, SessionHost } from './session';
import { templateError } from './template-errors';
import { isUnsafeData, markUnsafe, setOwn } from './unsafe';
import { TESTS } from './tests';
import { Templar, TemplateOptions } from './types';
import { UndefinedError, isDict, isNumber, toPlain, truthy } from './values';

/**
 * Ansible 2.14's templating. Playbook strings and template files are parsed with trim_blocks on and
 * lstrip_blocks off; Jinja2 drops one trailing newline and Ansible puts the input's trailing newlines
 * back. With jinja2_native off (2.14's default) every result is text, except that a result that looks
 * like a list, dict or boolean is read back as a Python literal, and `{{ var }}` alone returns a
 * numeric/boolean/None variable unchanged. With it on, playbook strings keep their values' types (see
 * nativeConcat); conditionals and template files render as with it off, as in Ansible.
 */

const SINGLE_VAR = /^\{\{\s*(\w*)\s*\}\}$/;

function conditionalError(conditional: string, e: unknown, opts: TemplateOptions): TsibleError {
  const inner = e instanceof TsibleError ? e.message.replace(/\. String: [\s\S]*$/, '') : String(e);
  return new TsibleError(
    `The conditional check '${conditional}' failed. The error was: error while evaluating conditional (${conditional}): ${inner}`,
    { origin: e instanceof TsibleError && e.origin ? e.origin : opts.origin, cause: e },
  );
}

const FILE_SYNTAX: ParseOptions = { trimBlocks: true, lstripBlocks: false, literalBackslashes: false };

interface RenderMode {
  file?: string;
  blocks?: TemplateOptions['blocks'];
  convert: boolean;
  literalBackslashes: boolean;
  /** jinja2_native's concat (conditionals, template files and `{% include %}` never use it, as in Ansible). */
  native?: boolean;
}

/** Whether an error comes from a variable (or attribute) that is not defined, however deep it was wrapped. */
function isUndefinedFailure(e: unknown): boolean {
  for (let cur = e; cur instanceof Error; cur = cur.cause) if (cur instanceof UndefinedError) return true;
  return false;
}

class AnsibleTemplar implements Templar, SessionHost {
  private readonly trees = new Map<string, JNode>();

  constructor(
    readonly plugins?: PythonPlugins,
    readonly native = false,
    readonly managed?: string,
  ) {}

  template(value: unknown, vars: Record<string, unknown>, opts: TemplateOptions = {}): unknown {
    const session = new Session(this, vars, opts);
    return toPlain(this.templateDeep(session, value, opts.preserveTypes !== false, opts.failOnUndefined === false));
  }

  evaluateConditional(expr: unknown, vars: Record<string, unknown>, opts: TemplateOptions = {}): boolean {
    if (typeof expr === 'boolean') return expr;
    if (expr === null || expr === undefined || expr === '') return true;
    const session = new Session(this, vars, opts);
    const original = typeof expr === 'string' ? expr : finalizePart(expr);
    let text: string;
    try {
      // Ansible templates the conditional first; only text goes on to be evaluated as an expression.
      const cond = this.templateDeep(session, expr, true);
      // Text from a host or a lookup is data: evaluating it as an expression would run what it says.
      if (cond instanceof UnsafeText) throw new TsibleError('Conditional is marked as unsafe, and cannot be evaluated.');
      if (typeof cond !== 'string' || cond === '') return truthy(cond);
      text = cond;
    } catch (e) {
      throw conditionalError(original, e, opts);
    }
    try {
      const out = this.renderString(session, `{% if ${text} %} True {% else %} False {% endif %}`, { convert: false, literalBackslashes: true });
      return String(out).trim() === 'True';
    } catch (e) {
      throw conditionalError(original, e, opts);
    }
  }

  isTemplated(value: unknown): boolean {
    return isTemplated(value);
  }

  query(name: string, terms: unknown[], vars: Record<string, unknown>, opts: TemplateOptions & { kwargs?: Record<string, unknown> } = {}): unknown[] {
    const session = new Session(this, vars, opts);
    try {
      // Ansible's with_<lookup> items are unsafe, as lookup results are.
      return markUnsafe(toPlain(runLookup(name, terms, opts.kwargs ?? {}, session.ctx, true))) as unknown[];
    } catch (e) {
      throw templateError(e, `query('${name}')`, opts.origin, false);
    }
  }

  renderFile(text: string, vars: Record<string, unknown>, opts: TemplateOptions = {}): string {
    const session = new Session(this, vars, opts);
    return String(this.renderString(session, text, { file: opts.origin?.file, convert: false, literalBackslashes: false, blocks: opts.blocks }));
  }

  templateValue(session: Session, value: unknown): unknown {
    return this.templateDeep(session, value, true);
  }

  private templateDeep(session: Session, value: unknown, convert: boolean, lenient = false): unknown {
    if (isUnsafeData(value)) return value;
    // Text kept as text (a `to_json` result) is still a string Ansible templates when it holds a template.
    if (value instanceof NativeJinjaText) return isTemplated(value.text) ? this.templateDeep(session, value.text, convert, lenient) : value;
    if (typeof value === 'string') return lenient ? this.templateLeniently(session, value, convert) : this.templateString(session, value, convert);
    // Containers are copied only when something inside them changed.
    if (Array.isArray(value)) {
      let changed = false;
      const out = value.map((v) => {
        const r = this.templateDeep(session, v, convert, lenient);
        changed ||= r !== v;
        return r;
      });
      return changed ? out : value;
    }
    if (isDict(value)) {
      let changed = false;
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const r = this.templateDeep(session, v, convert, lenient);
        setOwn(out, k, r);
        changed ||= r !== v;
      }
      return changed ? out : value;
    }
    return value;
  }

  private templateLeniently(session: Session, s: string, convert: boolean): unknown {
    try {
      return this.templateString(session, s, convert);
    } catch (e) {
      if (isUndefinedFailure(e)) return s;
      throw e;
    }
  }

  private templateString(session: Session, s: string, convert: boolean): unknown {
    if (!isTemplated(s)) return s;
    const single = SINGLE_VAR.exec(s);
    if (single && single[1] in session.vars) {
      const raw = session.vars[single[1]];
      if (isNumber(raw) || typeof raw === 'boolean' || raw === null) return raw;
    }
    return this.renderUnsafeAware(session, () => this.renderString(session, s, { convert, literalBackslashes: true, native: this.native }));
  }

  /**
   * Renders with a fresh taint flag: a result made from unsafe data (or a lookup) is marked unsafe, so it
   * is never templated again wherever it is stored. A tainted inner render taints the outer one too.
   */
  private renderUnsafeAware(session: Session, render: () => unknown): unknown {
    const outer = session.tainted;
    session.tainted = false;
    try {
      const result = render();
      return session.tainted ? markUnsafe(result) : result;
    } finally {
      session.tainted ||= outer;
    }
  }

  private renderString(session: Session, src: string, mode: RenderMode): unknown {
    const st = this.state(session);
    try {
      const { text, trimBlocks, lstripBlocks, keepTrailingNewline, delimiters } = headerOverrides(src, mode.blocks);
      // Jinja2 drops one trailing newline; Ansible then restores as many as the input ended with.
      const eol = src.endsWith('\r\n') ? '\r\n' : '\n';
      const source = text.endsWith('\n') && !keepTrailingNewline ? text.slice(0, -eol.length) : text;
      const tree = this.parse(source, { trimBlocks, lstripBlocks, literalBackslashes: mode.literalBackslashes, delimiters });
      const out: unknown[] = [];
      st.native = mode.native === true;
      renderNodes(st, tree, new Frame(), out);
      let result = mode.native ? nativeConcat(out) : concat(out, mode.convert);
      // Text built from unsafe parts is unsafe text, and gets its newlines back all the same.
      if (typeof result === 'string' || result instanceof UnsafeText) {
        const text = String(result);
        const missing = trailingNewlines(src) - trailingNewlines(text);
        if (missing > 0) result = isUnsafeData(result) ? new UnsafeText(text + eol.repeat(missing)) : text + eol.repeat(missing);
      }
      return result;
    } catch (e) {
      throw templateError(e, src, session.opts.origin, mode.file !== undefined, st.pos);
    }
  }

  private parse(source: string, opts: ParseOptions): JNode {
    const key = [opts.literalBackslashes, opts.trimBlocks, opts.lstripBlocks].map(Number).join('') + (opts.delimiters ? JSON.stringify(opts.delimiters) : '') + source;
    let tree = this.trees.get(key);
    if (!tree) {
      tree = parseTemplate(source, opts);
      if (this.trees.size > 5000) this.trees.clear();
      this.trees.set(key, tree);
    }
    return tree;
  }

  state(session: Session): State {
    const st: State = {
      ctx: session.ctx,
      filters: FILTERS,
      tests: TESTS,
      globals: makeGlobals(session.ctx),
      pos: { lineno: 0, colno: 0 },
      renderInclude: (name, frame) => this.renderIncluded(session, name, frame),
      importTemplate: (name) => this.importTemplate(session, name),
    };
    return st;
  }

  renderIncluded(session: Session, name: string, frame: Frame): string {
    return String(concat(this.runTemplateFile(session, name, new Frame(frame)), false));
  }

  private importTemplate(session: Session, name: string): Record<string, unknown> {
    const frame = new Frame();
    this.runTemplateFile(session, name, frame);
    return frame.locals();
  }

  /** Renders a template file found on the search paths (templates/ first) into `frame`. */
  private runTemplateFile(session: Session, name: string, frame: Frame): unknown[] {
    const dirs = session.opts.searchPaths ?? ['.'];
    const candidates = dirs.flatMap((d) => [join(d, 'templates', name), join(d, name)]);
    const file = candidates.find((f) => existsSync(f));
    if (!file) throw new TsibleError(`the template '${name}' was not found (searched: ${dirs.join(', ')})`);
    const text = readFileSync(file, 'utf8');
    const sub = new Session(this, session.vars, { ...session.opts, origin: { file, line: 1, column: 1 } });
    const out: unknown[] = [];
    const st = this.state(sub);
    try {
      renderNodes(st, this.parse(text.replace(/\r?\n$/, ''), FILE_SYNTAX), frame, out);
    } catch (e) {
      throw templateError(e, text, sub.opts.origin, true, st.pos);
    }
    return out;
  }

  renderText(session: Session, text: string, extra: Record<string, unknown>, file: string, how: RenderTextOptions = {}): unknown {
    const vars = Object.assign(Object.create(session.vars) as Record<string, unknown>, extra);
    const sub = new Session(this, vars, { ...session.opts, origin: { file, line: 1, column: 1 } });
    const out = this.renderString(sub, text, { file, convert: how.convert ?? false, literalBackslashes: false, blocks: how.syntax, native: how.native });
    return how.convert || how.native ? out : String(out);
  }
}

/**
 * A templar with Ansible 2.14's defaults, and the playbook's Python plug-ins when it brings some; `native`
 * is ansible.cfg's jinja2_native.
 */
export function createTemplar(plugins?: PythonPlugins, options: { native?: boolean; managed?: string } = {}): Templar {
  return new AnsibleTemplar(plugins, options.native === true, options.managed);
}
