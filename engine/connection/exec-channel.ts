import { Client, ClientChannel, ExecOptions as Ssh2ExecOptions } from 'ssh2';
import { BecomeWrap, promptFailure } from './become';
import { OutputBuffer } from './output-buffer';

export interface ChannelRun {
  command: string;
  stdin?: Buffer | string;
  timeoutMs?: number;
  /** Bytes kept of stdout and of stderr each. */
  maxBytes: number;
  become?: BecomeWrap;
}

export interface RawResult {
  rc: number;
  stdout: Buffer;
  stderr: Buffer;
  truncated: boolean;
}

/** Why a run ended without an exit status. */
export type ChannelAbort =
  | { kind: 'timeout' }
  | { kind: 'become'; message: string }
  /** The server would not open another session (MaxSessions); worth retrying shortly. */
  | { kind: 'refused'; message: string }
  | { kind: 'lost' };

/**
 * Runs one command on its own exec channel: answers escalation prompts, then feeds stdin, collects
 * capped output and the exit status. Rejects with a ChannelAbort when the run cannot finish normally.
 */
export function runChannel(client: Client, run: ChannelRun): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const options: Ssh2ExecOptions = run.become?.pty ? { pty: { modes: { ECHO: 0 } } } : {};
    client.exec(run.command, options, (err, channel) => {
      if (err) return reject({ kind: 'refused', message: err.message } satisfies ChannelAbort);
      drive(channel, run, resolve, reject);
    });
  });
}

function drive(channel: ClientChannel, run: ChannelRun, resolve: (r: RawResult) => void, reject: (a: ChannelAbort) => void): void {
  const stdout = new OutputBuffer(run.maxBytes);
  const stderr = new OutputBuffer(run.maxBytes);
  const become = run.become;
  let escalated = !become;
  let prompts = 0;
  let exitCode: number | null = null;
  let settled = false;
  const abort = (why: ChannelAbort) => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    channel.signal('KILL');
    channel.close();
    reject(why);
  };
  const timer = run.timeoutMs ? setTimeout(() => abort({ kind: 'timeout' }), run.timeoutMs) : undefined;
  const sendStdin = () => {
    if (run.stdin !== undefined) channel.write(run.stdin);
    channel.end();
  };
  const watchEscalation = () => {
    if (escalated || !become) return;
    const out = stdout.text();
    const at = out.indexOf(become.successMarker);
    if (at >= 0) {
      escalated = true;
      stdout.shift(Buffer.byteLength(out.slice(0, at + become.successMarker.length)) + (out[at + become.successMarker.length] === '\r' ? 2 : 1));
      stderr.shift(stderr.bytes().length);
      return sendStdin();
    }
    const chatter = become.pty ? out : stderr.text();
    const failure = become.failureIn(chatter);
    if (failure) return abort({ kind: 'become', message: failure });
    const seen = become.countPrompts(chatter);
    if (seen > prompts) {
      prompts = seen;
      if (prompts > 1 || become.password === undefined) return abort({ kind: 'become', message: promptFailure(become, prompts) });
      channel.write(`${become.password}\n`);
    }
  };
  channel.on('data', (d: Buffer) => {
    stdout.push(d);
    watchEscalation();
  });
  channel.stderr.on('data', (d: Buffer) => {
    stderr.push(d);
    watchEscalation();
  });
  channel.on('exit', (code: number | null, signal?: string) => {
    exitCode = code ?? (signal ? 128 + signalNumber(signal) : 255);
  });
  channel.on('close', () => {
    if (settled) return;
    settled = true;
    clearTimeout(timer);
    if (exitCode === null) return reject({ kind: 'lost' });
    resolve({ rc: exitCode, stdout: tidy(stdout, become), stderr: stderr.bytes(), truncated: stdout.dropped + stderr.dropped > 0 });
  });
  if (escalated) sendStdin();
}

/** A terminal (su) turns \n into \r\n; callers expect what the command printed. */
function tidy(out: OutputBuffer, become?: BecomeWrap): Buffer {
  return become?.pty ? Buffer.from(out.text().replace(/\r\n/g, '\n')) : out.bytes();
}

const SIGNALS: Record<string, number> = { HUP: 1, INT: 2, QUIT: 3, KILL: 9, SEGV: 11, PIPE: 13, ALRM: 14, TERM: 15 };

function signalNumber(signal: string): number {
  return SIGNALS[signal.replace(/^SIG/, '')] ?? 0;
}
