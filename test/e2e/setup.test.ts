import { execFile, spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { promisify } from 'util';
import { createSshConnection } from '../../engine/connection/ssh';
import { runModule } from '../../engine/module/run';
import setup from '../../modules/setup';
import { RunningHosts, startHosts } from '../hosts';

const isRoot = process.getuid?.() === 0;
const haveTools = spawnSync('sh', ['-c', 'command -v ansible-playbook && (command -v systemd-nspawn || apt-cache show systemd-container)'], { stdio: 'ignore' }).status === 0;
const describeReal = isRoot && haveTools ? describe : describe.skip;
const run = promisify(execFile);

type Facts = Record<string, unknown>;

/** Values that drift between two gatherings, or that Ansible adds outside the setup module. */
const SKIPPED = ['ansible_date_time', 'ansible_uptime_seconds', 'ansible_memfree_mb', 'ansible_memory_mb', 'ansible_swapfree_mb', 'ansible_loadavg', 'ansible_env', 'ansible_mounts', 'discovered_interpreter_python'];
const UNORDERED = ['ansible_virtualization_tech_guest', 'ansible_virtualization_tech_host', 'ansible_interfaces', 'ansible_all_ipv4_addresses', 'ansible_all_ipv6_addresses'];

function comparable(facts: Facts): Facts {
  const out: Facts = {};
  for (const [key, value] of Object.entries(facts)) {
    if (!SKIPPED.includes(key)) out[key] = UNORDERED.includes(key) ? [...(value as string[])].sort() : value;
  }
  return out;
}

describeReal('setup over ssh on a Debian container with systemd, as a non-root user', () => {
  let hosts: RunningHosts;
  const dir = mkdtempSync(join(tmpdir(), 'setup-e2e-'));

  beforeAll(async () => {
    hosts = await startHosts({ count: 1, prefix: 'setup-e2e-' });
  }, 900_000);

  afterAll(async () => {
    await hosts?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it('gathers what ansible-playbook gathers, values and types', async () => {
    const host = hosts.hosts[0];
    const inventory = `${host.name} ansible_host=${host.address} ansible_user=${host.user} ansible_ssh_private_key_file=${hosts.privateKeyPath} ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'\n`;
    writeFileSync(join(dir, 'inventory'), inventory);
    writeFileSync(join(dir, 'p.yml'), '- hosts: all\n  gather_facts: no\n  tasks:\n    - setup:\n');
    const env = { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_HOST_KEY_CHECKING: '0' };
    const conn = createSshConnection(host.name, { hostname: host.address, user: host.user, privateKeyFile: hosts.privateKeyPath, hostKeyChecking: false, sshConfigFile: null });
    try {
      const [ansibleRun, mine] = await Promise.all([
        run('ansible-playbook', ['-i', 'inventory', 'p.yml'], { cwd: dir, env, maxBuffer: 64 << 20 }),
        conn.connect().then(() => runModule(setup, {}, { connection: conn })),
      ]);
      const doc = JSON.parse(ansibleRun.stdout) as { plays: { tasks: { hosts: Record<string, { ansible_facts: Facts }> }[] }[] };
      const theirs = doc.plays[0].tasks[0].hosts[host.name].ansible_facts;
      expect(comparable(mine.ansible_facts as Facts)).toEqual(comparable(theirs));
    } finally {
      await conn.close();
    }
  }, 120_000);
});
