import * as fs from 'fs';
import { createAptProxy } from './apt-proxy';
import { cacheFiles, hostsPaths, runFiles } from './config';
import { downAll, startHosts } from './index';
import { writeInventory } from './inventory';
import { readState } from './state';

const USAGE = `usage: node scripts/hosts.js <command>
  up N [--name PREFIX] [--services]
                              start N Debian bookworm containers (systemd, sshd, user ubuntu); --services also
                              serves a pip wheelhouse and git://BRIDGE/flaskr.git to them
  up-light N [--name PREFIX]  start N light hosts (a network namespace with only an sshd)
  down                        stop every host and remove everything up made
  status                      print the inventory of the running hosts
Environment: TSIBLE_HOSTS_CACHE (default /var/cache/tsible-hosts), TSIBLE_HOSTS_RUN (default /run/tsible-hosts)`;

const log = (line: string) => console.error(`[hosts] ${line}`);

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
}

/** Rewrites the shared inventory of every running host and prints it; returns its path. */
function publishInventory(): string {
  const paths = hostsPaths();
  const file = writeInventory(runFiles(paths).inventory, readState(paths).hosts, cacheFiles(paths).privateKey);
  process.stdout.write(fs.readFileSync(file, 'utf8'));
  return file;
}

async function up(args: string[], light: boolean): Promise<void> {
  const count = Number(args[0]);
  if (!Number.isInteger(count) || count < 1) throw new Error(`expected a host count, got ${args[0] ?? 'nothing'}`);
  await startHosts({ count, light, prefix: option(args, '--name'), services: args.includes('--services'), log });
  log(`inventory written to ${publishInventory()}`);
}

/** The apt proxy's own process, started in the background by `up`. */
function proxy(args: string[]): void {
  const server = createAptProxy({
    allow: (option(args, '--allow') ?? '').split(',').filter(Boolean),
    debDir: option(args, '--debs') ?? '',
    log: (line) => console.log(`${new Date().toISOString()} ${line}`),
  });
  // Killed by SIGTERM from `down`; Node's default handling of it is the right exit.
  server.listen(Number(option(args, '--port')), option(args, '--listen'));
}

async function main(argv: string[]): Promise<void> {
  const [command, ...args] = argv;
  switch (command) {
    case 'up':
      return up(args, false);
    case 'up-light':
      return up(args, true);
    case 'down':
      return downAll(hostsPaths(), log);
    case 'status':
      publishInventory();
      return;
    case 'proxy':
      return proxy(args);
    default:
      console.error(USAGE);
      process.exitCode = 2;
  }
}

main(process.argv.slice(2)).catch((err: Error) => {
  log(`error: ${err.message}`);
  process.exitCode = 1;
});
