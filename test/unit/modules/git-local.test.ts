import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import git from '../../../modules/git';

const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.invalid', GIT_CONFIG_GLOBAL: '/dev/null' };
const sh = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env }).toString().trim();

describe('module git on this machine (real git, local repository)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'git-local-'));
  const work = join(dir, 'work');
  // What git did, without the invocation it echoes.
  const run = async (args: Record<string, unknown>, check = false) => {
    const { invocation: _invocation, ...result } = await runModule(git, args, { connection: new LocalConnection('localhost'), check });
    return result;
  };
  let first: string;

  beforeAll(() => {
    execFileSync('git', ['init', '-q', '-b', 'main', work], { env });
    writeFileSync(join(work, 'f'), '1\n');
    sh(work, 'add', '.');
    sh(work, 'commit', '-q', '-m', 'one');
    first = sh(work, 'rev-parse', 'HEAD');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('clones a path as a file:// URL, then has nothing to do', async () => {
    const dest = join(dir, 'deep', 'clone');
    expect(await run({ repo: work, dest })).toEqual({ changed: true, before: null, after: first });
    expect(sh(dest, 'remote', 'get-url', 'origin')).toBe(`file://${work}`);
    expect(await run({ repo: work, dest })).toEqual({ changed: false, before: first, after: first, remote_url_changed: false });
  }, 60_000);

  it('check mode sees a new commit on the remote and leaves the checkout alone', async () => {
    const dest = join(dir, 'deep', 'clone');
    writeFileSync(join(work, 'f'), '2\n');
    sh(work, 'commit', '-q', '-am', 'two');
    const second = sh(work, 'rev-parse', 'HEAD');
    expect(await run({ repo: work, dest }, true)).toEqual({ changed: true, before: first, after: second, remote_url_changed: false });
    expect(sh(dest, 'rev-parse', 'HEAD')).toBe(first);
  }, 60_000);

  it('update: false reports the checkout without asking the remote', async () => {
    const dest = join(dir, 'deep', 'clone');
    expect(await run({ repo: join(dir, 'gone'), dest, update: false })).toEqual({ changed: false, before: first, after: first });
  }, 60_000);

  it('a remote that cannot be read fails with git\'s message and creates nothing', async () => {
    const result = await run({ repo: join(dir, 'gone'), dest: join(dir, 'never') });
    expect(result).toMatchObject({ failed: true, changed: false, rc: 128, msg: expect.stringContaining("does not appear to be a git repository") });
    expect(existsSync(join(dir, 'never'))).toBe(false);
  }, 60_000);
});
