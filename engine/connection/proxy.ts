import { ChildProcess, spawn } from 'child_process';
import { Duplex } from 'stream';
import { Client } from 'ssh2';

/** A stream to the target's sshd opened through something else, and what to end with the connection. */
export interface Tunnel {
  sock: Duplex;
  /** Ends the proxy (child process or jump connections). */
  close(): void;
  /**
   * Ends a failed tunnel and gives what the proxy said on stderr, to explain the failure. ssh2 may see the
   * broken pipe before a dying proxy has spoken, so the proxy is given its stdin's end and a moment to
   * finish on its own before it is killed.
   */
  diagnostics(): Promise<string>;
}

/**
 * Runs a ProxyCommand (already token-expanded) with /bin/sh and talks SSH over its stdin/stdout, as ssh
 * does; `ssh -W %h:%p jump` is the usual one.
 */
export function proxyCommandTunnel(command: string): Tunnel {
  const child: ChildProcess = spawn('/bin/sh', ['-c', `exec ${command}`], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    if (stderr.length < 4096) stderr += d.toString();
  });
  const finished = new Promise<void>((resolve) => {
    child.on('close', () => resolve());
    child.on('error', () => resolve());
    // Something the proxy left running in the background may hold stderr open long after the proxy exited.
    child.on('exit', () => setTimeout(resolve, 1000).unref());
  });
  const kill = () => {
    if (child.exitCode === null && child.signalCode === null) child.kill();
  };
  const sock = Duplex.from({ readable: child.stdout, writable: child.stdin });
  // A proxy that dies surfaces as the ssh connection closing; the socket's own error adds nothing.
  sock.on('error', () => undefined);
  child.on('error', (err) => sock.destroy(err));
  // Once the proxy is gone with all its output read, the connection is over; ssh2 waits for the socket to close.
  child.on('close', () => sock.destroy());
  return {
    sock,
    close: kill,
    diagnostics: async () => {
      child.stdin?.destroy();
      const grace = setTimeout(kill, 3000);
      await finished;
      clearTimeout(grace);
      return stderr.trim();
    },
  };
}

/** A channel from an established jump connection to host:port (ssh -J / ProxyJump). */
export function forwardTunnel(jump: Client, host: string, port: number, closeJumps: () => void): Promise<Tunnel> {
  return new Promise((resolve, reject) => {
    jump.forwardOut('127.0.0.1', 0, host, port, (err, channel) => {
      if (err) return reject(new Error(`jump host could not open a channel to ${host}:${port}: ${err.message}`));
      resolve({ sock: channel, close: closeJumps, diagnostics: async () => '' });
    });
  });
}

/** One hop of a ProxyJump list: `[user@]host[:port]`. */
export interface JumpHop {
  host: string;
  user?: string;
  port?: number;
}

export function parseProxyJump(spec: string): JumpHop[] {
  return spec.split(',').map((hop) => {
    const m = /^(?:ssh:\/\/)?(?:([^@]+)@)?(\[[^\]]+\]|[^:]+)(?::(\d+))?$/.exec(hop.trim());
    if (!m) throw new Error(`bad ProxyJump hop: ${hop}`);
    return { user: m[1], host: m[2].replace(/^\[|\]$/g, ''), port: m[3] ? Number(m[3]) : undefined };
  });
}
