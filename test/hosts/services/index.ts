import * as fs from 'fs';
import * as path from 'path';
import { bridgeAddress, HostsPaths, runFiles } from '../config';
import { run } from '../exec';
import { findProcesses, spawnDetached, stopProcess, waitForPort } from '../processes';
import { HostRecord } from '../state';
import { gitBase, gitDaemonArgs, GIT_PORT, publishRepo } from './git-server';
import { pipConf, prepareWheelhouse, SYSTEM_PYTHON, WHEELHOUSE_PORT } from './wheelhouse';

export { publishRepo, gitUrl } from './git-server';
export { prepareWheelhouse, pipConf } from './wheelhouse';

/** A background service on the bridge address, as recorded for `down`. */
interface ServiceRecord {
  name: string;
  pid: number;
  /** An argument only this service's command line has: the wheelhouse directory, the git base path. */
  cmdlineMark: string;
}

interface ServiceSpec extends Omit<ServiceRecord, 'pid'> {
  cmd: string;
  args: string[];
  port: number;
}

const FLASKR = path.resolve(__dirname, '..', '..', '..', 'examples', 'flaskr');

function stateFile(paths: HostsPaths): string {
  return path.join(paths.run, 'services.json');
}

function readServices(paths: HostsPaths): ServiceRecord[] {
  const file = stateFile(paths);
  return fs.existsSync(file) ? (JSON.parse(fs.readFileSync(file, 'utf8')) as ServiceRecord[]) : [];
}

/**
 * Starts what the hosts need to deploy an app with no internet: the pip wheelhouse over http and a git
 * daemon serving examples/flaskr as `flaskr.git`, both on the bridge address. Services already running are
 * kept. Call with the hosts lock held and the bridge up.
 */
export async function ensureServices(paths: HostsPaths, log: (line: string) => void): Promise<void> {
  const wheelhouse = await prepareWheelhouse(paths, log);
  const gitDaemon = path.join((await run('git', ['--exec-path'])).trim(), 'git-daemon');
  const specs: ServiceSpec[] = [
    {
      name: 'wheelhouse', cmd: SYSTEM_PYTHON, cmdlineMark: wheelhouse, port: WHEELHOUSE_PORT,
      args: ['-m', 'http.server', '--bind', bridgeAddress(), '--directory', wheelhouse, String(WHEELHOUSE_PORT)],
    },
    {
      name: 'git-daemon', cmd: gitDaemon, cmdlineMark: `--base-path=${gitBase(paths)}`, port: GIT_PORT,
      args: gitDaemonArgs(paths),
    },
  ];
  const running = readServices(paths);
  const records: ServiceRecord[] = [];
  for (const spec of specs) {
    const old = running.find((r) => r.name === spec.name);
    if (old && runsCommand(old.pid, [spec.cmd, ...spec.args])) {
      records.push(old);
      continue;
    }
    // A service that died, or one started with other arguments (an older wheelhouse): replaced.
    if (old) await stopProcess(old.pid, old.cmdlineMark, 5_000);
    if (spec.name === 'git-daemon') await publishRepo('flaskr', FLASKR, paths);
    const pid = spawnDetached(spec.cmd, spec.args, path.join(runFiles(paths).logs, `${spec.name}.log`));
    records.push({ name: spec.name, pid, cmdlineMark: spec.cmdlineMark });
    fs.writeFileSync(stateFile(paths), JSON.stringify(records, null, 2));
    await waitForPort(bridgeAddress(), spec.port, 15_000);
    log(`${spec.name} listens on ${bridgeAddress()}:${spec.port}`);
  }
  fs.writeFileSync(stateFile(paths), JSON.stringify(records, null, 2));
}

function runsCommand(pid: number, argv: string[]): boolean {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, 'utf8') === `${argv.join('\0')}\0`;
  } catch {
    return false;
  }
}

/** Points pip in a full host at the wheelhouse (written into its overlay, so it goes with the host). */
export function configureHost(record: HostRecord): void {
  if (record.kind !== 'full' || !record.root) return;
  fs.writeFileSync(path.join(record.root, 'etc', 'pip.conf'), pipConf());
}

/** Stops the services, recorded or stray, and forgets the published repositories. Safe to repeat. */
export async function stopServices(paths: HostsPaths): Promise<void> {
  const strays = [...findProcesses(`--base-path=${gitBase(paths)}`), ...findProcesses(`${paths.cache}/wheelhouse-`)];
  const recorded = readServices(paths).map((r) => ({ pid: r.pid, mark: r.cmdlineMark }));
  for (const { pid, mark } of [...recorded, ...strays]) await stopProcess(pid, mark, 5_000);
  fs.rmSync(stateFile(paths), { force: true });
  fs.rmSync(gitBase(paths), { recursive: true, force: true });
}
