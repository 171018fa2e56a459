import * as fs from 'fs';
import * as path from 'path';

/** One `deb` source of the machine's apt configuration. */
export interface AptSource {
  uri: string;
  suites: string[];
  components: string[];
}

export const SUITE = 'bookworm';

/**
 * The Debian bookworm sources this machine's apt uses, read from /etc/apt/sources.list{,.d} at run time:
 * the hosts must use the same mirror (it is the only one reachable), and no mirror name is written down here.
 */
export function debianSources(aptDir = '/etc/apt'): AptSource[] {
  const files: string[] = [];
  const main = path.join(aptDir, 'sources.list');
  if (fs.existsSync(main)) files.push(main);
  const dir = path.join(aptDir, 'sources.list.d');
  if (fs.existsSync(dir)) {
    for (const name of fs.readdirSync(dir).sort()) {
      if (name.endsWith('.list') || name.endsWith('.sources')) files.push(path.join(dir, name));
    }
  }
  const all = files.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    return file.endsWith('.sources') ? parseDeb822(text) : parseOneLine(text);
  });
  return all
    .map((s) => ({ ...s, suites: s.suites.filter((suite) => suite === SUITE || suite.startsWith(`${SUITE}-`)) }))
    .filter((s) => s.suites.length > 0 && s.uri.startsWith('http://'));
}

/** The archive debootstrap installs from: the source that carries the plain bookworm suite. */
export function bootstrapMirror(sources: AptSource[]): string {
  const found = sources.find((s) => s.suites.includes(SUITE));
  if (!found) {
    throw new Error(`no http:// source for Debian ${SUITE} in /etc/apt/sources.list{,.d}; the test hosts need one`);
  }
  return found.uri;
}

/** The hosts' sources.list: the machine's Debian sources, one line per suite. */
export function renderSourcesList(sources: AptSource[]): string {
  const lines = sources.flatMap((s) => s.suites.map((suite) => `deb ${s.uri} ${suite} ${s.components.join(' ')}`));
  return `${lines.join('\n')}\n`;
}

function parseOneLine(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/#.*/, '').replace(/\[[^\]]*\]/, ' ').trim();
    const [type, uri, suite, ...components] = line.split(/\s+/);
    if (type === 'deb' && uri && suite) out.push({ uri: trimSlash(uri), suites: [suite], components });
  }
  return out;
}

function parseDeb822(text: string): AptSource[] {
  const out: AptSource[] = [];
  for (const stanza of text.split(/\n\s*\n/)) {
    const fields = new Map<string, string>();
    for (const line of stanza.split('\n')) {
      const match = /^([A-Za-z-]+):\s*(.*)$/.exec(line);
      if (match) fields.set(match[1].toLowerCase(), match[2].trim());
    }
    const words = (key: string) => (fields.get(key) ?? '').split(/\s+/).filter(Boolean);
    if (!words('types').includes('deb') || fields.get('enabled') === 'no') continue;
    for (const uri of words('uris')) {
      out.push({ uri: trimSlash(uri), suites: words('suites'), components: words('components') });
    }
  }
  return out;
}

function trimSlash(uri: string): string {
  return uri.replace(/\/+$/, '');
}
