/** Min / median / max of a few runs; the median is what ratios are taken from. */
export interface Spread {
  min: number;
  median: number;
  max: number;
}

export function spread(values: number[]): Spread {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length / 2;
  const median = s.length % 2 ? s[Math.floor(mid)] : (s[mid - 1] + s[mid]) / 2;
  return { min: s[0], median, max: s[s.length - 1] };
}

export function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export function megabytes(kb: number): string {
  return `${(kb / 1024).toFixed(0)} MB`;
}

export function ratio(theirs: number, ours: number): string {
  return `${(theirs / ours).toFixed(1)}×`;
}
