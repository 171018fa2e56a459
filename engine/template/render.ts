import { TemplateSyntax, evalExpr } from './evaluate';
import { NativeJinjaText } from './native-text';
import { JNode } from './parse';
import { pyIter, pyStr } from './python';
import { Frame, State } from './scope';
import { isLazyVars } from './unsafe';
import { LenientUndefined, PyCallable, PyDict, TemplateRuntimeError, Undefined, failUndefined, isDict, plain, truthy } from './values';

/**
 * Renders statements into a list of output parts. Parts stay Python values until the end, because
 * Ansible decides a template's result type from them (one part keeps its value, several are joined).
 */

/** Dicts made by Jinja2's `namespace()`: the only objects `{% set ns.x = … %}` may assign into. */
export const namespaces = new WeakSet<object>();

export function renderNodes(st: State, node: JNode | null | undefined, frame: Frame, out: unknown[]): void {
  if (!node) return;
  for (const child of node.children ?? []) renderNode(st, child, frame, out);
}

/** Renders a body to one string (set blocks, macros, filter blocks). */
export function capture(st: State, node: JNode | null | undefined, frame: Frame): string {
  const out: unknown[] = [];
  renderNodes(st, node, frame, out);
  return out.map(finalizePart).join('');
}

/**
 * Filters that make text on purpose (`to_json`, `string`…): what they print is NativeJinjaText, which Ansible
 * does not read back as a literal even when it looks like a list or dict (its STRING_TYPE_FILTERS).
 */
const STRING_TYPE_FILTERS = new Set(['string', 'to_json', 'to_nice_json', 'to_yaml', 'to_nice_yaml', 'ppretty', 'json']);

function isStringFilter(node: JNode): boolean {
  if (node.typename !== 'Filter') return false;
  const name = String(node.name?.value);
  return STRING_TYPE_FILTERS.has(name.slice(name.lastIndexOf('.') + 1));
}

/** How one printed value becomes text: Ansible prints None as an empty string. */
export function finalizePart(v: unknown): string {
  if (v === null || v instanceof LenientUndefined) return '';
  return pyStr(v);
}

/**
 * Ansible fails a printed value that is or holds an undefined one (`{{ [{'k': missing}] }}`), however deep,
 * rather than printing it. Lazy variables (hostvars) are not walked: they fail when read.
 */
function failOnUndefined(v: unknown, seen = new Set<object>()): void {
  if (v instanceof Undefined) failUndefined(v);
  if (v === null || typeof v !== 'object' || seen.has(v) || isLazyVars(v)) return;
  seen.add(v);
  if (Array.isArray(v)) v.forEach((x) => failOnUndefined(x, seen));
  else if (isDict(v)) Object.values(v).forEach((x) => failOnUndefined(x, seen));
}

function renderNode(st: State, node: JNode, frame: Frame, out: unknown[]): void {
  st.pos.lineno = node.lineno;
  st.pos.colno = node.colno;
  switch (node.typename) {
    case 'Output':
      for (const child of node.children ?? []) {
        const v = child.typename === 'TemplateData' ? child.value : evalExpr(st, child, frame);
        failOnUndefined(v);
        // Native mode reads the parts back as they are: an empty one still counts (`{{ '' }}` is '', not None).
        if (v === '' && !st.native) continue;
        out.push(typeof v === 'string' && isStringFilter(child) ? new NativeJinjaText(v) : v);
      }
      return;
    case 'If': {
      // `elif` arrives as an If node in else_, a plain body as a NodeList.
      const branch = truthy(evalExpr(st, node.cond as JNode, frame)) ? node.body : node.else_;
      if (branch) renderNode(st, branch, frame, out);
      return;
    }
    case 'For': return renderFor(st, node, frame, out);
    case 'Set': return renderSet(st, node, frame);
    case 'Macro': {
      const name = String(node.name?.value);
      frame.set(name, renderCallable(st, node, frame));
      return;
    }
    case 'Include': out.push(st.renderInclude(pyStr(evalExpr(st, node.template as JNode, frame)), frame)); return;
    case 'Import': {
      const exported = st.importTemplate(pyStr(evalExpr(st, node.template as JNode, frame)));
      frame.set(String(node.target?.value), exported);
      return;
    }
    case 'FromImport': return fromImport(st, node, frame);
    case 'NodeList': case 'Root': renderNodes(st, node, frame, out); return;
    // Without {% extends %} (not supported), a block is just its body, as in Jinja2.
    case 'Block': renderNodes(st, node.body, frame, out); return;
    case 'With': {
      const inner = new Frame(frame);
      (node.targets ?? []).forEach((t, i) => assign(t, evalExpr(st, (node.children ?? [])[i], frame), inner, st));
      renderNodes(st, node.body, inner, out);
      return;
    }
  }
  throw new TemplateSyntax(`unsupported template tag (${node.typename})`, node);
}

function fromImport(st: State, node: JNode, frame: Frame): void {
  const exported = st.importTemplate(pyStr(evalExpr(st, node.template as JNode, frame)));
  for (const item of node.names?.children ?? []) {
    const name = String(item.typename === 'Pair' ? item.key?.value : item.value);
    const alias = item.typename === 'Pair' ? String((item.value as JNode).value) : name;
    if (!(name in exported)) throw new TemplateRuntimeError(`the template does not export the requested name '${name}'`);
    frame.set(alias, exported[name]);
  }
}

function assign(target: JNode, value: unknown, frame: Frame, st: State): void {
  if (target.typename === 'Symbol') {
    frame.set(String(target.value), value);
  } else if (target.typename === 'Array') {
    const items = pyIter(plain(value));
    const names = target.children ?? [];
    if (items.length !== names.length) {
      throw new TemplateRuntimeError(`cannot unpack ${items.length} values into ${names.length} names`);
    }
    names.forEach((n, i) => assign(n, items[i], frame, st));
  } else if (target.typename === 'LookupVal') {
    const ns = evalExpr(st, target.target as JNode, frame);
    if (!isDict(ns) || !namespaces.has(ns)) throw new TemplateRuntimeError('cannot assign attribute on non-namespace object');
    ns[String(target.val?.value)] = value;
  } else {
    throw new TemplateSyntax('can only assign to names', target);
  }
}

function renderSet(st: State, node: JNode, frame: Frame): void {
  const value = node.value ? evalExpr(st, node.value as JNode, frame) : capture(st, node.body?.body, frame);
  const targets = node.targets ?? [];
  for (const t of targets) assign(t, value, frame, st);
}

function loopObject(items: unknown[], i: number): PyDict {
  const n = items.length;
  return {
    index: i + 1, index0: i, revindex: n - i, revindex0: n - i - 1,
    first: i === 0, last: i === n - 1, length: n, depth: 1, depth0: 0,
    previtem: i > 0 ? items[i - 1] : new Undefined("'loop' has no attribute 'previtem'"),
    nextitem: i < n - 1 ? items[i + 1] : new Undefined("'loop' has no attribute 'nextitem'"),
    cycle: ((args: unknown[]) => args[i % args.length]) as PyCallable,
  };
}

function renderFor(st: State, node: JNode, frame: Frame, out: unknown[]): void {
  const source = evalExpr(st, node.arr as JNode, frame);
  let items = pyIter(plain(source));
  if (node.cond) {
    items = items.filter((item) => {
      const f = new Frame(frame);
      assign(node.name as JNode, item, f, st);
      return truthy(evalExpr(st, node.cond as JNode, f));
    });
  }
  if (items.length === 0) {
    renderNodes(st, node.else_, frame, out);
    return;
  }
  items.forEach((item, i) => {
    const f = new Frame(frame);
    f.set('loop', loopObject(items, i));
    assign(node.name as JNode, item, f, st);
    renderNodes(st, node.body, f, out);
  });
}

/** A macro or `caller` block as a callable: positional args, defaults, and `varargs`/`kwargs`. */
export function renderCallable(st: State, node: JNode, frame: Frame): PyCallable {
  const params: { name: string; dflt?: JNode }[] = [];
  for (const child of node.args?.children ?? []) {
    if (child.typename === 'KeywordArgs') {
      for (const pair of child.children ?? []) params.push({ name: String(pair.key?.value), dflt: pair.value as JNode });
    } else {
      params.push({ name: String(child.value) });
    }
  }
  return (args, kwargs) => {
    const f = new Frame(frame);
    params.forEach((p, i) => {
      if (i < args.length) f.set(p.name, args[i]);
      else if (p.name in kwargs) f.set(p.name, kwargs[p.name]);
      else f.set(p.name, p.dflt ? evalExpr(st, p.dflt, frame) : new Undefined(`'${p.name}' is undefined`));
    });
    f.set('varargs', args.slice(params.length));
    f.set('kwargs', Object.fromEntries(Object.entries(kwargs).filter(([k]) => !params.some((p) => p.name === k && k !== 'caller'))));
    if (kwargs.caller) f.set('caller', kwargs.caller);
    return capture(st, node.body, f);
  };
}
