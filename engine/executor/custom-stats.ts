import { RUN_STATS } from '../output/events';
import { setOwn } from '../template/unsafe';

type Data = Record<string, unknown>;


/**
 * set_stats' custom statistics, per host or for the whole run (`_run`). Aggregated values add up as
 * Ansible's do: numbers sum, strings and lists concatenate, dicts merge recursively; a value of another
 * type than the one kept is dropped, as Ansible drops it.
 */
export class CustomStats {
  private readonly byHost = new Map<string, Data>();

  /** Records one set_stats result's data for `host` (undefined: the run). */
  add(data: Data, opts: { host?: string; aggregate: boolean }): void {
    const key = opts.host ?? RUN_STATS;
    const kept = this.byHost.get(key) ?? {};
    for (const [name, value] of Object.entries(data)) {
      const before = Object.prototype.hasOwnProperty.call(kept, name) ? kept[name] : undefined;
      if (!opts.aggregate || before === undefined) setOwn(kept, name, value);
      else {
        const sum = added(before, value);
        if (sum !== undefined) setOwn(kept, name, sum);
      }
    }
    this.byHost.set(key, kept);
  }

  /** Host (or `_run`) → its stats; empty when set_stats never ran. */
  summary(): Record<string, Data> {
    return Object.fromEntries(this.byHost);
  }
}

function kindOf(v: unknown): string {
  if (v === null) return 'none';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  return typeof v;
}

function isDict(v: unknown): v is Data {
  return kindOf(v) === 'object';
}

/** `before + value` in Python's terms; undefined when Ansible would keep `before` as it is. */
function added(before: unknown, value: unknown): unknown {
  const [a, b] = [kindOf(before), kindOf(value)];
  // Python's bool is an int: a boolean adds to a kept integer (True counts 1), not the other way round.
  if (a === 'int' && b === 'boolean') return (before as number) + Number(value);
  if (a !== b) return undefined;
  if (isDict(before) && isDict(value)) return merged(before, value);
  if (a === 'list') return [...(before as unknown[]), ...(value as unknown[])];
  if (a === 'boolean') return Number(before) + Number(value);
  if (a === 'int' || a === 'float') return (before as number) + (value as number);
  if (a === 'string') return (before as string) + (value as string);
  return undefined;
}

/** Ansible's merge_hash: nested dicts merge, anything else from `value` replaces. */
function merged(before: Data, value: Data): Data {
  const out: Data = { ...before };
  for (const [k, v] of Object.entries(value)) {
    const prev = Object.prototype.hasOwnProperty.call(out, k) ? out[k] : undefined;
    setOwn(out, k, isDict(prev) && isDict(v) ? merged(prev, v) : v);
  }
  return out;
}
