import * as fs from 'fs';
import * as path from 'path';
import { resolvePath } from './coerce';

/** Where loadConfig looks, injectable so tests need not touch /etc. */
export interface FindOptions {
  cwd: string;
  env: NodeJS.ProcessEnv;
  home: string;
  systemFile?: string;
}

export interface FoundConfig {
  file?: string;
  warnings: string[];
}

const SYSTEM_FILE = '/etc/ansible/ansible.cfg';
const WORLD_WRITABLE = 0o002;

/**
 * The first readable one of: $ANSIBLE_CONFIG (a file, or a directory holding ansible.cfg), ./ansible.cfg,
 * ~/.ansible.cfg, /etc/ansible/ansible.cfg. A world-writable working directory's ansible.cfg is skipped
 * with a warning, since anyone could have planted it.
 */
export function findConfigFile(opts: FindOptions): FoundConfig {
  const candidates: string[] = [];
  const fromEnv = envCandidate(opts);
  if (fromEnv) candidates.push(fromEnv);
  const cwdFile = path.join(opts.cwd, 'ansible.cfg');
  const cwdIsPublic = isWorldWritable(opts.cwd);
  if (!cwdIsPublic) candidates.push(cwdFile);
  candidates.push(path.join(opts.home, '.ansible.cfg'));
  candidates.push(opts.systemFile ?? SYSTEM_FILE);

  const file = candidates.find(isReadable);
  const warnings: string[] = [];
  if (cwdIsPublic && (fromEnv === undefined || file !== fromEnv) && fs.existsSync(cwdFile)) {
    warnings.push(
      `Ansible is being run in a world writable directory (${opts.cwd}), ignoring it as an ansible.cfg source.`,
    );
  }
  return { file, warnings };
}

function envCandidate(opts: FindOptions): string | undefined {
  const raw = opts.env.ANSIBLE_CONFIG;
  if (raw === undefined) return undefined;
  const resolved = resolvePath(raw, { baseDir: opts.cwd, home: opts.home, env: opts.env });
  return isDirectory(resolved) ? path.join(resolved, 'ansible.cfg') : resolved;
}

function isWorldWritable(dir: string): boolean {
  try {
    return (fs.statSync(dir).mode & WORLD_WRITABLE) !== 0;
  } catch {
    return false;
  }
}

function isDirectory(p: string): boolean {
  try {
    return fs.statSync(p).isDirectory();
  } catch {
    return false;
  }
}

function isReadable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.R_OK);
    return true;
  } catch {
    return false;
  }
}
