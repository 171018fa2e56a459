import { shlexSplit } from '../shlex';
import type { Collector, Facts } from './types';

/** Kernel command line words: `key=value`, or `true` for a bare word. `lists` keeps every repeat. */
export function parseCmdline(text: string, lists: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let words: string[];
  try {
    words = shlexSplit(text.trim());
  } catch {
    words = text.trim().split(/\s+/);
  }
  for (const word of words) {
    const eq = word.indexOf('=');
    const [key, value] = eq < 0 ? [word, true] : [word.slice(0, eq), word.slice(eq + 1)];
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

/** One `.fact` file's content: JSON, else INI sections of `key=value`, else an error string as Ansible reports it. */
export function parseFactFile(name: string, text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    const sections: Record<string, Record<string, string>> = {};
    let current: Record<string, string> | undefined;
    for (const line of text.split('\n')) {
      const head = /^\s*\[(.+)\]\s*$/.exec(line);
      if (head) sections[head[1]] = current = {};
      else if (current && /^\s*[^#;].*[=:]/.test(line)) {
        const [k, ...v] = line.split(/[=:]/);
        current[k.trim().toLowerCase()] = v.join('=').trim();
      }
    }
    return Object.keys(sections).length ? sections : `error loading facts as JSON or ini - please check content: ${name}`;
  }
}

export const localCollector: Collector = {
  name: 'local',
  sections: ['local'],
  collect(out) {
    const local: Record<string, unknown> = {};
    let name: string | undefined;
    let body: string[] = [];
    const flush = () => name !== undefined && (local[name] = parseFactFile(name, body.join('\n')));
    for (const line of (out.get('local') ?? '').split('\n')) {
      if (line.startsWith('@file ')) {
        flush();
        name = line.slice(6);
        body = [];
      } else body.push(line);
    }
    flush();
    return { local };
  },
};

