import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from '../exec';
import { gitUrl, publishRepo } from './git-server';

describe('publishRepo', () => {
  let dir: string;
  let source: string;
  const paths = () => ({ cache: path.join(dir, 'cache'), run: path.join(dir, 'run') });

  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'git-server-'));
    source = path.join(dir, 'app');
    fs.mkdirSync(path.join(source, 'templates'), { recursive: true });
    fs.mkdirSync(path.join(source, '__pycache__'));
    fs.writeFileSync(path.join(source, 'app.py'), 'print("hi")\n');
    fs.writeFileSync(path.join(source, 'templates', 'page.html'), '<p>hi</p>\n');
    fs.writeFileSync(path.join(source, '__pycache__', 'app.cpython-311.pyc'), 'x');
    fs.writeFileSync(path.join(source, 'app.db'), 'x');
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('one commit on main, tagged v1.0, with the files but not caches or databases', async () => {
    const bare = await publishRepo('app', source, paths());
    expect(bare).toBe(path.join(dir, 'run', 'git', 'app.git'));
    const clone = path.join(dir, 'clone');
    await run('git', ['clone', '-q', bare, clone]);
    expect(await run('git', ['-C', clone, 'ls-files'])).toBe('app.py\ntemplates/page.html\n');
    expect((await run('git', ['-C', clone, 'describe', '--tags'])).trim()).toBe('v1.0');
    expect((await run('git', ['-C', clone, 'rev-parse', '--abbrev-ref', 'HEAD'])).trim()).toBe('main');
    expect((await run('git', ['-C', clone, 'rev-list', '--count', 'HEAD'])).trim()).toBe('1');
    expect(fs.existsSync(path.join(source, '.git'))).toBe(false);
  }, 60_000);

  test('publishing the same files again gives the same commit; changed files a new one', async () => {
    const bare = path.join(dir, 'run', 'git', 'app.git');
    const head = async () => (await run('git', ['--git-dir', bare, 'rev-parse', 'v1.0'])).trim();
    await publishRepo('app', source, paths());
    const first = await head();
    await publishRepo('app', source, paths());
    expect(await head()).toBe(first);
    fs.writeFileSync(path.join(source, 'app.py'), 'print("changed")\n');
    await publishRepo('app', source, paths());
    expect(await head()).not.toBe(first);
  }, 60_000);

  test('names that would escape the base path are refused; URLs point at the bridge', async () => {
    await expect(publishRepo('../x', source, paths())).rejects.toThrow(/bad repository name/);
    expect(gitUrl('flaskr')).toMatch(/^git:\/\/[\d.]+\/flaskr\.git$/);
  }, 60_000);
});
