/**
 * The ansible-core source tree the targets come from. Ansible's files are GPL: they are extracted from the
 * git mirror into a temporary directory at run time and never copied into this repository.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'fs';
import { join } from 'path';

export const DEFAULT_MIRROR = '/work/.mirror/ansible+ansible/repo';
export const DEFAULT_REF = 'v2.14.17';

/** Extracts `test/` of `ref` from a bare git repository into `dir`, plus the files targets name with `needs/file/`. */
export function extractSource(mirror: string, ref: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  extractPaths(mirror, ref, dir, ['test/']);
  const wanted = neededFiles(join(dir, 'test/integration/targets')).filter((p) => !p.startsWith('test/'));
  if (wanted.length > 0) extractPaths(mirror, ref, dir, wanted);
  return dir;
}

function extractPaths(mirror: string, ref: string, dir: string, paths: string[]): void {
  const tar = execFileSync('git', ['--git-dir', mirror, 'archive', ref, '--', ...paths], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', dir], { input: tar });
}

/** The `needs/file/<path>` aliases of every target: files of the source tree a target reads at run time. */
function neededFiles(targetsDir: string): string[] {
  const files = new Set<string>();
  for (const name of readdirSync(targetsDir)) {
    const aliases = join(targetsDir, name, 'aliases');
    if (!existsSync(aliases)) continue;
    for (const alias of readFileSync(aliases, 'utf8').split(/\s+/)) {
      if (alias.startsWith('needs/file/')) files.add(alias.slice('needs/file/'.length));
    }
  }
  return [...files];
}

/** Checks that `dir` looks like an ansible-core source tree (given with --ansible-src). */
export function checkSource(dir: string): void {
  if (!existsSync(join(dir, 'test/integration/targets'))) {
    throw new Error(`${dir}: no test/integration/targets (expected an ansible-core source tree)`);
  }
}
