import * as path from 'path';
import { bridgeAddress, cacheFiles, HostsPaths, NETWORK, runFiles } from './config';
import { AptSource } from './mirror';
import { spawnDetached, stopProcess, waitForPort } from './processes';
import { HostsState, isOurProcess } from './state';

/** The launcher that runs cli.ts; the proxy is a `proxy` subcommand of it, so it is found by this argument. */
const LAUNCHER = path.resolve(__dirname, '..', '..', 'scripts', 'hosts.js');

/** Starts the apt proxy on the bridge address unless it already runs; records it in `state`. */
export async function ensureAptProxy(paths: HostsPaths, state: HostsState, sources: AptSource[]): Promise<void> {
  if (state.proxy && isOurProcess(state.proxy.pid, state.proxy.cmdlineMark)) return;
  const allow = [...new Set(sources.map((s) => new URL(s.uri).origin))];
  const pid = spawnDetached(process.execPath, [
    LAUNCHER, 'proxy', '--listen', bridgeAddress(), '--port', String(NETWORK.aptProxyPort),
    '--debs', cacheFiles(paths).debs, '--allow', allow.join(','),
  ], runFiles(paths).proxyLog);
  state.proxy = { pid, cmdlineMark: LAUNCHER };
  await waitForPort(bridgeAddress(), NETWORK.aptProxyPort, 15_000);
}

export async function stopAptProxy(state: HostsState): Promise<void> {
  if (state.proxy) await stopProcess(state.proxy.pid, state.proxy.cmdlineMark, 5_000);
  delete state.proxy;
}
