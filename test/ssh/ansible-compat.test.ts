/**
 * The same connection failures met by real Ansible (ad-hoc `command`, ssh connection) and by us, against
 * the test sshd: the messages users see should say the same thing. One ansible run covers every case.
 */
import { execFileSync, spawnSync } from 'child_process';
import { mkdtempSync, writeFileSync } from 'fs';
import { createServer } from 'net';
import { join } from 'path';
import { Config } from '../../engine/config/types';
import { BecomeSpec } from '../../engine/connection/connection';
import { sshOptionsFor } from '../../engine/connection/host-ssh-options';
import { createSshConnection } from '../../engine/connection/ssh';
import { Sshd, startSshd, TEST_USER } from './sshd';

// Every test here talks to a real sshd: a timeout that fits a busy machine.
jest.setTimeout(60_000);

const config: Config = {
  defaults: {
    inventory: [],
    host_key_checking: true,
    forks: 5,
    timeout: 10,
    roles_path: [],
    library: [],
    gathering: 'implicit',
    stdout_callback: 'default',
    retry_files_enabled: false,
  },
  privilege_escalation: { become: false, become_method: 'sudo', become_user: 'root', become_ask_pass: false },
  ssh_connection: { pipelining: false, retries: 0 },
  sources: {},
};

let sshd: Sshd;
let hosts: Record<string, Record<string, unknown>>;
let ansible: Record<string, { msg?: string; unreachable?: boolean; failed?: boolean }>;

beforeAll(async () => {
  sshd = await startSshd();
  const dir = mkdtempSync(join(sshd.dir, 'compat-'));
  const file = (name: string, text: string) => (writeFileSync(join(dir, name), text), join(dir, name));
  const emptyKnownHosts = file('empty_known_hosts', '');
  const changedKnownHosts = file('changed_known_hosts', `[127.0.0.1]:${sshd.port} ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl\n`);
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'stranger_key')]);
  const base = {
    ansible_host: '127.0.0.1',
    ansible_port: sshd.port,
    ansible_user: TEST_USER,
    ansible_ssh_private_key_file: sshd.clientKey,
    ansible_ssh_common_args: `-o UserKnownHostsFile=${sshd.knownHosts}`,
  };
  hosts = {
    refused: { ...base, ansible_port: await closedPort() },
    denied: { ...base, ansible_ssh_private_key_file: join(dir, 'stranger_key') },
    unknown_key: { ...base, ansible_ssh_common_args: `-o UserKnownHostsFile=${emptyKnownHosts}` },
    changed_key: { ...base, ansible_ssh_common_args: `-o UserKnownHostsFile=${changedKnownHosts}` },
    sudo_wrong: { ...base, ansible_become: true, ansible_become_password: 'wrong' },
    sudo_missing: { ...base, ansible_become: true },
  };
  const inventory = file('inventory.yml', JSON.stringify({ all: { hosts } }));
  // Every host fails, so ansible exits non-zero; its JSON report is what we read.
  const out = spawnSync('ansible', ['all', '-i', inventory, '-m', 'command', '-a', 'id'], {
    env: {
      ...process.env,
      ANSIBLE_LOAD_CALLBACK_PLUGINS: '1',
      ANSIBLE_STDOUT_CALLBACK: 'json',
      ANSIBLE_HOST_KEY_CHECKING: 'True',
      // No ControlPersist master left behind after the test.
      ANSIBLE_SSH_ARGS: '-o ControlMaster=no',
    },
    encoding: 'utf8',
  }).stdout;
  ansible = JSON.parse(out.slice(out.indexOf('{'))).plays[0].tasks[0].hosts;
}, 60_000);
afterAll(() => sshd?.stop(), 30_000);

/** Our message for the same host: connect and run `id` with the host's become settings. */
async function ours(name: string): Promise<string> {
  const vars = hosts[name];
  const become: BecomeSpec | undefined = vars.ansible_become ? { method: 'sudo', user: 'root', password: vars.ansible_become_password as string | undefined } : undefined;
  const conn = createSshConnection(name, { ...sshOptionsFor(vars, config), homeDir: sshd.dir, sshConfigFile: null, agentSocket: null });
  try {
    await conn.exec('id', { become });
    return 'no error';
  } catch (err) {
    return (err as Error).message;
  } finally {
    await conn.close();
  }
}

describe('connection failures read as in Ansible', () => {
  it.each(['refused', 'denied', 'sudo_wrong', 'sudo_missing'])('%s: the same message', async (name) => {
    expect(await ours(name)).toBe(ansible[name].msg);
  });

  it('unknown host key: Ansible says "Host key verification failed."; we say it first, then what to do', async () => {
    expect(ansible.unknown_key.msg).toBe('Failed to connect to the host via ssh: Host key verification failed.');
    expect(await ours('unknown_key')).toMatch(/^Failed to connect to the host via ssh: Host key verification failed\. .*ssh-keyscan/);
  });

  it('changed host key: both warn, name the offending file line and the ssh-keygen -R fix', async () => {
    const message = await ours('changed_key');
    for (const part of ['REMOTE HOST IDENTIFICATION HAS CHANGED', 'changed_known_hosts:1', `ssh-keygen -f "`, `-R "[127.0.0.1]:${sshd.port}"`]) {
      expect(ansible.changed_key.msg).toContain(part);
      expect(message).toContain(part);
    }
  });
});

function closedPort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
