import { Origin, TsibleError } from '../errors';

/**
 * Splits a play's hosts into batches by `serial`: a number, a percentage, or a list of either where
 * the last size repeats. Without serial the whole play is one batch.
 */
export function serialBatches(hosts: string[], serial: unknown, origin?: Origin): string[][] {
  if (serial === undefined || serial === null || hosts.length === 0) return hosts.length ? [hosts] : [];
  const sizes = (Array.isArray(serial) ? serial : [serial]).map((s) => batchSize(s, hosts.length, origin));
  const batches: string[][] = [];
  let i = 0;
  let k = 0;
  while (i < hosts.length) {
    const size = sizes[Math.min(k++, sizes.length - 1)] || hosts.length;
    batches.push(hosts.slice(i, i + size));
    i += size;
  }
  return batches;
}

function batchSize(value: unknown, total: number, origin?: Origin): number {
  const text = String(value).trim();
  const pct = /^(\d+(?:\.\d+)?)%$/.exec(text);
  if (pct) return Math.max(1, Math.floor((Number(pct[1]) / 100) * total));
  if (/^\d+$/.test(text)) return Number(text);
  throw new TsibleError(`serial must be a number, a percentage or a list of them, got '${text}'`, { origin });
}
