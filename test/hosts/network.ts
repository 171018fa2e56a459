import * as fs from 'fs';
import { bridgeAddress, hostAddress, MAX_HOST_INDEX, NETWORK } from './config';
import { run, tryRun } from './exec';

/** The bridge in the root namespace that every host's veth plugs into; the local services listen on its address. */
export async function ensureBridge(): Promise<void> {
  if ((await tryRun('ip', ['link', 'show', NETWORK.bridge])).code === 0) return;
  await run('ip', ['-batch', '-'], {
    input: [
      `link add ${NETWORK.bridge} type bridge`,
      `addr add ${bridgeAddress()}/16 dev ${NETWORK.bridge}`,
      `link set ${NETWORK.bridge} up`,
    ].join('\n'),
  });
}

/** Deletes the bridge and any veth still plugged into it (left by a host whose namespace is already gone). */
export async function removeBridge(): Promise<void> {
  const listed = await tryRun('ip', ['-o', 'link', 'show', 'master', NETWORK.bridge]);
  for (const line of listed.stdout.split('\n')) {
    const name = /^\d+: ([^:@]+)/.exec(line)?.[1];
    if (name) await tryRun('ip', ['link', 'del', name]);
  }
  await tryRun('ip', ['link', 'del', NETWORK.bridge]);
}

export function vethName(index: number): string {
  return `${NETWORK.vethPrefix}${index}`;
}

/** Lowest free position in the /16, so addresses stay short and predictable. */
export function freeIndex(used: Set<number>): number {
  for (let index = 2; index <= MAX_HOST_INDEX; index++) if (!used.has(index)) return index;
  throw new Error('no free address left on the test-host network');
}

/** Whether a namespace of that name exists, made by us or anyone else. */
export function namespaceExists(name: string): boolean {
  return fs.existsSync(`/run/netns/${name}`);
}

export function vethExists(index: number): boolean {
  return fs.existsSync(`/sys/class/net/${vethName(index)}`);
}

/**
 * Creates the host's network namespace with one veth: `eth0` inside (the host's address, no default route,
 * so only the bridge network is reachable) and `tsv<index>` plugged into the bridge. Two `ip -batch` calls
 * instead of seven processes keep 50 light hosts fast. On failure, removes only what it created.
 */
export async function createHostNetwork(name: string, index: number): Promise<string> {
  const address = hostAddress(index);
  const veth = vethName(index);
  if (namespaceExists(name) || vethExists(index)) {
    throw new Error(`network namespace ${name} or link ${veth} already exists`);
  }
  await run('ip', ['netns', 'add', name]);
  try {
    await run('ip', ['-batch', '-'], {
      input: [`link add ${veth} type veth peer name eth0 netns ${name}`, `link set ${veth} master ${NETWORK.bridge} up`]
        .join('\n'),
    });
    await run('ip', ['-n', name, '-batch', '-'], {
      input: [`addr add ${address}/16 dev eth0`, 'link set eth0 up', 'link set lo up'].join('\n'),
    });
  } catch (err) {
    await removeHostNetwork(name, index);
    throw err;
  }
  return address;
}

/** Deleting the namespace destroys eth0 and with it the veth pair; the explicit delete covers a half-made host. */
export async function removeHostNetwork(name: string, index: number): Promise<void> {
  await tryRun('ip', ['netns', 'del', name]);
  await tryRun('ip', ['link', 'del', vethName(index)]);
}
