import { ChildProcess, execFile, spawn, spawnSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import type { Connection } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { runModule } from '../../engine/module/run';
import type { AnyModule, ModuleResult } from '../../engine/module/types';
import cron from '../../modules/cron';
import debconf from '../../modules/debconf';
import dpkgSelections from '../../modules/dpkg_selections';
import getent from '../../modules/getent';
import git from '../../modules/git';
import group from '../../modules/group';
import hostname from '../../modules/hostname';
import knownHosts from '../../modules/known_hosts';
import service from '../../modules/service';
import systemd from '../../modules/systemd';
import user from '../../modules/user';
import { RunningHosts, startHosts, TestHost } from '../hosts';
import { bridgeAddress } from '../hosts/config';
import { CRON_TASKS, DEBCONF_TASKS, DPKG_SELECTIONS_TASKS, GETENT_TASKS, GIT_TASKS, HOSTNAME_TASKS, INIT_SCRIPT, KNOWN_HOSTS_TASKS, SYSTEMD_TASKS, SYSV_TASKS, USER_TASKS } from './modules-system-twin-cases';

// Real hosts need root (namespaces, mounts) and systemd-nspawn, which startHosts installs when apt can.
const isRoot = process.getuid?.() === 0;
const nspawnAvailable = spawnSync('sh', ['-c', 'command -v systemd-nspawn || apt-cache show systemd-container'], { stdio: 'ignore' }).status === 0;
const describeReal = isRoot && nspawnAvailable ? describe : describe.skip;
if (!isRoot || !nspawnAvailable) console.warn(`skipping system module tests on real hosts: ${isRoot ? 'systemd-nspawn is not installable' : 'not root'}`);
const run = promisify(execFile);

/** Keys Ansible's runner adds around a module's own result. */
const RUNNER_KEYS = ['invocation', '_ansible_no_log', 'action', 'ansible_facts', 'warnings', 'deprecations'];

/** A result without Ansible's runner keys; unit properties (pids, times) reduced to their names and states. */
function comparable(result: Record<string, unknown>): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(result).filter(([k]) => !RUNNER_KEYS.includes(k)));
  const status = out.status as Record<string, string> | undefined;
  if (status) {
    const { ActiveState, SubState, LoadState, UnitFileState } = status;
    out.status = { names: Object.keys(status).sort(), ActiveState, SubState, LoadState, UnitFileState };
  }
  return out;
}

const UNIT = `[Unit]
Description=tsible test sleeper

[Service]
ExecStart=/bin/sleep infinity

[Install]
WantedBy=multi-user.target
`;

/** A repository on the controller: main with two commits, a dev branch and an annotated tag on the first commit. */
async function makeRepo(dir: string): Promise<Record<'first' | 'main' | 'dev', string>> {
  const work = join(dir, 'work');
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.invalid', GIT_CONFIG_GLOBAL: '/dev/null' };
  const g = async (...args: string[]) => (await run('git', ['-C', work, ...args], { env })).stdout.trim();
  await run('git', ['init', '-q', '-b', 'main', work], { env });
  writeFileSync(join(work, 'app.txt'), 'one\n');
  await g('add', '.');
  await g('commit', '-q', '-m', 'first');
  const first = await g('rev-parse', 'HEAD');
  await g('tag', '-a', 'v1', '-m', 'release 1');
  await g('checkout', '-q', '-b', 'dev');
  writeFileSync(join(work, 'dev.txt'), 'dev\n');
  await g('add', '.');
  await g('commit', '-q', '-m', 'dev');
  const dev = await g('rev-parse', 'HEAD');
  await g('checkout', '-q', 'main');
  writeFileSync(join(work, 'app.txt'), 'two\n');
  await g('commit', '-q', '-am', 'second');
  const main = await g('rev-parse', 'HEAD');
  await run('git', ['clone', '-q', '--bare', work, join(dir, 'serve', 'app.git')], { env });
  return { first, main, dev };
}

/** Adds a commit to main in the served repository; returns its sha. */
async function pushCommit(dir: string, text: string): Promise<string> {
  const work = join(dir, 'work');
  const env = { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t.invalid', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t.invalid', GIT_CONFIG_GLOBAL: '/dev/null' };
  writeFileSync(join(work, 'app.txt'), text);
  await run('git', ['-C', work, 'commit', '-q', '-am', text], { env });
  await run('git', ['-C', work, 'push', '-q', join(dir, 'serve', 'app.git'), 'main'], { env });
  return (await run('git', ['-C', work, 'rev-parse', 'HEAD'])).stdout.trim();
}

/** Waits (up to 60 s, the machine may be busy) until the git daemon answers. */
async function waitForDaemon(url: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    const answered = await run('git', ['ls-remote', url]).then(() => true, () => false);
    if (answered) return;
    if (Date.now() > deadline) throw new Error(`git daemon does not answer at ${url} after 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describeReal('system modules on real Debian hosts, beside ansible-playbook', () => {
  let hosts: RunningHosts;
  let daemon: ChildProcess | undefined;
  let conn: Connection;
  let shas: Record<'first' | 'main' | 'dev', string>;
  const dir = mkdtempSync(join(tmpdir(), 'modules-system-'));
  // Apart from the shared test-host git server's port, so both can serve at once.
  const port = 19000 + (process.pid % 1000);
  const url = `git://${bridgeAddress()}:${port}/app.git`;
  const become = { method: 'sudo' as const, user: 'root' };

  // What the module did; the invocation it echoes (the arguments as given) is not what these tests compare.
  const mine = async (mod: AnyModule, args: Record<string, unknown>, check = false, diff = false): Promise<ModuleResult> => {
    const { invocation: _invocation, ...result } = await runModule(mod, args, { connection: conn, check, diff, become });
    return result;
  };
  const sh = async (command: string) => (await conn.exec(command, { become })).stdout.trim();

  /** Runs tasks with ansible-playbook on host B and returns each task's result. */
  async function ansible(host: TestHost, tasks: object[]): Promise<Record<string, unknown>[]> {
    const play = [{ hosts: host.name, gather_facts: false, become: true, tasks }];
    writeFileSync(join(dir, 'play.yml'), JSON.stringify(play));
    const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_HOST_KEY_CHECKING: '0' };
    const out = await run('ansible-playbook', ['-i', hosts.inventoryPath, join(dir, 'play.yml')], { env, maxBuffer: 64 << 20 }).catch((e: { stdout: string }) => e);
    const doc = JSON.parse(out.stdout) as { plays: { tasks: { hosts: Record<string, Record<string, unknown>> }[] }[] };
    return doc.plays[0].tasks.map((t) => t.hosts[host.name]);
  }

  beforeAll(async () => {
    shas = await makeRepo(dir);
    hosts = await startHosts({ count: 2, prefix: 'sysmod-' });
    // Only now does the bridge address exist for the daemon to listen on.
    daemon = spawn('git', ['daemon', '--export-all', '--reuseaddr', `--base-path=${join(dir, 'serve')}`, `--listen=${bridgeAddress()}`, `--port=${port}`], { stdio: 'ignore' });
    await waitForDaemon(url);
    const conns = hosts.hosts.map((h) => createSshConnection(h.name, { hostname: h.address, user: h.user, privateKeyFile: hosts.privateKeyPath, hostKeyChecking: false, sshConfigFile: null }));
    conn = conns[0];
    const prepare = `apt-get install -y -q git cron >/dev/null 2>&1 || (apt-get update -q >/dev/null 2>&1 && apt-get install -y -q git cron >/dev/null 2>&1); for u in tsible-sleep tsible-twin; do printf %s '${UNIT}' > /usr/lib/systemd/system/$u.service; done; git --version && crontab -V 2>&1 || command -v crontab`;
    await Promise.all(conns.map(async (c) => {
      await c.connect();
      await c.putFile('/etc/init.d/tsible-sysv', INIT_SCRIPT, { mode: 0o755, become });
      const r = await c.exec(prepare, { become });
      if (r.rc !== 0) throw new Error(`preparing ${c.host}: ${r.stderr}`);
    }));
    await conns[1].close();
  }, 900_000);

  afterAll(async () => {
    await conn?.close();
    daemon?.kill();
    await hosts?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  describe('git', () => {
    const dest = '/srv/app';

    test('clones over git://, then is idempotent; check mode asks the remote and changes nothing', async () => {
      const predicted = await mine(git, { repo: url, dest }, true);
      expect(predicted).toEqual({ changed: true, before: null, after: shas.main });
      expect(await sh(`test -e ${dest} && echo exists || echo absent`)).toBe('absent');
      expect(await mine(git, { repo: url, dest }, false, true)).toEqual({ changed: true, before: null, after: shas.main, diff: { prepared: `>> Newly checked out ${shas.main}` } });
      expect(await sh(`cat ${dest}/app.txt`)).toBe('two');
      expect(await mine(git, { repo: url, dest })).toEqual({ changed: false, before: shas.main, after: shas.main, remote_url_changed: false });
    }, 60_000);

    test('switches to a branch, an annotated tag and a sha, each idempotent', async () => {
      for (const [version, sha] of [['dev', shas.dev], ['v1', shas.first], [shas.dev, shas.dev], ['main', shas.main]]) {
        const first = await mine(git, { repo: url, dest, version });
        expect({ version, changed: first.changed, after: first.after }).toEqual({ version, changed: true, after: sha });
        expect(await sh(`git -C ${dest} rev-parse HEAD`)).toBe(sha);
        const again = await mine(git, { repo: url, dest, version });
        expect({ version, changed: again.changed, after: again.after }).toEqual({ version, changed: false, after: sha });
      }
      expect(await sh(`git -C ${dest} symbolic-ref --short HEAD`)).toBe('main');
    }, 60_000);

    test('a new remote commit: check mode predicts it without fetching, a run brings it', async () => {
      const next = await pushCommit(dir, 'three\n');
      expect(await mine(git, { repo: url, dest, version: 'main' }, true)).toEqual({ changed: true, before: shas.main, after: next, remote_url_changed: false });
      expect(await sh(`git -C ${dest} rev-parse HEAD`)).toBe(shas.main);
      expect(await mine(git, { repo: url, dest })).toMatchObject({ changed: true, before: shas.main, after: next });
      shas.main = next;
    }, 60_000);

    test('local modifications fail without force and are discarded with it', async () => {
      await sh(`echo local > ${dest}/app.txt`);
      const refused = await mine(git, { repo: url, dest });
      expect(refused).toMatchObject({ failed: true, msg: `Local modifications exist in the destination: ${dest} (force=no).`, before: shas.main });
      expect(await mine(git, { repo: url, dest, force: true })).toMatchObject({ changed: true, before: shas.main, after: shas.main });
      expect(await sh(`cat ${dest}/app.txt`)).toBe('three');
    }, 60_000);

    test('clones from a repository pushed to the host over ssh, by local path', async () => {
      await sh('rm -rf /home/ubuntu/pushed.git && git init -q --bare /home/ubuntu/pushed.git && chown -R ubuntu: /home/ubuntu/pushed.git');
      const host = hosts.hosts[0];
      const sshCmd = `ssh -i ${hosts.privateKeyPath} -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o BatchMode=yes`;
      await run('git', ['-C', join(dir, 'work'), 'push', '-q', `${host.user}@${host.address}:/home/ubuntu/pushed.git`, 'main', 'dev'], { env: { ...process.env, GIT_SSH_COMMAND: sshCmd } });
      const local = { repo: '/home/ubuntu/pushed.git', dest: '/srv/local', version: 'dev' };
      expect(await mine(git, local)).toEqual({ changed: true, before: null, after: shas.dev });
      expect(await mine(git, local)).toMatchObject({ changed: false, after: shas.dev });
      expect(await sh('git -C /srv/local remote get-url origin')).toBe('file:///home/ubuntu/pushed.git');
    }, 60_000);
    test('over ssh with key_file: accept_hostkey decides whether an unknown host key is taken', async () => {
      await conn.putFile('/root/deploy_key', readFileSync(hosts.privateKeyPath), { mode: 0o600, become });
      const viaSsh = { repo: 'ubuntu@127.0.0.1:/home/ubuntu/pushed.git', dest: '/srv/viassh', key_file: '/root/deploy_key', version: 'dev' };
      const refused = await mine(git, viaSsh);
      expect(refused).toMatchObject({ failed: true, msg: expect.stringContaining('Host key verification failed.') });
      expect(await mine(git, { ...viaSsh, accept_hostkey: true })).toEqual({ changed: true, before: null, after: shas.dev });
      expect(await sh('cat /srv/viassh/dev.txt')).toBe('dev');
    }, 60_000);
  });

  describe('systemd and service', () => {
    const name = 'tsible-sleep.service';
    const active = () => sh(`systemctl is-active ${name}; systemctl is-enabled ${name}; true`);

    test('daemon_reload and start, idempotent; check mode changes nothing', async () => {
      const started = await mine(systemd, { name, state: 'started', daemon_reload: true });
      expect(started).toMatchObject({ changed: true, name, state: 'started', status: { ActiveState: 'inactive', LoadState: 'loaded' } });
      expect(await active()).toBe('active\ndisabled');
      expect(await mine(systemd, { name, state: 'started' })).toMatchObject({ changed: false, state: 'started', status: { ActiveState: 'active' } });
      expect(await mine(systemd, { name, state: 'stopped', enabled: true }, true)).toMatchObject({ changed: true, state: 'stopped', enabled: true });
      expect(await active()).toBe('active\ndisabled');
    }, 60_000);

    test('restarts (a new process), enables, stops, masks', async () => {
      const pid = await sh(`systemctl show -p MainPID --value ${name}`);
      expect(await mine(systemd, { name, state: 'restarted' })).toMatchObject({ changed: true, state: 'started' });
      expect(await sh(`systemctl show -p MainPID --value ${name}`)).not.toBe(pid);
      expect(await mine(systemd, { name, enabled: true })).toMatchObject({ changed: true, enabled: true });
      expect(await mine(systemd, { name, enabled: true })).toMatchObject({ changed: false, enabled: true });
      expect(await mine(systemd, { name, state: 'stopped' })).toMatchObject({ changed: true, state: 'stopped' });
      expect(await active()).toBe('inactive\nenabled');
      expect(await mine(systemd, { name: 'tsible-sleep', masked: true, enabled: false })).toMatchObject({ changed: true });
      expect(await sh(`systemctl is-enabled ${name}; true`)).toBe('masked');
      expect(await mine(systemd, { name: 'tsible-sleep', masked: false })).toMatchObject({ changed: true });
    }, 60_000);

    test('service hands a systemd host over to the systemd logic', async () => {
      const result = await mine(service, { name: 'tsible-sleep', state: 'started' });
      expect(result).toMatchObject({ changed: true, name: 'tsible-sleep', state: 'started', status: { Id: name } });
      expect(await mine(service, { name: 'tsible-sleep', state: 'started' })).toMatchObject({ changed: false });
      expect(await mine(systemd, { name: 'no-such-unit', state: 'started' })).toMatchObject({ failed: true, msg: 'Could not find the requested service no-such-unit: host' });
    }, 60_000);
  });

  describe('user and group', () => {
    test('group and user created, modified, removed; idempotent; check mode changes nothing', async () => {
      expect(await mine(group, { name: 'appgrp', gid: 2345 })).toEqual({ changed: true, name: 'appgrp', state: 'present', system: false, gid: 2345 });
      expect(await mine(group, { name: 'appgrp', gid: 2345 })).toMatchObject({ changed: false, gid: 2345 });
      const args = { name: 'alice', group: 'appgrp', groups: ['adm'], shell: '/bin/bash', comment: 'Alice' };
      expect(await mine(user, args, true)).toEqual({ changed: true });
      expect(await sh('getent passwd alice || echo none')).toBe('none');
      expect(await mine(user, args)).toMatchObject({ changed: true, uid: 1001, group: 2345, home: '/home/alice', shell: '/bin/bash', groups: 'adm' });
      expect(await mine(user, args)).toMatchObject({ changed: false });
      expect(await mine(user, { name: 'alice', shell: '/bin/sh', groups: ['sudo'], append: true })).toMatchObject({ changed: true, shell: '/bin/sh' });
      expect(await sh('id -nG alice')).toBe('appgrp adm sudo');
      expect(await mine(user, { name: 'alice', state: 'absent', remove: true }, true)).toEqual({ changed: true });
      expect(await mine(user, { name: 'alice', state: 'absent', remove: true })).toMatchObject({ changed: true, remove: true });
      expect(await sh('getent passwd alice; test -e /home/alice && echo home; true')).toBe('');
      expect(await mine(group, { name: 'appgrp', state: 'absent' })).toMatchObject({ changed: true });
      expect(await mine(group, { name: 'appgrp', state: 'absent' })).toEqual({ changed: false, name: 'appgrp', state: 'absent' });
    }, 60_000);
  });

  describe.each([
    ['git', GIT_TASKS],
    ['systemd and service', SYSTEMD_TASKS],
    ['service with init scripts', SYSV_TASKS],
    ['user and group', USER_TASKS],
    ['getent', GETENT_TASKS],
    ['hostname', HOSTNAME_TASKS],
    ['cron', CRON_TASKS],
    ['known_hosts', KNOWN_HOSTS_TASKS],
    ['dpkg_selections', DPKG_SELECTIONS_TASKS],
    ['debconf', DEBCONF_TASKS],
  ])('%s beside ansible-playbook on the twin host', (_title, cases) => {
    // ansible-playbook against a container takes minutes on a busy machine: that must not fail the comparison.
    test('every task reports what ansible-playbook reports, in check and diff mode too', async () => {
      const withUrl = (task: Record<string, unknown>) => JSON.parse(JSON.stringify(task).split('URL').join(url)) as Record<string, Record<string, unknown>>;
      const play = cases.flatMap((c) => [
        ...(c.before ? [{ shell: c.before }] : []),
        { ...withUrl(c.task), ignore_errors: true, ...(c.check_mode && { check_mode: true }), ...(c.diff && { diff: true }) },
      ]);
      const theirs = (await ansible(hosts.hosts[1], play)).filter((_r, i) => !('shell' in play[i]));
      // A failing `before` command ends ansible-playbook's play early: say so instead of comparing with nothing.
      expect({ results: theirs.filter(Boolean).length }).toEqual({ results: cases.length });
      const mods: Record<string, AnyModule> = { cron, debconf, dpkg_selections: dpkgSelections, getent, git, group, hostname, known_hosts: knownHosts, service, systemd, user };
      for (const [i, c] of cases.entries()) {
        if (c.before) await sh(c.before);
        const [[name, args]] = Object.entries(withUrl(c.task));
        const ours = await mine(mods[name], args, c.check_mode, c.diff);
        expect({ i, task: c, result: comparable(ours) }).toEqual({ i, task: c, result: comparable(theirs[i]) });
      }
    }, 600_000);
  });
});
