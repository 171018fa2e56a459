import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

// The example app the deployment e2e ships to hosts, run here with Debian's Flask (2.2, as on bookworm hosts)
// through Flask's test client. /usr/bin/python3 on purpose: a pyenv python may shadow it on PATH.
const PYTHON = '/usr/bin/python3';
const APP_DIR = path.resolve(__dirname, '..', '..', 'examples', 'flaskr');

function hasFlask(): boolean {
  return spawnSync(PYTHON, ['-c', 'import flask']).status === 0;
}

function installFlask(): boolean {
  if (process.getuid?.() !== 0) return false;
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  spawnSync('apt-get', ['install', '-y', '-q', 'python3-flask'], { env, stdio: 'ignore', timeout: 300_000 });
  return hasFlask();
}

const available = hasFlask() || installFlask();
if (!available) console.warn('skipping flaskr app tests: python3-flask is missing and cannot be installed');
const describeApp = available ? describe : describe.skip;

/** Imports the app, records whether that made the database, then walks a visitor and the admin through it. */
const SCRIPT = `
import json, os, sys
sys.path.insert(0, sys.argv[1])
import flaskr
report = {'db_after_import': os.path.exists(os.environ['FLASKR_DATABASE'])}
flaskr.init_db()
flaskr.init_db()
client = flaskr.app.test_client()
text = lambda response: response.get_data(as_text=True)
report['empty'] = 'No entries here so far' in text(client.get('/'))
report['anonymous_add'] = client.post('/add', data={'title': 'x', 'text': 'y'}).status_code
wrong = client.post('/login', data={'username': 'admin', 'password': 'nope'})
report['bad_password'] = 'Invalid password' in text(wrong)
login = client.post('/login', data={'username': 'admin', 'password': 'default'}, follow_redirects=True)
report['logged_in'] = 'You were logged in' in text(login)
added = client.post('/add', data={'title': 'Hello', 'text': '<b>first</b> post'}, follow_redirects=True)
report['added'] = 'New entry was successfully posted' in text(added)
report['shown'] = '<h2>Hello</h2><b>first</b> post' in text(client.get('/'))
report['logged_out'] = 'You were logged out' in text(client.get('/logout', follow_redirects=True))
report['css'] = client.get('/static/style.css').status_code
print(json.dumps(report))
`;

describeApp('examples/flaskr with Debian python3-flask', () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'flaskr-'));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('importing leaves the database alone; login, add entry and logout work', () => {
    const database = path.join(dir, 'blog.db');
    const result = spawnSync(PYTHON, ['-c', SCRIPT, APP_DIR], {
      // PYTHONDONTWRITEBYTECODE keeps __pycache__ out of the example the git server publishes.
      env: { ...process.env, FLASKR_DATABASE: database, PYTHONDONTWRITEBYTECODE: '1' },
      encoding: 'utf8',
    });
    expect(result.stderr).not.toMatch(/Traceback/);
    expect(JSON.parse(result.stdout)).toEqual({
      db_after_import: false, empty: true, anonymous_add: 401, bad_password: true, logged_in: true, added: true,
      shown: true, logged_out: true, css: 200,
    });
  }, 60_000);

  test('the flask CLI command initdb creates the tables in the configured database', () => {
    const database = path.join(dir, 'cli.db');
    const result = spawnSync(PYTHON, ['-m', 'flask', '--app', 'flaskr', 'initdb'], {
      cwd: APP_DIR, env: { ...process.env, FLASKR_DATABASE: database, PYTHONDONTWRITEBYTECODE: '1' }, encoding: 'utf8',
    });
    expect(result.stdout.trim()).toBe('Initialized the database.');
    const tables = spawnSync(PYTHON, ['-c',
      'import sqlite3, sys; print(sqlite3.connect(sys.argv[1]).execute("select name from sqlite_master").fetchall())',
      database], { encoding: 'utf8' });
    expect(tables.stdout).toContain("'entries'");
  }, 60_000);
});
