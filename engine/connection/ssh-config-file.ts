import { readdirSync, readFileSync } from 'fs';
import { dirname, isAbsolute, join } from 'path';
import { SshOptionList } from './ssh-args';
import { parseSshConfig, sshConfigFor } from './ssh-config';
import { expandTokens } from './ssh-tokens';

const SYSTEM_DIR = '/etc/ssh';

/**
 * The options an ssh_config file gives a host, its Includes followed; nothing when it cannot be read.
 * Relative Include paths are taken from ~/.ssh for user files and /etc/ssh for the system file, as ssh does.
 */
export function readSshConfigFile(file: string, host: string, home: string): SshOptionList {
  const path = expandTokens(file, {}, home);
  const base = dirname(path) === SYSTEM_DIR ? SYSTEM_DIR : join(home, '.ssh');
  const include = (patterns: string) =>
    patterns
      .split(/\s+/)
      .filter(Boolean)
      .flatMap((pattern) => expandGlob(absolute(expandTokens(pattern, {}, home), base)))
      .flatMap((f) => readText(f) ?? []);
  const text = readText(path);
  if (text === null) return [];
  try {
    return sshConfigFor(parseSshConfig(text, include), host);
  } catch {
    return [];
  }
}

function absolute(path: string, base: string): string {
  return isAbsolute(path) ? path : join(base, path);
}

/** Files matching a path whose last part may hold * and ?, sorted as glob(3) returns them. */
function expandGlob(pattern: string): string[] {
  const dir = dirname(pattern);
  const name = pattern.slice(dir.length + 1);
  if (!/[*?]/.test(name)) return [pattern];
  const re = new RegExp(`^${name.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`);
  try {
    return readdirSync(dir)
      .filter((f) => re.test(f) && !f.startsWith('.'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return null;
  }
}
