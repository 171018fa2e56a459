import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { loadConfig } from '../config/ansible-cfg';
import type { ParseEnv } from './options';

/** The Ansible release whose behaviour tsible reproduces and is checked against. */
export const ANSIBLE_COMPAT = '2.14';

/** tsible's own version, from the package.json above this file (source or dist layout). */
export function tsibleVersion(): string {
  for (let dir = __dirname; dir !== dirname(dir); dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
  }
  return 'unknown';
}

/**
 * What `--version` prints, shaped like ansible's: the version, then where the configuration and modules
 * come from, which is what a user needs to know when two machines behave differently.
 */
export function versionText(prog: string, where: ParseEnv = {}): string {
  const config = loadConfig({ cwd: where.cwd ?? process.cwd(), env: where.env ?? process.env });
  const library = config.defaults.library.map((p) => `'${p}'`).join(', ');
  return [
    `${prog} ${tsibleVersion()} [ansible-core ${ANSIBLE_COMPAT} compatible]`,
    `  config file = ${config.file ?? 'None'}`,
    `  configured module search path = [${library}]`,
    `  tsible module location = ${dirname(__dirname)}`,
    `  executable location = ${process.argv[1] ?? prog}`,
    `  node version = ${process.version}`,
    '',
  ].join('\n');
}
