import { TemplateRuntimeError, isDict } from './values';

/**
 * Bounds on what one template may build, so that `{{ 'x' * 10**10 }}`, `{{ [1] * 10**9 }}` or lists
 * nested by repetition (a billion laughs) stop the task with an error instead of exhausting the
 * controller's memory (a V8 out-of-memory abort ends the whole run with no recap). The bounds are far
 * above what configuration data needs: 100 million characters for one text, 10 million values in one
 * list or dict (counting what nested lists hold, each time they are held).
 */
export const MAX_TEXT = 100_000_000;
export const MAX_ITEMS = 10_000_000;

/** Throws when a text of `length` characters would be over the bound. */
export function checkText(length: number, what: string): void {
  if (length > MAX_TEXT) throw new TemplateRuntimeError(`${what} would be ${formatCount(length)} characters long, more than a template may build (${formatCount(MAX_TEXT)})`);
}

/** Throws when `count` values (nested ones included) would be over the bound. */
export function checkItems(count: number, what: string): void {
  if (count > MAX_ITEMS) throw new TemplateRuntimeError(`${what} would hold ${formatCount(count)} values, more than a template may build (${formatCount(MAX_ITEMS)})`);
}

/** Checks a text, list or dict a template built (a literal, a filter's result). */
export function checkBuilt<T>(value: T, what: string): T {
  if (typeof value === 'string') checkText(value.length, what);
  else if (typeof value === 'object' && value !== null) checkItems(itemCount(value), what);
  return value;
}

/** Lists and dicts already counted: a list held many times is counted once per holder, not walked again. */
const COUNTS = new WeakMap<object, number>();

/**
 * How many values a list or dict holds, nested ones included and counted each time they are held:
 * the size it has once printed or copied. Stops counting past the bound.
 */
export function itemCount(v: unknown): number {
  if (typeof v !== 'object' || v === null) return 1;
  const known = COUNTS.get(v);
  if (known !== undefined) return known;
  const items = Array.isArray(v) ? v : isDict(v) && Object.getPrototypeOf(v) === Object.prototype ? Object.values(v) : undefined;
  if (!items) return 1;
  COUNTS.set(v, 1); // a list that holds itself counts once
  let n = 1;
  for (const x of items) {
    n += itemCount(x);
    if (n > MAX_ITEMS) break;
  }
  COUNTS.set(v, n);
  return n;
}

function formatCount(n: number): string {
  return Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : String(n);
}
