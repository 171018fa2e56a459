/** Debian version ordering, as `dpkg --compare-versions` defines it (epoch, upstream, revision). */

interface DebVersion {
  epoch: number;
  upstream: string;
  revision: string;
}

function parse(version: string): DebVersion {
  const colon = version.indexOf(':');
  const epoch = colon > 0 ? Number(version.slice(0, colon)) || 0 : 0;
  const rest = colon > 0 ? version.slice(colon + 1) : version;
  const dash = rest.lastIndexOf('-');
  return dash >= 0 ? { epoch, upstream: rest.slice(0, dash), revision: rest.slice(dash + 1) } : { epoch, upstream: rest, revision: '' };
}

/** A character's weight in the non-digit parts: `~` sorts before everything, even the end of the string. */
function weight(c: string | undefined): number {
  if (c === undefined || /[0-9]/.test(c)) return 0;
  if (c === '~') return -1;
  if (/[A-Za-z]/.test(c)) return c.charCodeAt(0);
  return c.charCodeAt(0) + 256;
}

function comparePart(a: string, b: string): number {
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    while ((i < a.length && !/[0-9]/.test(a[i])) || (j < b.length && !/[0-9]/.test(b[j]))) {
      const d = weight(a[i]) - weight(b[j]);
      if (d !== 0) return Math.sign(d);
      i++;
      j++;
    }
    let na = '';
    let nb = '';
    while (i < a.length && /[0-9]/.test(a[i])) na += a[i++];
    while (j < b.length && /[0-9]/.test(b[j])) nb += b[j++];
    const d = BigInt(na || '0') - BigInt(nb || '0');
    if (d !== 0n) return d > 0n ? 1 : -1;
  }
  return 0;
}

/** -1, 0 or 1 as `a` sorts before, equal to or after `b`. */
export function compareDebVersions(a: string, b: string): number {
  const x = parse(a);
  const y = parse(b);
  if (x.epoch !== y.epoch) return x.epoch < y.epoch ? -1 : 1;
  return comparePart(x.upstream, y.upstream) || comparePart(x.revision, y.revision);
}
