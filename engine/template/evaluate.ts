import { getAttr, slice } from './attributes';
import { checkBuilt } from './limits';
import { JNode } from './parse';
import { pyBinary, pyCompare, pyEq, pyIn, pyIter } from './python';
import { capture, renderCallable } from './render';
import { Frame, State } from './scope';
import { isCollectionPluginName } from '../plugins/fqcn';
import { isLazyVars, setOwn } from './unsafe';
import { UnsafeText } from '../playbook/yaml';
import { LenientUndefined, PyCallable, PyDict, TemplateRuntimeError, Undefined, failUndefined, isDict, num, plain, truthy, tuple, typeName } from './values';

/** Evaluates a Jinja2 expression tree with Python semantics. */

const CONSTANTS: Record<string, unknown> = { true: true, True: true, false: false, False: false, none: null, None: null };

/** Filters and tests that receive an undefined value instead of failing on it. */
const UNDEFINED_OK_FILTERS = new Set(['default', 'd', 'mandatory', 'type_debug']);
const UNDEFINED_OK_TESTS = new Set(['defined', 'undefined']);

function symbol(st: State, name: string, frame: Frame): unknown {
  const local = frame.lookup(name);
  if (local.found) return local.value;
  const v = st.ctx.variable(name);
  if (v.found) return v.value;
  if (name in CONSTANTS) return CONSTANTS[name];
  if (Object.prototype.hasOwnProperty.call(st.globals, name)) return st.globals[name];
  return new Undefined(`'${name}' is undefined`);
}

/** `*seq` adds positional arguments, `**dict` keyword arguments, as in a Python call. */
function spread(splat: JNode, value: unknown, positional: unknown[], kwargs: PyDict): void {
  if (value instanceof Undefined) failUndefined(value);
  if (splat.type === '*') {
    if (typeof value !== 'string' && !Array.isArray(value) && !isDict(value)) throw new TemplateRuntimeError(`Value after * must be an iterable, not ${typeName(value)}`);
    positional.push(...pyIter(value));
    return;
  }
  if (!isDict(value)) throw new TemplateRuntimeError(`argument after ** must be a mapping, not ${typeName(value)}`);
  for (const [k, v] of Object.entries(value)) setOwn(kwargs, k, v);
}

/** Positional values and keyword values of a call's argument list. */
function evalArgs(st: State, args: JNode | undefined, frame: Frame): [unknown[], PyDict] {
  const positional: unknown[] = [];
  const kwargs: PyDict = {};
  for (const child of args?.children ?? []) {
    if (child.typename === 'KeywordArgs') {
      for (const pair of child.children ?? []) {
        kwargs[String(pair.key?.value)] = pair.value === undefined ? undefined : evalExpr(st, pair.value as JNode, frame);
      }
    } else if (child.typename === 'Splat') {
      spread(child, plain(evalExpr(st, child.expr as JNode, frame)), positional, kwargs);
    } else {
      positional.push(evalExpr(st, child, frame));
    }
  }
  return [positional, kwargs];
}

function shortName(name: string): string {
  return name.includes('.') ? name.slice(name.lastIndexOf('.') + 1) : name;
}

/** Jinja2's words for a name it has not, or ansible-core's loader's for a collection's. */
function notFound(kind: 'filter' | 'test', full: string, name: string): string {
  return isCollectionPluginName(full) ? `Could not load "${full}": '${full}'` : `No ${kind} named '${name}'.`;
}

function applyFilter(st: State, node: JNode, frame: Frame): unknown {
  const full = String(node.name?.value);
  const name = shortName(full);
  // A collection's filter is that collection's (run by ansible-core); tsible's own stand in when none is found.
  const fn = (isCollectionPluginName(full) ? st.ctx.plugins?.filter(full) : undefined) ?? st.filters[name] ?? st.ctx.plugins?.filter(name);
  if (!fn) throw new TemplateSyntax(notFound('filter', full, name), node);
  const children = node.args?.children ?? [];
  const value = evalExpr(st, children[0], frame);
  // type_debug tells unsafe text apart (AnsibleUnsafeText); every other filter takes plain text.
  const input = name === 'type_debug' ? value : plain(value);
  const [args, kwargs] = evalArgs(st, { ...node, children: children.slice(1) }, frame);
  if (input instanceof Undefined && !UNDEFINED_OK_FILTERS.has(name)) failUndefined(input);
  st.pos.lineno = node.lineno;
  st.pos.colno = node.colno;
  return checkBuilt(fn(input, args, kwargs, st.ctx), `the result of the ${name} filter`);
}

function applyTest(st: State, node: JNode, frame: Frame): boolean {
  const full = node.testName ?? '';
  const name = shortName(full);
  const fn = (isCollectionPluginName(full) ? st.ctx.plugins?.test(full) : undefined) ?? st.tests[name] ?? st.ctx.plugins?.test(name);
  if (!fn) throw new TemplateSyntax(notFound('test', full, name), node);
  const input = plain(evalExpr(st, node.target as JNode, frame));
  const [args, kwargs] = evalArgs(st, node.args, frame);
  if (input instanceof Undefined && !UNDEFINED_OK_TESTS.has(name)) failUndefined(input);
  const result = fn(input, args.map(plain), kwargs, st.ctx);
  return node.negate ? !result : result;
}

function call(st: State, node: JNode, frame: Frame): unknown {
  const callee = evalExpr(st, node.name as JNode, frame);
  if (callee instanceof Undefined) failUndefined(callee);
  if (typeof callee !== 'function') throw new TemplateRuntimeError(`'${String(node.name?.value ?? 'object')}' object is not callable`);
  const [args, kwargs] = evalArgs(st, node.args, frame);
  return (callee as PyCallable)(args.map(plain), kwargs);
}

function lookup(st: State, node: JNode, frame: Frame): unknown {
  const target = evalExpr(st, node.target as JNode, frame);
  const val = node.val as JNode;
  if (val.typename === 'Slice') {
    if (target instanceof Undefined) failUndefined(target);
    const part = (n: JNode | null | undefined) => (n ? evalExpr(st, n, frame) : null);
    return slice(plain(target), part(val.start), part(val.stop), part(val.step));
  }
  const key = plain(evalExpr(st, val, frame));
  const value = getAttr(target, key, node.dot === true);
  // A variable's value was checked for unsafe text when read; what a lazy object (hostvars, vars) hands
  // out is checked here.
  if (value instanceof UnsafeText || (typeof target === 'object' && target !== null && isLazyVars(target))) st.ctx.noteRead(value);
  return value;
}

function compare(st: State, node: JNode, frame: Frame): boolean {
  let left = evalExpr(st, node.expr as JNode, frame);
  for (const op of node.ops ?? []) {
    const right = evalExpr(st, op.expr as JNode, frame);
    const t = op.type as string;
    let ok: boolean;
    if (t === '==' || t === '===') ok = pyEq(plainDefined(left), plainDefined(right));
    else if (t === '!=' || t === '!==') ok = !pyEq(plainDefined(left), plainDefined(right));
    else {
      const c = pyCompare(left, right, t);
      ok = t === '<' ? c < 0 : t === '>' ? c > 0 : t === '<=' ? c <= 0 : c >= 0;
    }
    if (!ok) return false;
    left = right;
  }
  return true;
}

function plainDefined(v: unknown): unknown {
  if (v instanceof Undefined) failUndefined(v);
  return plain(v);
}

const BINARY: Record<string, string> = { Add: '+', Sub: '-', Mul: '*', Div: '/', FloorDiv: '//', Mod: '%', Pow: '**', Concat: '~' };

export function evalExpr(st: State, node: JNode, frame: Frame): unknown {
  st.pos.lineno = node.lineno;
  st.pos.colno = node.colno;
  const op = BINARY[node.typename];
  if (op) return pyBinary(op, evalExpr(st, node.left as JNode, frame), evalExpr(st, node.right as JNode, frame));
  switch (node.typename) {
    case 'Literal': case 'TemplateData': return node.value;
    case 'Symbol': return symbol(st, String(node.value), frame);
    case 'Group': return tupleOrValue(st, node, frame);
    case 'Array': return checkBuilt((node.children ?? []).map((c) => evalExpr(st, c, frame)), 'the list');
    case 'Dict': return checkBuilt(dict(st, node, frame), 'the dict');
    case 'LookupVal': return lookup(st, node, frame);
    case 'FunCall': return call(st, node, frame);
    case 'Filter': return applyFilter(st, node, frame);
    case 'Test': return applyTest(st, node, frame);
    case 'In': return pyIn(plain(evalExpr(st, node.left as JNode, frame)), plain(evalExpr(st, node.right as JNode, frame)));
    case 'Not': return !truthy(evalExpr(st, node.target as JNode, frame));
    case 'Neg': return pyBinary('-', 0, evalExpr(st, node.target as JNode, frame));
    case 'Pos': return num(evalExpr(st, node.target as JNode, frame));
    case 'Or': { const l = evalExpr(st, node.left as JNode, frame); return truthy(l) ? l : evalExpr(st, node.right as JNode, frame); }
    case 'And': { const l = evalExpr(st, node.left as JNode, frame); return truthy(l) ? evalExpr(st, node.right as JNode, frame) : l; }
    case 'Compare': return compare(st, node, frame);
    case 'InlineIf': return inlineIf(st, node, frame);
    case 'Caller': return renderCallable(st, node, frame);
    case 'Capture': return capture(st, node.body, frame);
  }
  throw new TemplateSyntax(`unsupported expression (${node.typename})`, node);
}

function tupleOrValue(st: State, node: JNode, frame: Frame): unknown {
  const items = (node.children ?? []).map((c) => evalExpr(st, c, frame));
  return items.length === 1 ? items[0] : tuple(items);
}

function dict(st: State, node: JNode, frame: Frame): PyDict {
  const out: PyDict = {};
  for (const pair of node.children ?? []) {
    const key = plainDefined(evalExpr(st, pair.key as JNode, frame));
    setOwn(out, typeof key === 'string' ? key : String(key), evalExpr(st, pair.value as JNode, frame));
  }
  return out;
}

function inlineIf(st: State, node: JNode, frame: Frame): unknown {
  if (truthy(evalExpr(st, node.cond as JNode, frame))) return evalExpr(st, node.body as JNode, frame);
  if (node.else_) return evalExpr(st, node.else_, frame);
  return new LenientUndefined();
}

/** A template syntax problem found while evaluating (unknown filter or test), with where it is. */
export class TemplateSyntax extends Error {
  constructor(message: string, readonly node: JNode) {
    super(message);
  }
}
