import { parseOptionText, SshOptionList } from './ssh-args';

/** One `Host` section of an ssh_config file; options before the first `Host` have the pattern `*`. */
export interface SshConfigBlock {
  patterns: string[];
  options: SshOptionList;
}

/**
 * Parses an ssh_config file. `Match` sections other than `Match all` are kept as never matching and
 * `Include` is not followed: both are rare in the files Ansible users point us to, and ignoring them
 * only means we fall back to command-line values and defaults.
 */
export function parseSshConfig(text: string): SshConfigBlock[] {
  const blocks: SshConfigBlock[] = [{ patterns: ['*'], options: [] }];
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (!line || line.startsWith('#')) continue;
    const option = parseOptionText(line);
    if (!option) continue;
    const [key, value] = option;
    if (key === 'host') blocks.push({ patterns: value.split(/\s+/).filter(Boolean), options: [] });
    else if (key === 'match') blocks.push({ patterns: value.trim() === 'all' ? ['*'] : [], options: [] });
    else if (key !== 'include') blocks[blocks.length - 1].options.push([key, value]);
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
  return blocks.filter((b) => hostMatches(b.patterns, host)).flatMap((b) => b.options);
}
