/**
 * Phase 2: targets that change the system run against a fresh container test host (test/hosts), one per
 * target and tool, as `ansible-test integration --docker` gives each run its own container. The inventory
 * is the one ansible-test writes for a remote POSIX target (inventory.py create_posix_inventory): testhost
 * reached over ssh as root, with pipelining and the host's python3.
 */
import { execFile } from 'child_process';
import { promisify } from 'util';
import { startHosts } from '../hosts';

const run = promisify(execFile);

export interface RemoteHost {
  /** The `[testgroup]` inventory naming this host as testhost. */
  inventory: string;
  /**
   * Makes the controller's output_dir path on the host too. ansible-test's --docker runs the controller
   * in the target's container, so targets write to output_dir on testhost; here the two are apart.
   */
  mirrorDir(path: string): Promise<void>;
  stop(): Promise<void>;
}

export async function startRemoteHost(): Promise<RemoteHost> {
  const hosts = await startHosts({ count: 1, prefix: 'targets-' });
  const [host] = hosts.hosts;
  const ssh = ['-i', hosts.privateKeyPath, '-o', 'StrictHostKeyChecking=no', '-o', 'UserKnownHostsFile=/dev/null', '-o', 'LogLevel=ERROR'];
  try {
    // The image logs in as an unprivileged user with sudo; ansible-test's hosts take root's login.
    await run('ssh', [...ssh, `${host.user}@${host.address}`, 'sudo install -d -m 700 /root/.ssh && sudo cp ~/.ssh/authorized_keys /root/.ssh/']);
  } catch (err) {
    await hosts.stop();
    throw err;
  }
  const vars = [
    'ansible_connection=ssh', 'ansible_pipelining=yes', `ansible_host=${host.address}`, 'ansible_port=22', 'ansible_user=root',
    `ansible_ssh_private_key_file=${hosts.privateKeyPath}`, 'ansible_python_interpreter=/usr/bin/python3',
  ];
  return {
    inventory: `[testgroup]\ntesthost ${vars.join(' ')}\n`,
    mirrorDir: async (path) => void (await run('ssh', [...ssh, `root@${host.address}`, `mkdir -p '${path.replace(/'/g, "'\\''")}'`])),
    stop: () => hosts.stop(),
  };
}
