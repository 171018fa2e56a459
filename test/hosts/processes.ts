import { spawn } from 'child_process';
import * as fs from 'fs';
import * as net from 'net';
import { isOurProcess, sleep } from './state';

/**
 * Starts a long-lived process that outlives the caller (the `up` CLI exits, the hosts keep running), with its
 * output in `logFile`. Returns its pid for the state file.
 */
export function spawnDetached(cmd: string, args: string[], logFile: string): number {
  const log = fs.openSync(logFile, 'w');
  const child = spawn(cmd, args, { detached: true, stdio: ['ignore', log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${cmd}`);
  child.unref();
  return child.pid;
}

/** SIGTERM (for nspawn: a clean poweroff of the container), then SIGKILL if it hangs past `graceMs`. */
export async function stopProcess(pid: number, cmdlineMark: string, graceMs: number): Promise<void> {
  if (!isOurProcess(pid, cmdlineMark)) return;
  process.kill(pid, 'SIGTERM');
  const deadline = Date.now() + graceMs;
  while (isOurProcess(pid, cmdlineMark)) {
    if (Date.now() > deadline) {
      process.kill(pid, 'SIGKILL');
      await sleep(100);
      return;
    }
    await sleep(50);
  }
}

/**
 * Processes with an argument starting with `argPrefix` (a path only our hosts use), with that argument as
 * the mark for `stopProcess`. Lets `down` find hosts whose record was lost.
 */
export function findProcesses(argPrefix: string): { pid: number; mark: string }[] {
  const found: { pid: number; mark: string }[] = [];
  for (const entry of fs.readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    let args: string[];
    try {
      args = fs.readFileSync(`/proc/${entry}/cmdline`, 'utf8').split(/[\0 ]/);
    } catch {
      continue;
    }
    const mark = args.find((arg) => arg.startsWith(argPrefix));
    if (mark) found.push({ pid: Number(entry), mark });
  }
  return found;
}

/** Resolves with the first bytes the server sends, or '' when nothing answers within 2 seconds. */
function readGreeting(host: string, port: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (text: string) => {
      socket.destroy();
      resolve(text);
    };
    socket.setTimeout(2000, () => done(''));
    socket.once('data', (data) => done(data.toString()));
    socket.once('error', () => done(''));
    socket.once('close', () => done(''));
  });
}

/** Waits until sshd on `host` sends its `SSH-2.0-` banner; `alive` lets a dead container fail fast. */
export async function waitForSsh(host: string, timeoutMs: number, alive: () => boolean): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if ((await readGreeting(host, 22)).startsWith('SSH-')) return;
    if (!alive()) throw new Error(`${host}: the process serving it exited before sshd answered`);
    await sleep(100);
  }
  throw new Error(`${host}: sshd did not answer within ${timeoutMs / 1000}s`);
}

/** Waits until something accepts connections on host:port (the apt proxy has no greeting). */
export async function waitForPort(host: string, port: number, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const open = await new Promise<boolean>((resolve) => {
      const socket = net.connect({ host, port }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`nothing listens on ${host}:${port} after ${timeoutMs / 1000}s`);
}
