/**
 * `npm run demo`: deploys flaskr with tsible-playbook to a local Debian test host and prints its URL.
 * `npm run demo -- --down` removes the host. Needs root (the host is a systemd-nspawn container in a
 * network namespace); what the host needs from outside comes from local services (apt proxy to the
 * Debian mirror, a pip wheelhouse, a git daemon serving examples/flaskr), see test/hosts/README.md.
 */
import { spawnSync } from 'child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { downAll, hostsPaths, startHosts } from '../test/hosts';
import { gitUrl } from '../test/hosts/services';
import { waitForFlaskr } from './flaskr-page';

const ROOT = join(__dirname, '..');
const log = (line: string) => process.stderr.write(`demo: ${line}\n`);

async function main(): Promise<number> {
  if (process.getuid?.() !== 0) {
    log('needs root: the test host is a container in a network namespace');
    return 1;
  }
  if (process.argv.includes('--down')) {
    await downAll(hostsPaths(), log);
    return 0;
  }
  log('starting a Debian test host (the first time builds its image: a minute or two)');
  const running = await startHosts({ count: 1, prefix: 'demo-', services: true, log });
  const host = running.hosts[0];
  const dir = join(hostsPaths().run, 'demo');
  mkdirSync(dir, { recursive: true });
  const inventory = join(dir, 'hosts');
  writeFileSync(
    inventory,
    `[webservers]\n${host.name} ansible_host=${host.address} ansible_user=${host.user} ansible_ssh_private_key_file=${running.privateKeyPath} ` +
      `ansible_ssh_common_args='-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null'\n`,
  );
  log(`deploying flaskr to ${host.name} (${host.address}) with tsible-playbook`);
  const cli = join(ROOT, 'dist', 'engine', 'cli', 'tsible-playbook.js');
  const run = spawnSync('node', [cli, '-i', inventory, 'playbooks/app.yml', '-e', `app_repo=${gitUrl('flaskr')}`], { cwd: ROOT, stdio: 'inherit' });
  if (run.status !== 0) {
    log(`tsible-playbook exited with ${run.status}; the host stays up for a look (npm run demo -- --down removes it)`);
    return run.status ?? 1;
  }
  const port = /^app_port:\s*(\d+)/m.exec(readFileSync(join(ROOT, 'variable.yml'), 'utf8'))?.[1] ?? '8080';
  const url = `http://${host.address}:${port}/`;
  if (!(await waitForFlaskr(url, 90, log))) {
    log(`flaskr did not answer at ${url} within 90 s; the host stays up for a look (npm run demo -- --down removes it)`);
    return 1;
  }
  process.stdout.write(`flaskr is running at ${url}\n`);
  return 0;
}

main().then(
  (code) => (process.exitCode = code),
  (err) => {
    log(String((err as Error)?.message ?? err));
    process.exitCode = 1;
  },
);
