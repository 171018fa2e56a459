import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { hostsPaths } from '../config';
import { run, tryRun } from '../exec';
import { pipConf, prepareWheelhouse, SYSTEM_PYTHON } from './wheelhouse';

// Builds into the shared cache (as the hosts do) with apt-get download, so it needs root and Debian's apt.
const usable = process.getuid?.() === 0 && spawnSync('sh', ['-c', 'command -v apt-get dpkg-deb']).status === 0 &&
  fs.existsSync(SYSTEM_PYTHON);
if (!usable) console.warn('skipping wheelhouse tests: needs root, apt-get and /usr/bin/python3');
const describeReal = usable ? describe : describe.skip;

describeReal('the offline wheelhouse built from Debian packages', () => {
  let wheelhouse: string;
  let venv: string;
  beforeAll(async () => {
    wheelhouse = await prepareWheelhouse(hostsPaths());
    venv = fs.mkdtempSync(path.join(os.tmpdir(), 'wheelhouse-venv-'));
    // python3-venv is in Debian and needed here only; the hosts install it themselves through the apt proxy.
    if ((await tryRun(SYSTEM_PYTHON, ['-c', 'import ensurepip'])).code !== 0) {
      const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
      await run('apt-get', ['install', '-y', '-q', 'python3-venv'], { env });
    }
  }, 300_000);
  afterAll(() => fs.rmSync(venv, { recursive: true, force: true }));

  test('holds Flask, gunicorn and their dependencies as wheels', () => {
    expect(fs.readdirSync(wheelhouse).sort()).toEqual([
      'Flask-2.2.2-py3-none-any.whl', expect.stringMatching(/^Jinja2-3\.1\.\d+-py3-none-any\.whl$/),
      expect.stringMatching(/^MarkupSafe-2\.1\.\d+-py3-none-any\.whl$/),
      expect.stringMatching(/^Werkzeug-2\.2\.\d+-py3-none-any\.whl$/), 'click-8.1.3-py3-none-any.whl',
      expect.stringMatching(/^colorama-.*-py3-none-any\.whl$/), 'gunicorn-20.1.0-py3-none-any.whl',
      expect.stringMatching(/^itsdangerous-2\.1\.\d+-py3-none-any\.whl$/),
      expect.stringMatching(/^setuptools-.*-py3-none-any\.whl$/),
    ]);
  });

  test('a fresh venv installs flask and gunicorn from it with no index, and both import', async () => {
    await run(SYSTEM_PYTHON, ['-m', 'venv', venv]);
    const pip = path.join(venv, 'bin', 'pip');
    // PIP_CONFIG_FILE=/dev/null: this machine's own pip configuration must not add an index.
    const env = { ...process.env, PIP_CONFIG_FILE: '/dev/null', PIP_DISABLE_PIP_VERSION_CHECK: '1' };
    await run(pip, ['install', '-q', '--no-index', '--find-links', wheelhouse, 'flask', 'gunicorn'], { env });
    expect((await tryRun(pip, ['check'], { env })).stdout).toContain('No broken requirements found');
    const imported = await run(path.join(venv, 'bin', 'python'), ['-c',
      'import flask, gunicorn, markupsafe; print(gunicorn.__version__, markupsafe.escape("<b>"))']);
    expect(imported.trim()).toBe('20.1.0 &lt;b&gt;');
    expect(fs.existsSync(path.join(venv, 'bin', 'gunicorn'))).toBe(true);
  }, 120_000);

  test("the hosts' pip.conf uses only the wheelhouse, over http from the bridge", () => {
    expect(pipConf())
      .toMatch(/^\[global\]\nno-index = true\nfind-links = http:\/\/[\d.]+:3141\/\ntrusted-host = [\d.]+\n$/);
  });
});
