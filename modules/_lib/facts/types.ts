import type { SectionName } from './script';

/** Facts as collected, without the `ansible_` prefix the module adds. */
export type Facts = Record<string, unknown>;

/** The gathering script's output, by section name. */
export type Sections = ReadonlyMap<string, string>;

/**
 * One of Ansible's fact collectors, by the name `gather_subset` knows it. `collect` is pure: it reads the
 * script's sections and the facts collected before it (distribution needs the platform's, and so on).
 */
export interface Collector {
  name: string;
  /** Other names `gather_subset` accepts for this collector (`kernel` selects `platform`). */
  factIds?: string[];
  /** Collectors whose facts this one reads; gathered too, as Ansible does, even when not asked for. */
  requires?: string[];
  sections: SectionName[];
  collect(out: Sections, facts: Facts): Facts;
}

/** The section's lines, without empty ones. */
export function linesOf(out: Sections, name: SectionName): string[] {
  return (out.get(name) ?? '').split('\n').filter((l) => l.trim() !== '');
}

/** `key=value` lines as a map; the first `=` splits, later duplicates win. */
export function keyValues(lines: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const line of lines) {
    const eq = line.indexOf('=');
    if (eq > 0) map.set(line.slice(0, eq), line.slice(eq + 1));
  }
  return map;
}
