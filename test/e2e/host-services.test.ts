import { spawnSync } from 'child_process';
import * as http from 'http';
import { RunningHosts, startHosts } from '../hosts';
import { bridgeAddress } from '../hosts/config';
import { tryRun } from '../hosts/exec';
import { sleep } from '../hosts/state';

// Real hosts need root (namespaces, mounts) and systemd-nspawn, which startHosts installs when apt can.
const isRoot = process.getuid?.() === 0;
const nspawnAvailable =
  spawnSync('sh', ['-c', 'command -v systemd-nspawn || apt-cache show systemd-container']).status === 0;
const skipReason = !isRoot ? 'not root' : !nspawnAvailable ? 'systemd-nspawn is not installable' : '';
if (skipReason) console.warn(`skipping host services tests: ${skipReason}`);
const describeReal = skipReason ? describe.skip : describe;

/** GET over the bridge from this machine; resolves with status and body, or status 0 when nothing answers. */
function get(url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve) => {
    const req = http.get(url, { timeout: 2000 }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => (body += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '' }));
  });
}

describeReal('offline services for a real deployment (wheelhouse, git daemon) in a Debian host', () => {
  let run: RunningHosts;
  const timings: Record<string, number> = {};

  async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
    const started = Date.now();
    try {
      return await fn();
    } finally {
      timings[label] = Date.now() - started;
    }
  }

  function ssh(command: string) {
    const host = run.hosts[0];
    return tryRun('ssh', [
      '-i', run.privateKeyPath, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', `${host.user}@${host.address}`, command,
    ]);
  }

  beforeAll(async () => {
    // The first run builds the base image (a minute) and the wheelhouse (~10 s); both are cached after.
    run = await timed('start host with services', () => startHosts({ count: 1, prefix: 'e2e-svc-', services: true }));
  }, 900_000);

  afterAll(async () => {
    await run?.stop();
    console.log(`host services timings (ms): ${JSON.stringify(timings)}`);
  }, 120_000);

  test('the host is pointed at the wheelhouse and installs git and venv through the apt proxy', async () => {
    const conf = await ssh('cat /etc/pip.conf');
    expect(conf.stdout).toContain(`find-links = http://${bridgeAddress()}:3141/`);
    expect(conf.stdout).toContain('no-index = true');
    const install = await timed('apt-get install git python3-venv', () =>
      ssh('sudo apt-get update -q >/dev/null && ' +
        'sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q git python3-venv 2>&1'));
    expect(install.stdout).toMatch(/Setting up python3-venv/);
    expect(install.code).toBe(0);
  }, 300_000);

  test('git clone git://BRIDGE/flaskr.git gives the example app at tag v1.0', async () => {
    const clone = await timed('git clone', () =>
      ssh(`git clone -q git://${bridgeAddress()}/flaskr.git /tmp/f && git -C /tmp/f describe --tags && ls /tmp/f`));
    expect(clone.stderr).toBe('');
    expect(clone.stdout.split('\n')).toEqual(expect.arrayContaining(['v1.0', 'flaskr.py', 'schema.sql', 'templates']));
    expect(clone.code).toBe(0);
  }, 60_000);

  test('pip installs flask and gunicorn into a venv from the wheelhouse alone', async () => {
    const pip = await timed('venv + pip install flask gunicorn', () =>
      ssh('python3 -m venv /tmp/v && /tmp/v/bin/pip install flask gunicorn 2>&1'));
    expect(pip.stdout).toContain(`Looking in links: http://${bridgeAddress()}:3141/`);
    expect(pip.stdout).toMatch(/Successfully installed .*flask-2\.2\.2.*gunicorn-20\.1\.0/i);
    const imported = await ssh(`/tmp/v/bin/python -c 'import flask, gunicorn; print("ok")'`);
    expect(imported.stdout.trim()).toBe('ok');
  }, 180_000);

  test('flaskr runs under gunicorn in the host and answers this machine over the bridge', async () => {
    const env = 'FLASKR_DATABASE=/tmp/flaskr.db';
    const start = await ssh(`cd /tmp/f && ${env} /tmp/v/bin/flask --app flaskr initdb && ${env} /tmp/v/bin/gunicorn ` +
      '--daemon --pid /tmp/gunicorn.pid --bind 0.0.0.0:8000 flaskr:app');
    expect(start.stdout.trim()).toBe('Initialized the database.');
    const url = `http://${run.hosts[0].address}:8000/`;
    // gunicorn --daemon returns before it listens: ask until it answers, for up to 60 s on a busy machine.
    const page = await timed('gunicorn answers', async () => {
      const deadline = Date.now() + 60_000;
      for (;;) {
        const response = await get(url);
        if (response.status !== 0 || Date.now() > deadline) return response;
        await sleep(100);
      }
    });
    await ssh('kill $(cat /tmp/gunicorn.pid)');
    expect(page.status).toBe(200);
    expect(page.body).toContain('<h1>Flaskr</h1>');
    expect(page.body).toContain('No entries here so far');
  }, 120_000);
});
