import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cacheFiles, HostsPaths, runFiles } from './config';
import { createHostNetwork, removeHostNetwork } from './network';
import { spawnDetached, stopProcess } from './processes';
import { HostRecord } from './state';

/**
 * Starts a light host: a network namespace with only an sshd in it, sharing this machine's filesystem and
 * users. The login is the user running `up` (root: namespaces need it), with the same key as full hosts.
 * Cheap enough to start fifty in seconds, for tests about many connections rather than about Debian.
 */
export async function startLightHost(paths: HostsPaths, name: string, index: number): Promise<HostRecord> {
  const dir = path.join(runFiles(paths).light, name);
  fs.mkdirSync(dir, { recursive: true });
  fs.mkdirSync('/run/sshd', { recursive: true, mode: 0o755 });
  const config = path.join(dir, 'sshd_config');
  const record: HostRecord = {
    name, kind: 'light', index, address: '', user: os.userInfo().username, pid: 0, cmdlineMark: config, dir,
  };
  try {
    record.address = await createHostNetwork(name, index);
    fs.writeFileSync(config, sshdConfig(paths, record.address));
    record.pid = spawnDetached('ip', ['netns', 'exec', name, '/usr/sbin/sshd', '-D', '-e', '-f', config],
      path.join(runFiles(paths).logs, `${name}.log`));
    return record;
  } catch (err) {
    await stopLightHost(record);
    throw err;
  }
}

function sshdConfig(paths: HostsPaths, address: string): string {
  const files = cacheFiles(paths);
  return [
    `ListenAddress ${address}:22`,
    `HostKey ${files.lightHostKey}`,
    `AuthorizedKeysFile ${files.publicKey}`,
    'PidFile none',
    // The key files live in the cache directory, which may sit under /tmp; sshd's StrictModes refuses those.
    'StrictModes no',
    'PermitRootLogin prohibit-password',
    'PasswordAuthentication no',
    'KbdInteractiveAuthentication no',
    // No PAM: nothing to authenticate but the key, and a PAM stack per login costs time at 50 hosts.
    'UsePAM no',
    'UseDNS no',
    // Scale tests open many connections at once; sshd's default throttling would reset them.
    'MaxStartups 500',
    'MaxSessions 100',
    'AcceptEnv LANG LC_*',
    'Subsystem sftp /usr/lib/openssh/sftp-server',
    '',
  ].join('\n');
}

export async function stopLightHost(record: HostRecord): Promise<void> {
  if (record.pid) await stopProcess(record.pid, record.cmdlineMark, 5_000);
  // An empty address means the network was never made, or was already undone by createHostNetwork.
  if (record.address) await removeHostNetwork(record.name, record.index);
  if (record.dir) fs.rmSync(record.dir, { recursive: true, force: true });
}
