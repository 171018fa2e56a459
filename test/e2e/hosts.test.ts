import { spawnSync } from 'child_process';
import * as fs from 'fs';
import { hostsPaths, RunningHosts, startHosts, TestHost } from '../hosts';
import { NETWORK } from '../hosts/config';
import { tryRun } from '../hosts/exec';
import { isOurProcess, readState } from '../hosts/state';

// Real hosts need root (namespaces, mounts) and systemd-nspawn, which startHosts installs when apt can.
const isRoot = process.getuid?.() === 0;
const nspawnAvailable =
  spawnSync('sh', ['-c', 'command -v systemd-nspawn || apt-cache show systemd-container']).status === 0;
const skipReason = !isRoot ? 'not root' : !nspawnAvailable ? 'systemd-nspawn is not installable' : '';
if (skipReason) console.warn(`skipping real test-host tests: ${skipReason}`);
const describeReal = skipReason ? describe.skip : describe;

describeReal('real test hosts (1 Debian container, 2 light sshd namespaces)', () => {
  let full: RunningHosts;
  let light: RunningHosts;

  function ssh(host: TestHost, command: string) {
    return tryRun('ssh', [
      '-i', full.privateKeyPath, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null',
      '-o', 'BatchMode=yes', '-o', 'LogLevel=ERROR', `${host.user}@${host.address}`, command,
    ]);
  }

  beforeAll(async () => {
    // The first run builds the base image (about a minute); later runs start a container in about a second.
    full = await startHosts({ count: 1, prefix: 'e2e-full-' });
    light = await startHosts({ count: 2, light: true, prefix: 'e2e-light-' });
  }, 900_000);

  afterAll(async () => {
    await full?.stop();
    await light?.stop();
  }, 120_000);

  test('every host answers ssh with the inventory key, on its own address', async () => {
    for (const host of [...full.hosts, ...light.hosts]) {
      const result = await ssh(host, 'hostname -I');
      expect({ host: host.name, code: result.code, out: result.stdout.trim() })
        .toEqual({ host: host.name, code: 0, out: host.address });
    }
  }, 30_000);

  test('the full host boots systemd as PID 1 and gives ubuntu passwordless sudo', async () => {
    const result = await ssh(full.hosts[0], 'ps -p 1 -o comm=; systemctl is-system-running --wait; sudo -n id -u');
    const [pid1, systemState, uid] = result.stdout.trim().split('\n');
    expect(pid1).toBe('systemd');
    expect(['running', 'degraded']).toContain(systemState);
    expect(uid).toBe('0');
    expect(full.hosts[0].user).toBe('ubuntu');
  }, 60_000);

  test('apt-get update works in the full host through the proxy, with no route out', async () => {
    const result = await ssh(full.hosts[0], 'ip route; sudo apt-get update -q 2>&1');
    expect(result.stdout).not.toContain('default');
    expect(result.stdout).toMatch(/^(Get|Hit):\d+ http:\/\/\S+ bookworm /m);
    expect(result.code).toBe(0);
  }, 120_000);

  test('the written inventories work with ansible', async () => {
    const inventories = [full.inventoryPath, light.inventoryPath].flatMap((file) => ['-i', file]);
    const result = await tryRun('ansible', [...inventories, 'testhosts', '-m', 'ping', '-o']);
    expect(result.stdout.match(/SUCCESS/g)).toHaveLength(3);
  }, 60_000);

  test('stopping leaves no namespace, veth, mount or process behind', async () => {
    const names = new Set([...full.hosts, ...light.hosts].map((h) => h.name));
    const mine = readState(hostsPaths()).hosts.filter((h) => names.has(h.name));
    expect(mine).toHaveLength(3);
    await full.stop();
    await light.stop();
    const netns = (await tryRun('ip', ['netns', 'list'])).stdout;
    const links = (await tryRun('ip', ['-o', 'link'])).stdout;
    const mounts = fs.readFileSync('/proc/mounts', 'utf8');
    for (const host of mine) {
      expect(netns).not.toMatch(new RegExp(`^${host.name}\\b`, 'm'));
      expect(links).not.toMatch(new RegExp(`: ${NETWORK.vethPrefix}${host.index}[@:]`));
      expect(mounts).not.toContain(`/${host.name}/root`);
      expect(isOurProcess(host.pid, host.cmdlineMark)).toBe(false);
    }
    if (readState(hostsPaths()).hosts.length === 0) expect(links).not.toContain(NETWORK.bridge);
    expect(fs.existsSync(full.inventoryPath)).toBe(false);
  }, 60_000);
});
