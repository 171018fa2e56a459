import * as fs from 'fs';
import { cacheFiles, HostsPaths } from './config';
import { run } from './exec';

/**
 * One client key pair for every host (its private half goes in the inventory) and one host key for the light
 * sshds, made once in the cache directory. Full hosts carry the host keys the image was built with.
 */
export async function ensureKeys(paths: HostsPaths): Promise<void> {
  const files = cacheFiles(paths);
  fs.mkdirSync(paths.cache, { recursive: true, mode: 0o755 });
  for (const [file, comment] of [[files.privateKey, 'tsible-test-hosts'], [files.lightHostKey, 'tsible-light-host']]) {
    if (fs.existsSync(file) && fs.existsSync(`${file}.pub`)) continue;
    fs.rmSync(file, { force: true });
    fs.rmSync(`${file}.pub`, { force: true });
    await run('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', comment, '-f', file]);
  }
}
