import type { Collector, Facts } from './types';

/**
 * Python's shlex.split(text, posix=False) as Ansible reads /proc/cmdline with it: words split on
 * whitespace, a word starting with a quote runs to the closing quote (quotes kept); undefined when a
 * quote is not closed, where Python raises.
 */
export function splitNonPosix(text: string): string[] | undefined {
  const words: string[] = [];
  let i = 0;
  while (i < text.length) {
    if (/\s/.test(text[i])) {
      i++;
      continue;
    }
    let end: number;
    if (text[i] === '"' || text[i] === "'") {
      end = text.indexOf(text[i], i + 1) + 1;
      if (end === 0) return undefined;
    } else {
      end = i;
      while (end < text.length && !/\s/.test(text[end])) end++;
    }
    words.push(text.slice(i, end));
    i = end;
  }
  return words;
}

/** Kernel command line words: `key=value`, or `true` for a bare word. `lists` keeps every repeated value. */
export function parseCmdline(text: string, lists: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const word of splitNonPosix(text) ?? []) {
    const eq = word.indexOf('=');
    if (eq < 0) {
      out[word] = true;
      continue;
    }
    const [key, value] = [word.slice(0, eq), word.slice(eq + 1)];
    if (!lists || !(key in out)) out[key] = value;
    else out[key] = Array.isArray(out[key]) ? [...(out[key] as unknown[]), value] : [out[key], value];
  }
  return out;
}

export const cmdlineCollector: Collector = {
  name: 'cmdline',
  sections: ['cmdline'],
  collect(out) {
    const text = out.get('cmdline') ?? '';
    if (!text.trim()) return {};
    return { cmdline: parseCmdline(text, false), proc_cmdline: parseCmdline(text, true) };
  },
};

export const loadavgCollector: Collector = {
  name: 'loadavg',
  sections: ['loadavg'],
  collect(out) {
    const [one, five, fifteen] = (out.get('loadavg') ?? '').split(/\s+/).map(Number);
    return Number.isNaN(one) ? {} : { loadavg: { '1m': one, '5m': five, '15m': fifteen } };
  },
};

/** /etc/resolv.conf as Ansible's dns fact: nameservers, domain, search, sortlist, options. */
export function parseResolvConf(text: string): Facts {
  const dns: Record<string, unknown> = {};
  const push = (key: string, values: string[]) => (dns[key] = [...((dns[key] as string[] | undefined) ?? []), ...values]);
  for (const line of text.split('\n')) {
    if (line.startsWith('#') || line.startsWith(';') || !line.trim()) continue;
    const [key, ...rest] = line.trim().split(/\s+/);
    if (rest.length === 0) continue;
    if (key === 'nameserver') push('nameservers', [rest[0]]);
    else if (key === 'domain') dns.domain = rest[0];
    else if (key === 'search' || key === 'sortlist') dns[key] = rest;
    else if (key === 'options') {
      const options = (dns.options as Record<string, unknown> | undefined) ?? {};
      for (const opt of rest) {
        const colon = opt.indexOf(':');
        options[colon < 0 ? opt : opt.slice(0, colon)] = colon < 0 ? true : opt.slice(colon + 1);
      }
      dns.options = options;
    }
  }
  return dns;
}

export const dnsCollector: Collector = {
  name: 'dns',
  sections: ['dns'],
  collect: (out) => ({ dns: parseResolvConf(out.get('dns') ?? '') }),
};

/** INI text as configparser reads it (keys lowercased), or undefined where configparser would fail. */
function parseIni(text: string): Record<string, Record<string, string>> | undefined {
  const sections: Record<string, Record<string, string>> = {};
  let current: Record<string, string> | undefined;
  for (const line of text.split('\n')) {
    if (!line.trim() || /^\s*[#;]/.test(line)) continue;
    const head = /^\[(.+)\]\s*$/.exec(line);
    if (head) current = sections[head[1]] ??= {};
    else {
      const m = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(line.trim());
      if (!current || !m) return undefined;
      current[m[1].toLowerCase()] = m[2];
    }
  }
  return sections;
}

/** One `.fact` file's content: JSON, else INI sections, else the error text Ansible puts in its place. */
export function parseFactFile(path: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return parseIni(text) ?? `error loading facts as JSON or ini - please check content: ${path}`;
  }
}

export const localCollector: Collector = {
  name: 'local',
  sections: ['local'],
  collect(out) {
    // Entries, then fromEntries: a fact file named __proto__.fact is a fact like any other.
    const local: [string, unknown][] = [];
    const text = (hex: string) => Buffer.from(hex, 'hex').toString('utf8');
    const lines = (out.get('local') ?? '').split('\n');
    for (let i = 0; i < lines.length; i++) {
      if (!lines[i].startsWith('F ') || !(lines[i + 1]?.startsWith('C ') || lines[i + 1] === 'S')) continue;
      const path = text(lines[i].slice(2));
      const name = path.slice(path.lastIndexOf('/') + 1).replace('.fact', '');
      if (lines[++i] === 'S') {
        local.push([name, `Could not stat fact (${path}): [Errno 2] No such file or directory: '${path}'`]);
        continue;
      }
      const content = text(lines[i].slice(2));
      const rc = /^R (\d+)$/.exec(lines[i + 1] ?? '')?.[1];
      if (rc !== undefined) i++;
      local.push([name, rc !== undefined && rc !== '0' ? `Failure executing fact script (${path}), rc: ${rc}, err: ` : parseFactFile(path, content)]);
    }
    return { local: Object.fromEntries(local) };
  },
};
