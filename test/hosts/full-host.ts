import * as fs from 'fs';
import * as path from 'path';
import { bridgeAddress, cacheFiles, FULL_USER, HostsPaths, NETWORK, runFiles } from './config';
import { run } from './exec';
import { AptSource, renderSourcesList } from './mirror';
import { removeTree } from './mounts';
import { createHostNetwork, removeHostNetwork } from './network';
import { spawnDetached, stopProcess } from './processes';
import { HostRecord } from './state';

/**
 * Boots a Debian container: an overlay over the cached base (so start is about a second and `down` throws
 * every change away), its own network namespace, and systemd as PID 1 under systemd-nspawn.
 */
export async function startFullHost(
  paths: HostsPaths, base: string, name: string, index: number, sources: AptSource[],
): Promise<HostRecord> {
  const dir = path.join(cacheFiles(paths).hostsDir, name);
  const root = path.join(dir, 'root');
  await removeTree(dir);
  for (const sub of ['upper', 'work', 'root']) fs.mkdirSync(path.join(dir, sub), { recursive: true });
  await run('mount', ['-t', 'overlay', 'overlay', '-o',
    `lowerdir=${base},upperdir=${path.join(dir, 'upper')},workdir=${path.join(dir, 'work')}`, root]);
  const record: HostRecord = {
    name, kind: 'full', index, address: '', user: FULL_USER.name, pid: 0, cmdlineMark: `--directory=${root}`, root,
    dir,
  };
  try {
    personalize(paths, root, name, sources);
    record.address = await createHostNetwork(name, index);
    record.pid = boot(paths, record);
    return record;
  } catch (err) {
    await stopFullHost(record);
    throw err;
  }
}

/** systemd-nspawn booting the container's root in its namespace; returns its pid. */
function boot(paths: HostsPaths, record: HostRecord): number {
  const logFile = path.join(runFiles(paths).logs, `${record.name}.log`);
  return spawnDetached('systemd-nspawn', [
    '--register=no', '--keep-unit', '--boot', record.cmdlineMark, `--machine=${record.name}`,
    `--network-namespace-path=/run/netns/${record.name}`, '--console=read-only',
  ], logFile);
}

/** A reboot: the container powers off and boots again on the same root, keeping every change made to it. */
export async function rebootFullHost(paths: HostsPaths, record: HostRecord): Promise<void> {
  await stopProcess(record.pid, record.cmdlineMark, 20_000);
  record.pid = boot(paths, record);
}

/** Per-host files written into the overlay before boot: identity, apt through the proxy, the login key. */
function personalize(paths: HostsPaths, root: string, name: string, sources: AptSource[]): void {
  const write = (file: string, text: string, mode = 0o644) => fs.writeFileSync(path.join(root, file), text, { mode });
  write('etc/hostname', `${name}\n`);
  write('etc/hosts', `127.0.0.1 localhost\n127.0.1.1 ${name}\n::1 localhost ip6-localhost ip6-loopback\n`);
  write('etc/apt/sources.list', renderSourcesList(sources));
  write('etc/apt/apt.conf.d/01tsible-proxy',
    `Acquire::http::Proxy "http://${bridgeAddress()}:${NETWORK.aptProxyPort}";\n`);
  const sshDir = path.join(root, 'home', FULL_USER.name, '.ssh');
  fs.mkdirSync(sshDir, { recursive: true, mode: 0o700 });
  const keys = path.join(sshDir, 'authorized_keys');
  fs.copyFileSync(cacheFiles(paths).publicKey, keys);
  for (const file of [sshDir, keys]) fs.chownSync(file, FULL_USER.uid, FULL_USER.gid);
}

/** Powers the container off, then removes its overlay, namespace and every file it wrote. Safe to repeat. */
export async function stopFullHost(record: HostRecord): Promise<void> {
  if (record.pid) await stopProcess(record.pid, record.cmdlineMark, 20_000);
  // An empty address means the network was never made, or was already undone by createHostNetwork.
  if (record.address) await removeHostNetwork(record.name, record.index);
  if (record.dir) await removeTree(record.dir);
  fs.rmSync(`/run/systemd/nspawn/propagate/${record.name}`, { recursive: true, force: true });
}
