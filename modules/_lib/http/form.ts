/** Python's quote_plus: only letters, digits and `_.-~` stay as they are; a space becomes `+`. */
export function pyQuotePlus(text: string): string {
  return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%20/g, '+');
}

/** Python's str() of a scalar form value. */
function pyStr(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  return String(value);
}

/**
 * A form-urlencoded body as uri builds one: a mapping's items or a list of pairs; a list value gives one
 * field per element; None values are left out.
 */
export function formUrlencoded(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body === null || typeof body !== 'object') throw new TypeError('cannot form-urlencode body, expect list or dict');
  const pairs: unknown[] = Array.isArray(body) ? body : Object.entries(body);
  const fields: string[] = [];
  for (const pair of pairs) {
    if (!Array.isArray(pair) || pair.length !== 2) throw new TypeError('cannot form-urlencode body, expect list or dict');
    const [key, values] = pair as [unknown, unknown];
    const list = values !== null && typeof values === 'object' && !Array.isArray(values) ? Object.keys(values) : Array.isArray(values) ? values : [values];
    for (const value of list) if (value !== null && value !== undefined) fields.push(`${pyQuotePlus(pyStr(key))}=${pyQuotePlus(pyStr(value))}`);
  }
  return fields.join('&');
}

/** The Location header made absolute against the URL requested, as uri reports it. */
export function absoluteLocation(url: string, location: string): string {
  if (location.includes('://')) return location;
  if (location.startsWith('/')) {
    const path = urlPath(url);
    return `${path ? url.split(path).join('') : url}${location}`;
  }
  return `${url.slice(0, Math.max(0, url.lastIndexOf('/')))}/${location}`;
}

/** The path part of a URL as Python's urlsplit gives it (before `?` and `#`). */
export function urlPath(url: string): string {
  const rest = url.replace(/^[a-zA-Z][a-zA-Z0-9+.-]*:/, '');
  const afterHost = rest.startsWith('//') ? rest.slice(2).replace(/^[^/?#]*/, '') : rest;
  return afterHost.replace(/[?#].*$/s, '');
}

/** get_url's name for a download into a directory: the URL path's last part, or index.html. */
export function urlFilename(url: string): string {
  const path = urlPath(url);
  return path.slice(path.lastIndexOf('/') + 1) || 'index.html';
}
