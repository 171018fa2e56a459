import * as fs from 'fs';
import { cacheFiles, HostsPaths, hostsPaths, runFiles } from './config';
import { mapLimit } from './exec';
import { stopFullHost } from './full-host';
import { stopLightHost } from './light-host';
import { removeTree } from './mounts';
import { removeBridge } from './network';
import { findProcesses, stopProcess } from './processes';
import { stopAptProxy } from './proxy-process';
import { stopServices } from './services';
import { HostRecord, readState, withLock, writeState } from './state';

/**
 * Stops `records` and forgets them; the apt proxy and the services go with the last full host, the bridge
 * with the last host. Call with the lock held.
 */
export async function stopRecords(paths: HostsPaths, records: HostRecord[]): Promise<void> {
  await mapLimit(records, 8, (r) => (r.kind === 'full' ? stopFullHost(r) : stopLightHost(r)));
  const state = readState(paths);
  const gone = new Set(records.map((r) => r.name));
  state.hosts = state.hosts.filter((h) => !gone.has(h.name));
  if (!state.hosts.some((h) => h.kind === 'full')) {
    await stopAptProxy(state);
    await stopServices(paths);
  }
  if (state.hosts.length === 0) await removeBridge();
  writeState(paths, state);
}

/**
 * Removes everything `up` made: containers, sshds, namespaces, veths, the bridge, overlay mounts and upper
 * dirs, the proxy, inventories. Idempotent; the cache (base image, keys, .deb files) stays.
 */
export async function downAll(paths: HostsPaths = hostsPaths(), log: (line: string) => void = () => undefined) {
  await withLock(paths, async () => {
    const state = readState(paths);
    log(`stopping ${state.hosts.length} host(s)`);
    await stopRecords(paths, state.hosts);
    // Hosts and proxies whose record was lost (state file deleted, a crash) still carry our paths.
    const { hostsDir, debs } = cacheFiles(paths);
    const strays = [
      ...findProcesses(`--directory=${hostsDir}/`), ...findProcesses(`${runFiles(paths).light}/`), ...findProcesses(debs),
    ];
    if (strays.length > 0) log(`stopping ${strays.length} unrecorded process(es)`);
    await mapLimit(strays, 8, ({ pid, mark }) => stopProcess(pid, mark, 20_000));
    await stopAptProxy(state);
    await stopServices(paths);
    await removeBridge();
    await removeTree(hostsDir);
    fs.rmSync(runFiles(paths).light, { recursive: true, force: true });
    for (const file of fs.readdirSync(paths.run)) {
      if (file.startsWith('inventory')) fs.rmSync(`${paths.run}/${file}`, { force: true });
    }
    writeState(paths, { hosts: [] });
  });
  log('all test hosts are down');
}
