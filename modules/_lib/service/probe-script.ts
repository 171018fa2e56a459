import { randomBytes } from 'crypto';

/**
 * One-round-trip probes for the system modules (git, systemd, service, user, group): a shell script prints
 * named sections, each opened by a marker line, so a module reads several facts about the host in one exec.
 * The markers hold an id drawn afresh for every script and announced on the script's first line, before
 * anything the host prints: no file name, unit description or command output can open a section.
 */

const HEADER = /^@@tsible-probe-([0-9a-f]{32})$/m;

/** The shell lines of one probe script: its header (first), the openers of its sections, binary lookups. */
export interface ProbeSections {
  /** The script's first line: it announces the script's marker id. */
  header: string;
  /** The shell line that opens section `name`; what the script prints after it, up to the next one, is its text. */
  section(name: string): string;
  /**
   * Shell lines that look executables up as Ansible's get_bin_path does: the PATH, then /sbin, /usr/sbin and
   * /usr/local/sbin when missing from it. Prints section `bin:<name>` (the path, or empty) for each name and
   * section `bin_paths` (the directories searched), and leaves PATH extended for the rest of the script.
   */
  findBinaries(names: string[]): string;
}

export function probeSections(): ProbeSections {
  const id = randomBytes(16).toString('hex');
  // The marker starts on a line of its own even when the section before it printed no final newline.
  const section = (name: string) => `printf '\\n%s\\n' '@@${id}:${name}@@'`;
  return {
    header: `echo '@@tsible-probe-${id}'`,
    section,
    findBinaries(names) {
      const lines = [
        'for s in /sbin /usr/sbin /usr/local/sbin; do case ":$PATH:" in *":$s:"*) ;; *) [ -e "$s" ] && PATH="$PATH:$s";; esac; done',
        'export PATH',
        `${section('bin_paths')}; echo "$PATH"`,
      ];
      for (const name of names) lines.push(`${section(`bin:${name}`)}; command -v ${name} 2>/dev/null || true`);
      return lines.join('\n');
    },
  };
}

/**
 * The text of every section, by name; a section's trailing newline is dropped. A section named twice means
 * the marker got out (it is on the host's process list while the script runs): the output is refused.
 */
export function parseSections(stdout: string): Record<string, string> {
  const head = HEADER.exec(stdout);
  if (!head) return {};
  const body = stdout.slice(head.index + head[0].length);
  const found = [...body.matchAll(new RegExp(`\\n@@${head[1]}:([A-Za-z0-9_:.-]+)@@\\n`, 'g'))];
  const out: Record<string, string> = Object.create(null);
  found.forEach((m, i) => {
    if (Object.hasOwn(out, m[1])) throw new Error(`the host's probe output names section ${m[1]} twice; refusing to read it`);
    const text = body.slice(m.index + m[0].length, i + 1 < found.length ? found[i + 1].index : body.length);
    out[m[1]] = text.replace(/\n$/, '');
  });
  return out;
}

/** Ansible's message when a module's required executable is missing. */
export function missingBinary(name: string, sections: Record<string, string>): string | undefined {
  if (sections[`bin:${name}`]) return undefined;
  return `Failed to find required executable "${name}" in paths: ${sections.bin_paths ?? ''}`;
}
