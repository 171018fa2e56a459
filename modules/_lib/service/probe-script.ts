/**
 * One-round-trip probes for the system modules (git, systemd, service, user, group): a shell script prints
 * named sections, each opened by a marker line, so a module reads several facts about the host in one exec.
 */

const MARK = '@@tsible-section:';

/** The shell line that opens section `name`; what the script prints after it, up to the next one, is its text. */
export function section(name: string): string {
  return `echo '${MARK}${name}@@'`;
}

/** The text of every section, by name; a section's trailing newline is dropped. */
export function parseSections(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  let current: string | undefined;
  let lines: string[] = [];
  const flush = () => {
    if (current !== undefined) out[current] = lines.join('\n');
  };
  for (const line of stdout.split('\n')) {
    const m = line.startsWith(MARK) && line.endsWith('@@') ? line.slice(MARK.length, -2) : undefined;
    if (m === undefined) {
      lines.push(line);
      continue;
    }
    flush();
    current = m;
    lines = [];
  }
  flush();
  for (const [k, v] of Object.entries(out)) out[k] = v.replace(/\n$/, '');
  return out;
}

/**
 * Shell lines that look executables up as Ansible's get_bin_path does: the PATH, then /sbin, /usr/sbin and
 * /usr/local/sbin when missing from it. Prints section `bin:<name>` (the path, or empty) for each name and
 * section `bin_paths` (the directories searched), and leaves PATH extended for the rest of the script.
 */
export function findBinaries(names: string[]): string {
  const lines = [
    'for s in /sbin /usr/sbin /usr/local/sbin; do case ":$PATH:" in *":$s:"*) ;; *) [ -e "$s" ] && PATH="$PATH:$s";; esac; done',
    'export PATH',
    `${section('bin_paths')}; echo "$PATH"`,
  ];
  for (const name of names) {
    lines.push(`${section(`bin:${name}`)}; command -v ${name} 2>/dev/null || true`);
  }
  return lines.join('\n');
}

/** Ansible's message when a module's required executable is missing. */
export function missingBinary(name: string, sections: Record<string, string>): string | undefined {
  if (sections[`bin:${name}`]) return undefined;
  return `Failed to find required executable "${name}" in paths: ${sections.bin_paths ?? ''}`;
}
