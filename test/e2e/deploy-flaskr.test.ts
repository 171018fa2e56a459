import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as http from 'http';
import { tmpdir } from 'os';
import { join } from 'path';
import { parseRecap } from '../compat/harness';
import { RunningHosts, startHosts } from '../hosts';
import { gitUrl } from '../hosts/services';

// The project's deployment (playbooks/app.yml) run by tsible-playbook against a fresh Debian host: a dry
// run first (completes where ansible-playbook's fails, changes no file), then the deployment: the blog
// answers through nginx, works (login, add an entry), keeps its data across a restart of the service,
// also after a reboot, and a second run changes nothing.
const ROOT = join(__dirname, '..', '..');
const TSIBLE = join(ROOT, 'dist', 'engine', 'cli', 'tsible-playbook.js');
const isRoot = process.getuid?.() === 0;
const nspawn = spawnSync('sh', ['-c', 'command -v systemd-nspawn || apt-cache show systemd-container']).status === 0;
const describeReal = isRoot && nspawn ? describe : describe.skip;

interface Reply {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
}

function request(url: string, opts: { method?: string; form?: Record<string, string>; cookie?: string } = {}): Promise<Reply> {
  const body = opts.form ? new URLSearchParams(opts.form).toString() : undefined;
  return new Promise((resolve) => {
    const req = http.request(url, { method: opts.method ?? 'GET', timeout: 5000, headers: { ...(body ? { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) } : {}), ...(opts.cookie ? { cookie: opts.cookie } : {}) } }, (res) => {
      let text = '';
      res.on('data', (c: Buffer) => (text += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text, headers: res.headers }));
    });
    req.on('timeout', () => req.destroy());
    req.on('error', () => resolve({ status: 0, body: '', headers: {} }));
    req.end(body);
  });
}

/** A command on one of the hosts over ssh, as its login user. */
function onHost(hosts: RunningHosts, i: number, command: string) {
  const h = hosts.hosts[i];
  return spawnSync('ssh', ['-i', hosts.privateKeyPath, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'BatchMode=yes', `${h.user}@${h.address}`, command], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
}

/** Waits for a condition (a service just (re)started), bounded: generous, as the machine may be busy. */
async function until(what: () => Promise<boolean>, ms: number, waitingFor = 'the page to answer 200'): Promise<void> {
  const end = Date.now() + ms;
  while (!(await what())) {
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${waitingFor}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describeReal('flaskr deployed by tsible-playbook to a fresh Debian host', () => {
  let hosts: RunningHosts;
  let dir: string;
  let base: string;
  let ourRecap: Record<string, number> | undefined;
  const deploy = (...extra: string[]) => {
    const r = spawnSync('node', [TSIBLE, '-i', join(dir, 'hosts'), 'playbooks/app.yml', '-e', `app_repo=${gitUrl('flaskr')}`, ...extra], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    return { code: r.status, out: `${r.stdout}${r.stderr}`, recap: parseRecap(r.stdout ?? '') };
  };

  beforeAll(async () => {
    // Two fresh hosts: tsible-playbook deploys to the first, real ansible-playbook to its twin.
    hosts = await startHosts({ count: 2, prefix: 'deploy-', services: true });
    dir = mkdtempSync(join(tmpdir(), 'tsible-deploy-'));
    const line = (h: (typeof hosts.hosts)[number]) =>
      `[webservers]\n${h.name} ansible_host=${h.address} ansible_user=${h.user} ansible_ssh_private_key_file=${hosts.privateKeyPath} ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'\n`;
    writeFileSync(join(dir, 'hosts'), line(hosts.hosts[0]));
    writeFileSync(join(dir, 'twin'), line(hosts.hosts[1]));
    base = `http://${hosts.hosts[0].address}:8080`;
  }, 900_000);
  afterAll(async () => {
    await hosts?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('--check on the fresh host completes, predicts the changes, and leaves its files exactly as they were', () => {
    const listing = () => onHost(hosts, 0, "sudo find /etc /opt /srv /var/www /home -xdev \\( -type f -exec sha1sum {} + \\) -o -printf '%p %m %u %y\\n' 2>/dev/null | sort").stdout;
    const before = listing();
    expect(before.length).toBeGreaterThan(1000);
    const check = deploy('--check');
    expect({ code: check.code, out: check.code === 0 ? '' : check.out }).toEqual({ code: 0, out: '' });
    expect(Object.values(check.recap)[0]).toMatchObject({ failed: 0 });
    expect(check.out).toMatch(/changed: \[[^\]]+\] \(predicted: would work after "install the packages the application needs"\)/);
    expect(listing()).toBe(before);
  }, 600_000);

  it('deploys: the page answers through nginx, which also serves the static files', async () => {
    const first = deploy();
    expect({ code: first.code, out: first.code === 0 ? '' : first.out }).toEqual({ code: 0, out: '' });
    ourRecap = Object.values(first.recap)[0];
    // The service was just restarted by its handler: nginx answers 502 until gunicorn listens.
    await until(async () => (await request(`${base}/`)).status === 200, 90_000);
    const page = await request(`${base}/`);
    expect(page.status).toBe(200);
    expect(page.body).toMatch(/flaskr/i);
    const css = await request(`${base}/static/style.css`);
    expect(css.status).toBe(200);
    expect(String(css.headers.server)).toMatch(/nginx/);
  }, 900_000);

  it('works: log in, add an entry, and the entry survives a restart of the service', async () => {
    const login = await request(`${base}/login`, { method: 'POST', form: { username: 'admin', password: 'default' } });
    expect(login.status).toBe(302);
    const cookie = String(login.headers['set-cookie']?.[0] ?? '').split(';')[0];
    const add = await request(`${base}/add`, { method: 'POST', form: { title: 'Deployed by tsible', text: 'it works' }, cookie });
    expect(add.status).toBe(302);
    expect((await request(`${base}/`)).body).toContain('Deployed by tsible');
    expect(onHost(hosts, 0, 'sudo systemctl restart flaskr').status).toBe(0);
    await until(async () => (await request(`${base}/`)).status === 200, 90_000);
    expect((await request(`${base}/`)).body).toContain('Deployed by tsible');
  }, 120_000);

  it('comes back after a reboot of the host, with its data (the services are enabled)', async () => {
    // /run is a fresh tmpfs on every boot: the marker proves the host really rebooted.
    expect(onHost(hosts, 0, 'sudo touch /run/tsible-before-reboot && ls /run/tsible-before-reboot').status).toBe(0);
    await hosts.reboot(hosts.hosts[0].name);
    expect(onHost(hosts, 0, 'test ! -e /run/tsible-before-reboot').status).toBe(0);
    await until(async () => (await request(`${base}/`)).status === 200, 180_000);
    expect((await request(`${base}/`)).body).toContain('Deployed by tsible');
  }, 420_000);

  it('is the same playbook real ansible-playbook deploys, with the same recap', async () => {
    const theirs = spawnSync('ansible-playbook', ['-i', join(dir, 'twin'), 'playbooks/app.yml', '-e', `app_repo=${gitUrl('flaskr')}`], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    expect({ code: theirs.status, out: theirs.status === 0 ? '' : `${theirs.stdout}${theirs.stderr}` }).toEqual({ code: 0, out: '' });
    const twin = `http://${hosts.hosts[1].address}:8080/`;
    await until(async () => (await request(twin)).status === 200, 90_000);
    const page = await request(twin);
    expect(page.body).toMatch(/flaskr/i);
    expect(Object.values(parseRecap(theirs.stdout))[0]).toEqual(ourRecap);
    const deployed = '/etc/nginx/sites-available/flaskr /etc/systemd/system/flaskr.service /srv/flaskr/app/wsgi.py /srv/flaskr/app/flaskr.py';
    const files = (i: number) => onHost(hosts, i, `sudo cat ${deployed}`).stdout;
    expect(files(0).length).toBeGreaterThan(500);
    expect(files(0)).toBe(files(1));
  }, 900_000);

  it('reruns with nothing to change, and --check on the deployed host predicts no change', () => {
    const again = deploy();
    expect(again.code).toBe(0);
    expect(Object.values(again.recap)[0]).toMatchObject({ changed: 0, failed: 0 });
    const check = deploy('--check');
    expect(check.code).toBe(0);
    expect(Object.values(check.recap)[0]).toMatchObject({ changed: 0, failed: 0 });
  }, 600_000);

  it('reconfigures and restarts only what depends on a setting changed in variable.yml', async () => {
    // A copy of the deployment with app_port and wsgi_worker changed, as a user would edit them.
    const copy = join(dir, 'deployment');
    for (const part of ['playbooks', 'templates', 'ansible.cfg']) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
    const vars = readFileSync(join(ROOT, 'variable.yml'), 'utf8').replace(/^app_port: \d+/m, 'app_port: 8081').replace(/^wsgi_worker: \d+/m, 'wsgi_worker: 2');
    writeFileSync(join(copy, 'variable.yml'), vars);
    const r = spawnSync('node', [TSIBLE, '-i', join(dir, 'hosts'), 'playbooks/app.yml', '-e', `app_repo=${gitUrl('flaskr')}`], { cwd: copy, encoding: 'utf8', env: { ...process.env, ANSIBLE_NOCOLOR: '1' } });
    expect(r.status).toBe(0);
    const changedTasks = [...r.stdout.matchAll(/(?:TASK|RUNNING HANDLER) \[([^\]]+)\] \**\nchanged:/g)].map((m) => m[1]).sort();
    expect(changedTasks).toEqual(['configure the nginx site', 'install the systemd unit for gunicorn', 'restart flaskr', 'restart nginx']);
    const moved = `http://${hosts.hosts[0].address}:8081/`;
    await until(async () => (await request(moved)).status === 200, 90_000);
    expect((await request(moved)).body).toContain('Deployed by tsible');
    // The page answers once one worker listens; the second may still be booting.
    const processes = () => onHost(hosts, 0, 'pgrep -c -f "gunicorn.*wsgi:app"').stdout.trim();
    await until(async () => processes() === '3', 60_000, 'gunicorn to run its master and 2 workers');
    expect(processes()).toBe('3');
  }, 600_000);
});
