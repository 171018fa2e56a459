import * as fs from 'fs';
import * as path from 'path';
import { bridgeAddress, HostsPaths, hostsPaths } from '../config';
import { run } from '../exec';

export const GIT_PORT = 9418;

/** Where published repositories live while hosts run; `git://<bridge>/<name>.git` maps into it. */
export function gitBase(paths: HostsPaths = hostsPaths()): string {
  return path.join(paths.run, 'git');
}

/** Throwaway artefacts of a working copy that a deployment must not receive. */
const EXCLUDE = ['__pycache__/', '*.pyc', '*.db', '*.sqlite', 'node_modules/'];

/**
 * Publishes `sourceDir` as the bare repository `<name>.git`: one commit on `main` holding its files, tagged
 * `v1.0`. Author, committer and dates are fixed, so the same files always give the same commit id (a test can
 * tell a redeploy of the same version from a new one). Replaces an earlier publication. Returns the repo path.
 */
export async function publishRepo(name: string, sourceDir: string, paths: HostsPaths = hostsPaths()): Promise<string> {
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name)) throw new Error(`bad repository name ${JSON.stringify(name)}`);
  const bare = path.join(gitBase(paths), `${name}.git`);
  fs.rmSync(bare, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(bare), { recursive: true });
  await run('git', ['init', '-q', '--bare', '--initial-branch=main', bare]);
  fs.writeFileSync(path.join(bare, 'info', 'exclude'), `${EXCLUDE.join('\n')}\n`);
  const when = '2000-01-01T00:00:00Z';
  // The bare repository gets a work tree only for these commands, so nothing is written into sourceDir.
  const env = {
    ...process.env, GIT_DIR: bare, GIT_WORK_TREE: path.resolve(sourceDir), GIT_INDEX_FILE: path.join(bare, 'index'),
    GIT_AUTHOR_NAME: 'tsible test hosts', GIT_AUTHOR_EMAIL: 'hosts@tsible.invalid', GIT_AUTHOR_DATE: when,
    GIT_COMMITTER_NAME: 'tsible test hosts', GIT_COMMITTER_EMAIL: 'hosts@tsible.invalid', GIT_COMMITTER_DATE: when,
    GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null',
  };
  await run('git', ['-C', path.resolve(sourceDir), 'add', '-A'], { env });
  await run('git', ['commit', '-q', '--no-verify', '-m', `${name}`], { env });
  await run('git', ['tag', 'v1.0'], { env });
  fs.rmSync(path.join(bare, 'index'), { force: true });
  return bare;
}

/** Arguments of `git-daemon` serving every repository under the base path, read-only, on the bridge. */
export function gitDaemonArgs(paths: HostsPaths = hostsPaths()): string[] {
  return [
    '--export-all', '--reuseaddr', '--verbose', '--informative-errors', `--base-path=${gitBase(paths)}`,
    `--listen=${bridgeAddress()}`, `--port=${GIT_PORT}`,
  ];
}

/** The clone URL hosts use for a published repository. */
export function gitUrl(name: string): string {
  return `git://${bridgeAddress()}/${name}.git`;
}
