import { execFile, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import type { Connection } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { runModule } from '../../engine/module/run';
import type { AnyModule, ModuleResult } from '../../engine/module/types';
import apt from '../../modules/apt';
import pkg from '../../modules/package';
import pip from '../../modules/pip';
import { RunningHosts, startHosts } from '../hosts';

const isRoot = process.getuid?.() === 0;
const haveTools = spawnSync('sh', ['-c', 'command -v ansible-playbook && (command -v systemd-nspawn || apt-cache show systemd-container)'], { stdio: 'ignore' }).status === 0;
const describeReal = isRoot && haveTools ? describe : describe.skip;
const run = promisify(execFile);
const become = { method: 'sudo', user: 'root' } as const;

type Task = Record<string, unknown>;

/** The verdict a user sees for a task: what must agree between tsible and ansible-playbook. */
const verdict = (r: ModuleResult) => ({ changed: r.changed, failed: r.failed ?? false, ...(r.failed ? { msg: r.msg } : {}) });

/** Builds pure-Python wheels of a dummy project (no PyPI on the hosts): a zip with the package and its dist-info. */
function buildWheels(dir: string, versions: string[]): void {
  const script = `
import base64, hashlib, sys, zipfile
name = 'tsdummy'
for version in sys.argv[2:]:
    info = f'{name}-{version}.dist-info'
    files = {f'{name}/__init__.py': f"__version__ = '{version}'\\n",
             f'{info}/METADATA': f'Metadata-Version: 2.1\\nName: {name}\\nVersion: {version}\\n',
             f'{info}/WHEEL': 'Wheel-Version: 1.0\\nGenerator: tsible-test\\nRoot-Is-Purelib: true\\nTag: py3-none-any\\n'}
    record = [f"{p},sha256={base64.urlsafe_b64encode(hashlib.sha256(t.encode()).digest()).rstrip(b'=').decode()},{len(t.encode())}" for p, t in files.items()]
    files[f'{info}/RECORD'] = '\\n'.join(record + [f'{info}/RECORD,,']) + '\\n'
    with zipfile.ZipFile(f'{sys.argv[1]}/{name}-{version}-py3-none-any.whl', 'w') as z:
        for p, t in files.items():
            z.writestr(p, t)
`;
  spawnSync('python3', ['-c', script, dir, ...versions], { stdio: 'inherit' });
}

describeReal('apt, package and pip on Debian containers, side by side with ansible-playbook', () => {
  let hosts: RunningHosts;
  let mine: Connection;
  let twin: Connection;
  let twinName: string;
  const dir = mkdtempSync(join(tmpdir(), 'apt-pip-e2e-'));

  /** Runs one of our modules on host A. */
  // What the module did; the invocation it echoes (the arguments as given) is not what these tests compare.
  const ours = async (mod: AnyModule, args: Task, check = false) => {
    const { invocation: _invocation, ...result } = await runModule(mod, args, { connection: mine, check, diff: true, become });
    return result;
  };
  const sh = async (conn: Connection, cmd: string) => (await conn.exec(cmd, { become })).stdout;
  const dpkgState = (conn: Connection, names: string) => sh(conn, `dpkg-query -W -f='\${Package} \${db:Status-Abbrev}\\n' ${names} 2>/dev/null; true`);

  /** Runs tasks with ansible-playbook on host B; every task's result, in order. */
  async function ansible(tasks: (Task & { check?: boolean })[]): Promise<ModuleResult[]> {
    const play = [{ hosts: twinName, gather_facts: false, become: true, tasks: tasks.map(({ check, ...t }) => ({ ...t, ignore_errors: true, ...(check ? { check_mode: true } : {}) })) }];
    writeFileSync(join(dir, 'play.yml'), JSON.stringify(play));
    const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_HOST_KEY_CHECKING: '0', ANSIBLE_DIFF_ALWAYS: '1' };
    const out = await run('ansible-playbook', ['-i', hosts.inventoryPath, 'play.yml'], { cwd: dir, env, maxBuffer: 64 << 20 }).catch((e: { stdout: string }) => e);
    const doc = JSON.parse(out.stdout) as { plays: { tasks: { hosts: Record<string, ModuleResult> }[] }[] };
    return doc.plays[0].tasks.map((t) => t.hosts[twinName]);
  }

  /** Runs the same tasks here on host A, one after the other. */
  async function tsible(tasks: (Task & { check?: boolean })[], mod: AnyModule): Promise<ModuleResult[]> {
    const results: ModuleResult[] = [];
    for (const { check, ...task } of tasks) results.push(await ours(mod, Object.values(task)[0] as Task, check));
    return results;
  }

  beforeAll(async () => {
    hosts = await startHosts({ count: 2, prefix: 'apt-e2e-' });
    const [a, b] = hosts.hosts;
    twinName = b.name;
    const connect = (h: typeof a) => createSshConnection(h.name, { hostname: h.address, user: h.user, privateKeyFile: hosts.privateKeyPath, hostKeyChecking: false, sshConfigFile: null });
    mine = connect(a);
    twin = connect(b);
    await Promise.all([mine.connect(), twin.connect()]);
    buildWheels(dir, ['1.0', '1.1']);
    for (const conn of [mine, twin]) {
      await sh(conn, 'mkdir -p /opt/wheels');
      for (const whl of readdirSync(dir).filter((f) => f.endsWith('.whl'))) await conn.putFile(`/opt/wheels/${whl}`, readFileSync(join(dir, whl)), { become });
    }
  }, 900_000);

  afterAll(async () => {
    await Promise.all([mine?.close(), twin?.close()]);
    await hosts?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('apt present/absent: check mode, change and idempotence agree with ansible-playbook, and so does dpkg', async () => {
    const tasks = [
      { apt: { name: 'hello' }, check: true },
      { apt: { name: 'hello' } },
      { apt: { name: 'hello' } },
      { apt: { name: 'hello', state: 'absent' }, check: true },
      { apt: { name: 'hello', state: 'absent' } },
      { apt: { name: 'hello', state: 'absent' } },
      { apt: { name: 'no-such-package-tsible' } },
      { apt: { name: 'python3-venv,python3-pkg-resources', install_recommends: false } },
      { apt: { name: ['python3-venv', 'python3-pkg-resources'], install_recommends: false } },
    ];
    const [theirs, ours_] = await Promise.all([ansible(tasks), tsible(tasks, apt)]);
    expect(ours_.map(verdict)).toEqual(theirs.map(verdict));
    expect(ours_.map(verdict).map((v) => v.changed)).toEqual([true, true, false, true, true, false, false, true, false]);
    expect(ours_[1]).toMatchObject({ cache_updated: false, cache_update_time: expect.any(Number), stdout: expect.stringContaining('hello') });
    expect(ours_[0].diff).toEqual({ prepared: expect.stringContaining('The following NEW packages will be installed:\n  hello') });
    const names = 'hello python3-venv python3-pkg-resources';
    expect(await dpkgState(mine, names)).toEqual(await dpkgState(twin, names));
  }, 240_000);

  it('check mode changes nothing on the host and predicts from lists fetched aside when they are empty', async () => {
    await sh(mine, 'find /var/lib/apt/lists -maxdepth 1 -type f -name "*_*" -delete');
    const predicted = await ours(apt, { name: 'cowsay', update_cache: true }, true);
    expect(predicted).toMatchObject({ changed: true, cache_updated: true, diff: { prepared: expect.stringContaining('cowsay') } });
    expect(await sh(mine, 'ls /var/lib/apt/lists | grep -c _ ; true')).toBe('0\n');
    expect(await dpkgState(mine, 'cowsay')).toBe('');
    const updated = await ours(apt, { update_cache: true });
    expect(updated).toMatchObject({ changed: true, cache_updated: true });
    const fresh = await ours(apt, { update_cache: true, cache_valid_time: 3600 });
    expect(fresh).toEqual({ changed: false, cache_updated: false, cache_update_time: updated.cache_update_time });
  }, 120_000);

  it('deb files and name globs agree with ansible-playbook', async () => {
    const fetch = 'cd /tmp && apt-get download -q hello >/dev/null 2>&1; ls /tmp/hello_*.deb';
    const [debA, debB] = await Promise.all([sh(mine, fetch), sh(twin, `apt-get update -q >/dev/null; ${fetch}`)]);
    expect(debA).toBe(debB);
    const deb = debA.trim();
    const tasks = [
      { apt: { name: 'hello', state: 'absent' } },
      { apt: { deb }, check: true },
      { apt: { deb } },
      { apt: { deb } },
      { apt: { name: 'hell?', state: 'absent' }, check: true },
      { apt: { name: 'no-such-*' }, check: true },
      { apt: { name: 'hello=9.9' } },
    ];
    const [theirs, ours_] = await Promise.all([ansible(tasks), tsible(tasks, apt)]);
    expect(ours_.map(verdict)).toEqual(theirs.map(verdict));
    expect(ours_.map((r) => r.changed)).toEqual([false, true, true, false, true, false, false]);
    expect(ours_[4].cache_updated).toBeUndefined();
    expect(await dpkgState(mine, 'hello')).toEqual(await dpkgState(twin, 'hello'));
  }, 120_000);

  it('waits for a dpkg lock another process holds instead of failing', async () => {
    // The holder says when it has the lock and when it let go: apt starts only once the lock is held
    // (a bounded wait, however slow the machine), and it must finish after the holder was about to let go.
    const [held, released] = ['/tmp/tsible-dpkg-lock-held', '/tmp/tsible-dpkg-lock-released'];
    const hold = `python3 -c "import fcntl, time; f = open('/var/lib/dpkg/lock-frontend', 'w'); fcntl.lockf(f, fcntl.LOCK_EX); open('${held}', 'w').close(); time.sleep(5); open('${released}', 'w').close(); fcntl.lockf(f, fcntl.LOCK_UN)"`;
    await sh(mine, `rm -f ${held} ${released}; nohup ${hold} >/dev/null 2>&1 & for i in $(seq 600); do [ -e ${held} ] && break; sleep 0.1; done`);
    expect(await sh(mine, `ls ${held} ${released} 2>/dev/null; true`)).toBe(`${held}\n`);
    const result = await ours(apt, { name: 'hello', state: 'absent', purge: true });
    expect(verdict(result)).toEqual({ changed: true, failed: false });
    expect(await sh(mine, `ls ${released}`)).toBe(`${released}\n`);
    expect(await dpkgState(mine, 'hello')).not.toContain('ii');
  }, 60_000);

  it('package picks apt from the facts or the host and shares its behaviour', async () => {
    expect(verdict(await runModule(pkg, { name: 'hello', state: 'absent' }, { connection: mine, become, vars: { ansible_pkg_mgr: 'apt' } }))).toEqual({ changed: false, failed: false });
    const installed = await runModule(pkg, { name: 'hello', state: 'present' }, { connection: mine, become, check: true });
    expect(verdict(installed)).toEqual({ changed: true, failed: false });
    const other = await runModule(pkg, { name: 'hello', state: 'present' }, { connection: mine, become, vars: { ansible_facts: { pkg_mgr: 'dnf' } } });
    expect(other).toMatchObject({ failed: true, msg: 'Could not find a module for dnf.' });
  }, 60_000);

  it('pip into a new venv from local wheels: versions, idempotence and absent agree with ansible-playbook', async () => {
    const base = { virtualenv: '/opt/venv', virtualenv_command: 'python3 -m venv', extra_args: '--no-index --find-links /opt/wheels' };
    const tasks = [
      { pip: { ...base, name: 'tsdummy==1.0' } },
      { pip: { ...base, name: 'tsdummy==1.0' } },
      { pip: { ...base, name: ['tsdummy>=1.1'] } },
      { pip: { virtualenv: base.virtualenv, name: 'tsdummy', state: 'absent' } },
      { pip: { virtualenv: base.virtualenv, name: 'tsdummy', state: 'absent' } },
    ];
    const [theirs, ours_] = await Promise.all([ansible(tasks), tsible(tasks, pip)]);
    expect(ours_.map(verdict)).toEqual(theirs.map(verdict));
    expect(ours_.map((r) => r.changed)).toEqual([true, false, true, true, false]);
    const keys = ['cmd', 'name', 'requirements', 'state', 'version', 'virtualenv'];
    expect(keys.map((k) => [k, ours_[0][k]])).toEqual(keys.map((k) => [k, theirs[0][k]]));
  }, 180_000);

  it('pip check mode predicts from the freeze without installing', async () => {
    const base = { virtualenv: '/opt/venv', extra_args: '--no-index --find-links /opt/wheels' };
    expect((await ours(pip, { ...base, name: 'tsdummy==1.0' }, true)).changed).toBe(true);
    await ours(pip, { ...base, name: 'tsdummy==1.0' });
    expect((await ours(pip, { ...base, name: 'tsdummy>=1.0,<2' }, true)).changed).toBe(false);
    expect((await ours(pip, { ...base, name: 'tsdummy', version: '1.1' }, true)).changed).toBe(true);
    expect((await ours(pip, { ...base, name: 'tsdummy', state: 'absent' }, true)).changed).toBe(true);
    expect(await sh(mine, '/opt/venv/bin/pip list --format=freeze | grep tsdummy')).toBe('tsdummy==1.0\n');
  }, 60_000);
});
