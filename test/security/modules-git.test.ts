import { execFileSync } from 'child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../engine/connection/local';
import { runModule } from '../../engine/module/run';
import git from '../../modules/git';

/**
 * git: remote names, URLs and paths are data. Before the fix the probe cut the remote's name off the
 * branch with `sed 's|^<remote>/||'`, so a remote holding `'` left the quotes and `$(…)` in it ran on the
 * host whenever the checkout was detached (a tag or a sha).
 */
const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.invalid', GIT_CONFIG_GLOBAL: '/dev/null' };
const sh = (cwd: string, ...args: string[]) => execFileSync('git', args, { cwd, env }).toString().trim();

describe('git: names reach git as data', () => {
  jest.setTimeout(60_000);
  const dir = mkdtempSync(join(tmpdir(), 'tsible-sec-git-'));
  const work = join(dir, "src'$(touch p0)`touch p0`é");
  const run = (args: Record<string, unknown>) => runModule(git, args, { connection: new LocalConnection('localhost') });
  const markers = (d: string) => readdirSync(d).filter((n) => /^p\d$/.test(n));
  let sha: string;

  beforeAll(() => {
    execFileSync('git', ['init', '-q', '-b', 'main', work], { env });
    writeFileSync(join(work, 'f'), '1\n');
    sh(work, 'add', '.');
    sh(work, 'commit', '-q', '-m', 'one');
    sh(work, 'tag', 'v1');
    sha = sh(work, 'rev-parse', 'HEAD');
  }, 60_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("a remote holding ' and $() runs nothing when a detached checkout is probed again", async () => {
    const dest = join(dir, "dest'$(touch p2)");
    const args = { repo: work, dest, version: 'v1', remote: "o'$(touch${IFS}p1)'x" };
    expect(await run(args)).toMatchObject({ changed: true, before: null, after: sha });
    expect(await run(args)).toMatchObject({ changed: false, before: sha, after: sha });
    expect([...markers(dest), ...markers(dir), ...markers(work)]).toEqual([]);
  });

  it('a repo that looks like an option is a repository name, not an option', async () => {
    const dest = join(dir, 'd2');
    const r = await run({ repo: `--upload-pack=touch ${join(dir, 'p3')}`, dest });
    expect(r.failed).toBe(true);
    expect(existsSync(join(dir, 'p3'))).toBe(false);
  });
});
