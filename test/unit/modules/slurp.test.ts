import { chmodSync, mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import slurp from '../../../modules/slurp';
import { testModule } from './module-tester';

testModule(slurp, [
  { name: 'base64 content', args: { src: '@T/f' }, files: { f: 'hello\n' }, expect: { changed: false, result: { content: 'aGVsbG8K', encoding: 'base64', source: '@T/f' } } },
  { name: 'path alias, missing file', args: { path: '@T/nope' }, expect: { failed: true, msg: 'file not found: @T/nope' } },
  { name: 'a leading ~name is expanded on the host', args: { src: '~root' }, expect: { failed: true, msg: 'source is a directory and must be a file: /root' } },
  { name: 'a directory', args: { src: '@T' }, expect: { failed: true, msg: 'source is a directory and must be a file: @T' } },
  { name: 'a file used as a directory', args: { src: '@T/f/x' }, files: { f: 'hello\n' }, expect: { failed: true, msg: 'unable to slurp file: Not a directory: @T/f/x' } },
]);

it('slurp refuses a file too big to hold in a task result, with a clear error', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-slurp-'));
  try {
    // Sparse: its size is what the check reads; nothing is ever read from it.
    writeFileSync(join(dir, 'big'), '');
    truncateSync(join(dir, 'big'), 64 * 1024 * 1024 + 1);
    const result = await runModule(slurp, { src: join(dir, 'big') }, { connection: new LocalConnection() });
    expect(result).toMatchObject({
      failed: true,
      msg: `${join(dir, 'big')} is 67108865 bytes; slurp returns a file's content in the task result and takes at most 67108864 bytes: use fetch to copy a bigger file`,
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

it('slurp says "file is not readable" for a file or directory the become user cannot read, as Ansible does', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-slurp-'));
  try {
    chmodSync(dir, 0o755);
    writeFileSync(join(dir, 'secret'), 'x', { mode: 0o600 });
    mkdirSync(join(dir, 'private'), { mode: 0o700 });
    const become = { method: 'sudo' as const, user: 'nobody' };
    for (const name of ['secret', 'private']) {
      const result = await runModule(slurp, { src: join(dir, name) }, { connection: new LocalConnection(), become });
      expect(result).toMatchObject({ failed: true, msg: `file is not readable: ${join(dir, name)}` });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
