import * as path from 'path';

/** Where the test-host machinery keeps its files; every path can be moved by environment variables. */
export interface HostsPaths {
  /** Survives runs: the base image tarball and its unpacked copy, the ssh key pair, the apt proxy's .deb files. */
  cache: string;
  /** Lives while hosts run: state file, logs, inventories, per-host sshd configs. */
  run: string;
}

export function hostsPaths(env: NodeJS.ProcessEnv = process.env): HostsPaths {
  return {
    cache: env.TSIBLE_HOSTS_CACHE ?? '/var/cache/tsible-hosts',
    run: env.TSIBLE_HOSTS_RUN ?? '/run/tsible-hosts',
  };
}

/**
 * The private network the hosts live on. Only addresses inside namespaces we create are used, and nothing
 * routes out of it (no NAT, ip_forward untouched): a host reaches the bridge address and nothing else.
 */
export const NETWORK = {
  bridge: 'tsible-br0',
  /** First two octets of the /16; the bridge is .0.1 and hosts count up from .0.2. */
  prefix: process.env.TSIBLE_HOSTS_NET ?? '10.231',
  vethPrefix: 'tsv',
  aptProxyPort: 3142,
} as const;

export function bridgeAddress(): string {
  return `${NETWORK.prefix}.0.1`;
}

/** Host index 2..65533 maps onto the /16, skipping the bridge (1) and the network address (0). */
export function hostAddress(index: number): string {
  return `${NETWORK.prefix}.${index >> 8}.${index & 255}`;
}

export const MAX_HOST_INDEX = 65533;

/** Files derived from the cache directory. */
export function cacheFiles(paths: HostsPaths) {
  return {
    privateKey: path.join(paths.cache, 'id_ed25519'),
    publicKey: path.join(paths.cache, 'id_ed25519.pub'),
    lightHostKey: path.join(paths.cache, 'light_host_ed25519'),
    debs: path.join(paths.cache, 'apt-debs'),
    hostsDir: path.join(paths.cache, 'hosts'),
  };
}

/** Files derived from the run directory. */
export function runFiles(paths: HostsPaths) {
  return {
    state: path.join(paths.run, 'state.json'),
    lock: path.join(paths.run, 'lock'),
    inventory: path.join(paths.run, 'inventory.ini'),
    proxyLog: path.join(paths.run, 'apt-proxy.log'),
    logs: path.join(paths.run, 'logs'),
    light: path.join(paths.run, 'light'),
  };
}

/** The full hosts' login, like an AWS Ubuntu image. uid is fixed so authorized_keys can be written from outside. */
export const FULL_USER = { name: 'ubuntu', uid: 1000, gid: 1000 } as const;
