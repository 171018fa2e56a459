import * as fs from 'fs';
import * as path from 'path';
import { HostsPaths, runFiles } from './config';

/** A running test host as recorded for `down`. */
export interface HostRecord {
  name: string;
  kind: 'full' | 'light';
  /** Position in the /16; also names the veth (`tsv<index>`). */
  index: number;
  address: string;
  /** The login the inventory gives for this host. */
  user: string;
  /** systemd-nspawn (full) or sshd (light); one of its arguments must equal `cmdlineMark` before it is signalled. */
  pid: number;
  cmdlineMark: string;
  /** Full hosts: the overlay mount and its per-host directory (upper, work, merged root). */
  root?: string;
  dir?: string;
}

export interface HostsState {
  hosts: HostRecord[];
  proxy?: { pid: number; cmdlineMark: string };
}

export function readState(paths: HostsPaths): HostsState {
  const file = runFiles(paths).state;
  if (!fs.existsSync(file)) return { hosts: [] };
  return JSON.parse(fs.readFileSync(file, 'utf8')) as HostsState;
}

export function writeState(paths: HostsPaths, state: HostsState): void {
  const file = runFiles(paths).state;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(`${file}.tmp`, JSON.stringify(state, null, 2));
  fs.renameSync(`${file}.tmp`, file);
}

/** True while `pid` is alive and still the process we started (pids are reused). */
export function isOurProcess(pid: number, cmdlineMark: string): boolean {
  try {
    // sshd rewrites its command line into one space-separated title, so split on spaces too.
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8').split(/[\0 ]/).includes(cmdlineMark);
  } catch {
    return false;
  }
}

/**
 * Runs `fn` holding an exclusive lock on the run directory, so parallel jest workers and CLI calls do not
 * hand out the same addresses or tear down a bridge another caller is still using. A lock whose owner died
 * is taken over.
 */
export async function withLock<T>(paths: HostsPaths, fn: () => Promise<T>): Promise<T> {
  const lock = runFiles(paths).lock;
  fs.mkdirSync(paths.run, { recursive: true });
  const deadline = Date.now() + 10 * 60_000;
  for (;;) {
    try {
      fs.mkdirSync(lock);
      fs.writeFileSync(path.join(lock, 'pid'), String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      if (lockOwnerDead(lock)) fs.rmSync(lock, { recursive: true, force: true });
      else if (Date.now() > deadline) throw new Error(`timed out waiting for ${lock}`);
      else await sleep(200);
    }
  }
  try {
    return await fn();
  } finally {
    fs.rmSync(lock, { recursive: true, force: true });
  }
}

function lockOwnerDead(lock: string): boolean {
  let pid: number;
  try {
    pid = Number(fs.readFileSync(path.join(lock, 'pid'), 'utf8'));
  } catch {
    // The owner may be between mkdir and writing its pid; only a lock that stays empty is stale.
    const stat = fs.statSync(lock, { throwIfNoEntry: false });
    return !stat || Date.now() - stat.mtimeMs > 5000;
  }
  try {
    process.kill(pid, 0);
    return false;
  } catch {
    return true;
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
