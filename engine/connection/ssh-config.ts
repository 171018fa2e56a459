import { parseOptionText, SshOptionList } from './ssh-args';

/**
 * A run of options in an ssh_config file and the Host lines that must all match for them to apply: the
 * section's own, and those of the sections that Included its file.
 */
export interface SshConfigBlock {
  conditions: string[][];
  options: SshOptionList;
}

/** Gives the texts of the files an `Include` line names, in order. */
export type IncludeReader = (patterns: string) => string[];

// OpenSSH's limit too: it stops include loops.
const MAX_INCLUDE_DEPTH = 16;

/**
 * Parses an ssh_config file, following `Include` in place as ssh does (a Host section inside an included
 * file applies only within the section that included it). `Match` sections other than `Match all` never
 * match: their criteria (exec, user, localnetwork …) are rare in the files Ansible users point us to.
 */
export function parseSshConfig(text: string, include: IncludeReader = () => [], outer: string[][] = [], depth = 0): SshConfigBlock[] {
  let conditions = outer;
  const blocks: SshConfigBlock[] = [{ conditions, options: [] }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const option = parseOptionText(line);
    if (!option) continue;
    const [key, value] = option;
    if (key === 'host' || key === 'match') {
      const patterns = key === 'host' ? value.split(/\s+/).filter(Boolean) : value.trim() === 'all' ? ['*'] : [];
      conditions = [...outer, patterns];
      blocks.push({ conditions, options: [] });
    } else if (key === 'include') {
      if (depth >= MAX_INCLUDE_DEPTH) throw new Error(`ssh_config: Include nested too deep at: ${line}`);
      for (const included of include(value)) blocks.push(...parseSshConfig(included, include, conditions, depth + 1));
      blocks.push({ conditions, options: [] });
    } else {
      blocks[blocks.length - 1].options.push([key, value]);
    }
  }
  return blocks;
}

/** Whether a host name matches a Host line: any positive pattern matches and no `!pattern` does. */
export function hostMatches(patterns: string[], host: string): boolean {
  let matched = false;
  for (const pattern of patterns) {
    if (pattern.startsWith('!')) {
      if (globMatch(pattern.slice(1), host)) return false;
    } else if (globMatch(pattern, host)) {
      matched = true;
    }
  }
  return matched;
}

function globMatch(pattern: string, text: string): boolean {
  const re = pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.');
  return new RegExp(`^${re}$`, 'i').test(text);
}

/** The options that apply to `host`, in file order (OpenSSH keeps the first value of each). */
export function sshConfigFor(blocks: SshConfigBlock[], host: string): SshOptionList {
  return blocks.filter((b) => b.conditions.every((patterns) => hostMatches(patterns, host))).flatMap((b) => b.options);
}
