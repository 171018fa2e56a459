import { InstanceState } from './types';

/**
 * The hosts provisioning writes into an INI inventory. Only its own lines change: those of the
 * configured group whose host is `<name>-<n>`. Comments, other hosts and other groups stay as the
 * user wrote them.
 */

export interface HostEntry {
  host: string;
  address: string;
  instanceId: string;
}

/** `<name>-1`, `<name>-2`… in launch order, each at its public address (private when it has none). */
export function hostEntries(name: string, instances: InstanceState[]): HostEntry[] {
  return instances.map((i, n) => ({ host: `${name}-${n + 1}`, address: i.publicIp ?? i.privateIp ?? '', instanceId: i.id }));
}

export function hostLine(e: HostEntry): string {
  return `${e.host} ansible_host=${e.address}`;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The inventory text with the group's `<name>-<n>` lines replaced by `lines` (none: removed). A
 * missing group is added at the end.
 */
export function updateHostsFile(text: string, group: string, name: string, lines: string[]): string {
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const all = text === '' ? [] : text.replace(/\r?\n$/, '').split(/\r?\n/);
  const header = new RegExp(`^\\s*\\[${escapeRe(group)}\\]\\s*([#;].*)?$`);
  const start = all.findIndex((l) => header.test(l));
  if (start < 0) {
    if (!lines.length) return text;
    const gap = all.length && all[all.length - 1].trim() !== '' ? [''] : [];
    return [...all, ...gap, `[${group}]`, ...lines].join(eol) + eol;
  }
  let end = all.findIndex((l, i) => i > start && /^\s*\[/.test(l));
  if (end < 0) end = all.length;
  const owned = new RegExp(`^\\s*${escapeRe(name)}-\\d+(\\s|$)`);
  const section = all.slice(start + 1, end);
  const firstOwned = section.findIndex((l) => owned.test(l));
  const kept = section.filter((l) => !owned.test(l));
  const at = firstOwned >= 0 ? section.slice(0, firstOwned).filter((l) => !owned.test(l)).length : afterLastHost(kept);
  const newSection = [...kept.slice(0, at), ...lines, ...kept.slice(at)];
  return [...all.slice(0, start + 1), ...newSection, ...all.slice(end)].join(eol) + eol;
}

/** Just below the last host of a section, so new hosts do not land under a trailing comment or gap. */
function afterLastHost(section: string[]): number {
  for (let i = section.length - 1; i >= 0; i--) {
    const t = section[i].trim();
    if (t !== '' && !t.startsWith('#') && !t.startsWith(';')) return i + 1;
  }
  return 0;
}
