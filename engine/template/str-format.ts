import { pyRepr, pyStr } from './python';
import { TemplateRuntimeError, isDict, isNumber, isTuple, num } from './values';

/** Python's `str.format` (`'{} is {:>5}'.format(a, b)`), covering the format specs playbooks use. */
export function formatString(fmt: string, args: unknown[], kwargs: Record<string, unknown>): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}]*)\}/g, (m, field: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const [ref, spec = ''] = splitField(field ?? '');
    const conv = ref.match(/!([rsa])$/)?.[1];
    const path = conv ? ref.slice(0, -2) : ref;
    let value = resolveField(path, args, kwargs, () => auto++);
    if (conv === 'r') value = pyRepr(value);
    return formatSpec(value, spec);
  });
}

function splitField(field: string): [string, string?] {
  const i = field.indexOf(':');
  return i < 0 ? [field] : [field.slice(0, i), field.slice(i + 1)];
}

function resolveField(path: string, args: unknown[], kwargs: Record<string, unknown>, next: () => number): unknown {
  const m = path.match(/^([^.[]*)(.*)$/) as RegExpMatchArray;
  const head = m[1];
  let value: unknown = head === '' ? args[next()] : /^\d+$/.test(head) ? args[Number(head)] : kwargs[head];
  if (value === undefined) throw new TemplateRuntimeError(`Replacement index ${head || 0} out of range`);
  for (const part of m[2].matchAll(/\.(\w+)|\[([^\]]+)\]/g)) {
    const key = part[1] ?? part[2];
    value = Array.isArray(value) && /^\d+$/.test(key) ? value[Number(key)] : isDict(value) ? value[key] : undefined;
  }
  return value;
}

/** A format spec `[[fill]align][sign][0][width][,][.precision][type]`. */
function formatSpec(value: unknown, spec: string): string {
  const m = spec.match(/^(?:(.)?([<>^=]))?([-+ ])?(0)?(\d+)?(,)?(?:\.(\d+))?([bcdeEfFgGnosxX%])?$/);
  if (!m) throw new TemplateRuntimeError(`Invalid format specifier '${spec}'`);
  const [, fillCh, align, sign, zero, width, comma, prec, type] = m;
  let s: string;
  const n = () => num(value);
  switch (type) {
    case 'd': case 'n': s = String(Math.trunc(n())); break;
    case 'f': case 'F': s = n().toFixed(prec ? Number(prec) : 6); break;
    case 'e': case 'E': s = n().toExponential(prec ? Number(prec) : 6).replace(/e([+-])(\d)$/, 'e$10$2'); break;
    case '%': s = (n() * 100).toFixed(prec ? Number(prec) : 6) + '%'; break;
    case 'x': s = Math.trunc(n()).toString(16); break;
    case 'X': s = Math.trunc(n()).toString(16).toUpperCase(); break;
    case 'o': s = Math.trunc(n()).toString(8); break;
    case 'b': s = Math.trunc(n()).toString(2); break;
    case 'g': case 'G': s = String(Number(n().toPrecision(prec ? Number(prec) : 6))); break;
    default:
      s = pyStr(value);
      if (prec && !isNumber(value)) s = s.slice(0, Number(prec));
      else if (prec) s = n().toFixed(Number(prec));
  }
  if (comma) s = s.replace(/^(-?\d+)/, (d) => d.replace(/\B(?=(\d{3})+(?!\d))/g, ','));
  if (sign === '+' && isNumber(value) && n() >= 0) s = '+' + s;
  const w = width ? Number(width) : 0;
  if (s.length >= w) return s;
  const fill = fillCh ?? (zero ? '0' : ' ');
  const how = align ?? (zero ? '=' : isNumber(value) ? '>' : '<');
  const pad = w - s.length;
  if (how === '<') return s + fill.repeat(pad);
  if (how === '>') return fill.repeat(pad) + s;
  if (how === '^') return fill.repeat(Math.floor(pad / 2)) + s + fill.repeat(pad - Math.floor(pad / 2));
  return s.startsWith('-') || s.startsWith('+') ? s[0] + fill.repeat(pad) + s.slice(1) : fill.repeat(pad) + s;
}

const FORMAT_SPEC = /%(?:\(([^)]*)\))?([-+ 0#]*)(\*|\d+)?(?:\.(\d+))?([diouxXeEfFgGcrsa%])/g;

/** Python's `"%s" % value` formatting. */
export function percentFormat(fmt: string, args: unknown): string {
  // Only a tuple is a list of arguments; a list is one argument, as in Python.
  const list = isTuple(args) ? (args as unknown[]) : [args];
  let i = 0;
  return fmt.replace(FORMAT_SPEC, (_m, key: string | undefined, flags: string, width: string, prec: string, conv: string) => {
    if (conv === '%') return '%';
    const value = key !== undefined && isDict(args) ? args[key] : list[i++];
    if (value === undefined && key === undefined) throw new TemplateRuntimeError('not enough arguments for format string');
    return formatOne(value, flags, width ? Number(width) : undefined, prec ? Number(prec) : undefined, conv);
  });
}

function formatOne(v: unknown, flags: string, width: number | undefined, prec: number | undefined, conv: string): string {
  let s: string;
  const n = () => num(v);
  switch (conv) {
    case 's': s = pyStr(v); if (prec !== undefined) s = s.slice(0, prec); break;
    case 'r': case 'a': s = pyRepr(v); break;
    case 'd': case 'i': case 'u': s = String(Math.trunc(n())); break;
    case 'f': case 'F': s = n().toFixed(prec ?? 6); break;
    case 'e': case 'E': s = n().toExponential(prec ?? 6).replace(/e([+-])(\d)$/, 'e$10$2'); break;
    case 'g': case 'G': s = String(Number(n().toPrecision(prec ?? 6))); break;
    case 'x': s = Math.trunc(n()).toString(16); break;
    case 'X': s = Math.trunc(n()).toString(16).toUpperCase(); break;
    case 'o': s = Math.trunc(n()).toString(8); break;
    case 'c': s = typeof v === 'string' ? v : String.fromCharCode(n()); break;
    default: s = pyStr(v);
  }
  if (conv === 'E' || conv === 'G') s = s.toUpperCase();
  if (flags.includes('+') && /[dieEfFgG]/.test(conv) && n() >= 0) s = '+' + s;
  if (width !== undefined && s.length < width) {
    if (flags.includes('-')) s = s.padEnd(width);
    else if (flags.includes('0') && conv !== 's') s = s.startsWith('-') ? '-' + s.slice(1).padStart(width - 1, '0') : s.padStart(width, '0');
    else s = s.padStart(width);
  }
  return s;
}
