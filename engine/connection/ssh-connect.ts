import { Client, ConnectConfig, ServerHostKeyAlgorithm } from 'ssh2';
import { authHandler, AuthInputs, loadKeys } from './auth';
import { checkHostKey, HostKeyVerdict, knownKeysFor, preferredHostKeyAlgorithms, recordHostKey } from './known-hosts';
import { hostKeyMessage, connectFailureMessage, passwordWithheldMessage } from './ssh-messages';
import { SshOptions, ResolvedSsh, resolveSsh } from './ssh-options';
import { forwardTunnel, parseProxyJump, proxyCommandTunnel, Tunnel } from './proxy';

/** Why a host could not be reached; `retryable` when trying again could help (not a key or login refusal). */
export class ConnectError extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
    this.name = 'ConnectError';
  }
}

/** An authenticated ssh2 client and the way to end it together with whatever carries it. */
export interface OpenedClient {
  client: Client;
  close(): void;
}

/** Opens and authenticates the connection to a host, through its ProxyJump or ProxyCommand when set. */
export async function openClient(resolved: ResolvedSsh, opts: SshOptions): Promise<OpenedClient> {
  let tunnel: Tunnel | undefined;
  if (resolved.proxyJump) tunnel = await jumpTunnel(resolved.proxyJump, resolved, opts);
  else if (resolved.proxyCommand) tunnel = proxyCommandTunnel(resolved.proxyCommand);
  try {
    return await handshake(resolved, opts, tunnel);
  } catch (err) {
    tunnel?.close();
    throw err;
  }
}

/** Connects each hop through the previous one and returns a channel from the last hop to the target. */
async function jumpTunnel(spec: string, target: ResolvedSsh, opts: SshOptions): Promise<Tunnel> {
  const hops = parseProxyJump(spec).map((hop) =>
    resolveSsh(hop.host, {
      user: hop.user,
      port: hop.port,
      sshConfigFile: opts.sshConfigFile,
      homeDir: opts.homeDir,
      agentSocket: opts.agentSocket,
      hostKeyChecking: opts.hostKeyChecking,
      timeoutSec: opts.timeoutSec,
      passphrase: opts.passphrase,
      askPassphrase: opts.askPassphrase,
    }),
  );
  const opened: OpenedClient[] = [];
  const closeAll = () => opened.reverse().forEach((c) => c.close());
  let tunnel: Tunnel | undefined;
  try {
    for (let i = 0; i < hops.length; i++) {
      // Only the first hop may itself need a ProxyCommand; the later ones are reached through the chain.
      const hop = { ...hops[i], proxyJump: undefined, proxyCommand: i === 0 ? hops[i].proxyCommand : undefined };
      const client = await handshake(hop, { ...opts, password: undefined }, tunnel);
      opened.push(client);
      const next = hops[i + 1] ?? target;
      tunnel = await forwardTunnel(client.client, next.hostname, next.port, closeAll);
    }
  } catch (err) {
    closeAll();
    throw err;
  }
  return tunnel as Tunnel;
}

async function handshake(resolved: ResolvedSsh, opts: SshOptions, tunnel?: Tunnel): Promise<OpenedClient> {
  const agentSocket = opts.agentSocket === null ? undefined : (opts.agentSocket ?? process.env.SSH_AUTH_SOCK);
  const inputs: AuthInputs = {
    user: resolved.user,
    identityFiles: resolved.identityFiles,
    passphrase: opts.passphrase,
    askPassphrase: opts.askPassphrase,
    agentSocket: agentSocket || undefined,
    password: resolved.password,
  };
  const keys = await loadKeys(inputs);
  const hostKey = hostKeyCheck(resolved);
  inputs.passwordWithheld = hostKey.changedKey;
  let allowed: string[] = [];
  const config: ConnectConfig = {
    host: resolved.hostname,
    port: resolved.port,
    username: resolved.user,
    sock: tunnel?.sock,
    readyTimeout: resolved.connectTimeoutSec * 1000,
    keepaliveInterval: resolved.serverAliveIntervalSec * 1000,
    keepaliveCountMax: resolved.serverAliveCountMax,
    algorithms: { serverHostKey: hostKey.algorithms },
    authHandler: authHandler(inputs, keys, (methods) => (allowed = methods)),
    hostVerifier: hostKey.verify,
  };
  const explain = async (err: Error & { level?: string }) => {
    const refusal = hostKey.refusal();
    if (refusal) return new ConnectError(refusal, false);
    const message = connectFailureMessage(err, resolved, (await tunnel?.diagnostics()) ?? '', allowed);
    const withheld = err.level === 'client-authentication' && inputs.password !== undefined ? hostKey.changedKey() : undefined;
    return new ConnectError(withheld ? `${message} ${withheld}` : message, err.level !== 'client-authentication');
  };
  return connectClient(config, tunnel, explain);
}

/**
 * Checks the server's key against known_hosts and remembers why it was refused, for the message. A
 * changed key that StrictHostKeyChecking=no (host_key_checking = False) lets through is remembered
 * too: as OpenSSH does, the password is then not sent, since whoever now answers may be collecting it.
 */
function hostKeyCheck(resolved: ResolvedSsh) {
  const known = knownKeysFor(resolved.knownHostsFiles, resolved.hostname, resolved.port);
  let refused: string | undefined;
  let changed: string | undefined;
  return {
    algorithms: preferredHostKeyAlgorithms(known) as ServerHostKeyAlgorithm[],
    verify: (key: Buffer): boolean => {
      const verdict = checkHostKey(known, key);
      if (verdict.status === 'unknown' && resolved.strictHostKeyChecking !== 'yes') remember(resolved, key);
      if (verdict.status === 'changed') changed = passwordWithheldMessage(verdict, resolved, key);
      if (acceptable(verdict, resolved.strictHostKeyChecking)) return true;
      refused = hostKeyMessage(verdict, resolved, key);
      return false;
    },
    refusal: () => refused,
    changedKey: () => changed,
  };
}

/** Adds a new host's key to the first known_hosts file, as ssh does; failing to write is not fatal. */
function remember(resolved: ResolvedSsh, key: Buffer): void {
  const file = resolved.knownHostsFiles[0];
  if (!file || file === '/dev/null') return;
  try {
    recordHostKey(file, resolved.hostname, resolved.port, key, resolved.hashKnownHosts);
  } catch {
    // ssh only warns too: the connection does not depend on it.
  }
}

function connectClient(config: ConnectConfig, tunnel: Tunnel | undefined, explain: (err: Error) => Promise<ConnectError>): Promise<OpenedClient> {
  const client = new Client();
  return new Promise((resolve, reject) => {
    let settled = false;
    const fail = (err: Error) => {
      if (settled) return;
      settled = true;
      client.end();
      void explain(err).then((explained) => {
        tunnel?.close();
        reject(explained);
      });
    };
    const closed = () => fail(new Error('Connection closed by remote host'));
    // Kept for the client's life: once settled it ignores errors, which then end in 'close' for the owner
    // to see; an 'error' event nobody listens to would crash the process.
    client.on('error', fail);
    // ssh2 reports a socket that closes before authentication with 'close' alone.
    client.once('close', closed);
    client.once('ready', () => {
      settled = true;
      client.removeListener('close', closed);
      // Requests are small and each waits for its reply: Nagle's algorithm would hold them back.
      client.setNoDelay(true);
      resolve({
        client,
        close: () => {
          client.end();
          tunnel?.close();
        },
      });
    });
    // A proxy that already died while keys were read would never tell ssh2: its socket closed unobserved.
    if (tunnel?.sock.destroyed) return fail(new Error('Connection closed by remote host'));
    client.connect(config);
  });
}

/** A revoked key is refused whatever StrictHostKeyChecking says, as OpenSSH refuses it. */
function acceptable(verdict: HostKeyVerdict, strict: ResolvedSsh['strictHostKeyChecking']): boolean {
  if (verdict.status === 'revoked') return false;
  if (strict === 'no' || verdict.status === 'match') return true;
  return strict === 'accept-new' && verdict.status === 'unknown';
}
