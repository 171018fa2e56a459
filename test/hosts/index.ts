import * as fs from 'fs';
import * as path from 'path';
import { ensureBase } from './base-image';
import { cacheFiles, HostsPaths, hostsPaths, runFiles } from './config';
import { ensurePackages, mapLimit } from './exec';
import { rebootFullHost, startFullHost } from './full-host';
import { writeInventory } from './inventory';
import { ensureKeys } from './keys';
import { startLightHost } from './light-host';
import { debianSources } from './mirror';
import { ensureBridge, freeIndex, namespaceExists, vethExists } from './network';
import { ensureAptProxy } from './proxy-process';
import { configureHost, ensureServices } from './services';
import { stopRecords } from './teardown';
import { waitForSsh } from './processes';
import { HostRecord, isOurProcess, readState, withLock, writeState } from './state';

export { downAll } from './teardown';
export { hostsPaths } from './config';

export interface StartOptions {
  count: number;
  /** Light hosts: a namespace with only an sshd, sharing this machine's filesystem; no container. */
  light?: boolean;
  /** Host names are `<prefix><n>`; default `tsible-`. */
  prefix?: string;
  paths?: HostsPaths;
  /**
   * Full hosts only: also serve a pip wheelhouse (Flask, gunicorn) and a git daemon with examples/flaskr on
   * the bridge address, and point each host's /etc/pip.conf at the wheelhouse. See services/.
   */
  services?: boolean;
  /** Progress lines (building the base image takes a minute); silent by default. */
  log?: (line: string) => void;
}

export interface TestHost {
  name: string;
  address: string;
  user: string;
  kind: 'full' | 'light';
}

export interface RunningHosts {
  hosts: TestHost[];
  /** An INI inventory of exactly these hosts; removed by `stop`. */
  inventoryPath: string;
  privateKeyPath: string;
  /** Stops these hosts; the bridge and the apt proxy go too once no host needs them. */
  stop(): Promise<void>;
  /** Reboots a full host (power off, boot again on the same disk) and waits until its sshd answers. */
  reboot(name: string): Promise<void>;
}

/** Tools the hosts need, by command name → Debian package; installed when missing. */
const TOOLS = {
  debootstrap: 'debootstrap', 'systemd-nspawn': 'systemd-container', ip: 'iproute2', sshd: 'openssh-server',
  'ssh-keygen': 'openssh-client',
};

/** Starts `count` test hosts, returning once each one's sshd answers. Needs root. */
export async function startHosts(opts: StartOptions): Promise<RunningHosts> {
  const paths = opts.paths ?? hostsPaths();
  const log = opts.log ?? (() => undefined);
  const prefix = opts.prefix ?? 'tsible-';
  if (process.getuid?.() !== 0) throw new Error('test hosts need root (network namespaces, mounts, containers)');
  if (!Number.isInteger(opts.count) || opts.count < 1) throw new Error(`host count must be 1 or more, got ${opts.count}`);
  if (!/^[a-z][a-z0-9-]{0,40}$/.test(prefix)) throw new Error(`bad host name prefix ${JSON.stringify(prefix)}`);
  if (opts.services && opts.light) throw new Error('services are for full hosts; light hosts share this machine');
  await ensurePackages(TOOLS, log);
  fs.mkdirSync(runFiles(paths).logs, { recursive: true });
  const records = await withLock(paths, () => launch(paths, opts, prefix, log));
  const timeout = opts.light ? 20_000 : 90_000;
  try {
    await Promise.all(records.map((r) => waitForSsh(r.address, timeout, () => isOurProcess(r.pid, r.cmdlineMark))));
  } catch (err) {
    await withLock(paths, () => stopRecords(paths, records));
    throw err;
  }
  log(`${records.length} host(s) answer ssh`);
  const inventoryPath = path.join(paths.run, `inventory-${records[0].name}.ini`);
  const privateKeyPath = cacheFiles(paths).privateKey;
  writeInventory(inventoryPath, records, privateKeyPath);
  let stopped = false;
  return {
    hosts: records.map(({ name, address, user, kind }) => ({ name, address, user, kind })),
    inventoryPath,
    privateKeyPath,
    reboot: async (name) => {
      const record = records.find((r) => r.name === name && r.kind === 'full');
      if (!record) throw new Error(`${name} is not a full host of this set`);
      await withLock(paths, async () => {
        await rebootFullHost(paths, record);
        const state = readState(paths);
        state.hosts = state.hosts.map((h) => (h.name === name ? record : h));
        writeState(paths, state);
      });
      await waitForSsh(record.address, 90_000, () => isOurProcess(record.pid, record.cmdlineMark));
    },
    stop: async () => {
      // A second call must not touch names and addresses another caller may have been given since.
      if (stopped) return;
      stopped = true;
      await withLock(paths, () => stopRecords(paths, records));
      fs.rmSync(inventoryPath, { force: true });
    },
  };
}

/** Everything that must not interleave with another caller: the image, the network, names and addresses. */
async function launch(paths: HostsPaths, opts: StartOptions, prefix: string, log: (line: string) => void) {
  await ensureKeys(paths);
  const sources = debianSources();
  const base = opts.light ? '' : await ensureBase(paths, log);
  const state = readState(paths);
  await ensureBridge();
  if (!opts.light) await ensureAptProxy(paths, state, sources);
  if (opts.services) await ensureServices(paths, log);
  const startedAt = Date.now();
  const slots = allocate(state.hosts, prefix, opts.count);
  const records: HostRecord[] = [];
  const failure = await mapLimit(slots, 8, async ({ name, index }) => {
    const record = opts.light
      ? await startLightHost(paths, name, index)
      : await startFullHost(paths, base, name, index, sources);
    records.push(record);
    if (opts.services) configureHost(record);
    // Recorded at once, so `down` finds it even if this process is killed while others start.
    state.hosts.push(record);
    writeState(paths, state);
  }).then(() => undefined, (err: Error) => err);
  if (failure) {
    // One host failed: the caller gets no handle to stop the others, so they go now.
    await stopRecords(paths, records);
    throw failure;
  }
  log(`started ${records.length} ${opts.light ? 'light' : 'full'} host(s) in ${Date.now() - startedAt}ms`);
  return slots.map((slot) => records.find((r) => r.name === slot.name)!);
}

function allocate(existing: HostRecord[], prefix: string, count: number) {
  const names = new Set(existing.map((h) => h.name));
  const indices = new Set(existing.map((h) => h.index));
  const slots: { name: string; index: number }[] = [];
  // Names and links that exist outside our state (another tool's, or a crash's leftovers) are passed over.
  for (let n = 1; slots.length < count; n++) {
    const name = `${prefix}${n}`;
    if (names.has(name) || namespaceExists(name)) continue;
    let index = freeIndex(indices);
    while (vethExists(index)) {
      indices.add(index);
      index = freeIndex(indices);
    }
    indices.add(index);
    slots.push({ name, index });
  }
  return slots;
}
