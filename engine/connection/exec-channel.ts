import { constants } from 'os';
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
  /** How long escalation may take before we stop waiting for a prompt we may never recognise. */
  becomeTimeoutMs: number;
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

/** A running command as the runner sees it: an ssh exec channel, or a child process on the controller. */
export interface CommandIo {
  onStdout(listener: (chunk: Buffer) => void): void;
  onStderr(listener: (chunk: Buffer) => void): void;
  /** The exit status, or the name of the signal that ended the command. */
  onExit(listener: (code: number | null, signal?: string | null) => void): void;
  /** All output has been read. */
  onClose(listener: () => void): void;
  write(data: Buffer | string): void;
  end(): void;
  kill(): void;
}

/**
 * Runs one command on its own exec channel: answers escalation prompts, then feeds stdin, collects
 * capped output and the exit status. Rejects with a ChannelAbort when the run cannot finish normally.
 */
export function runChannel(client: Client, run: ChannelRun): Promise<RawResult> {
  return new Promise((resolve, reject) => {
    const options: Ssh2ExecOptions = run.become?.pty ? { pty: { modes: { ECHO: 0 } } } : {};
    client.exec(run.command, options, (err, channel) => {
      if (err) return reject({ kind: 'refused', message: err.message } satisfies ChannelAbort);
      new CommandRunner(channelIo(channel), run, resolve, reject).start();
    });
  });
}

/** The same run over a command started some other way (a local child process). */
export function runCommandIo(io: CommandIo, run: ChannelRun): Promise<RawResult> {
  return new Promise((resolve, reject) => new CommandRunner(io, run, resolve, reject).start());
}

function channelIo(channel: ClientChannel): CommandIo {
  return {
    onStdout: (listener) => channel.on('data', listener),
    onStderr: (listener) => channel.stderr.on('data', listener),
    onExit: (listener) => channel.on('exit', listener),
    onClose: (listener) => channel.on('close', listener),
    write: (data) => channel.write(data),
    end: () => channel.end(),
    kill: () => {
      channel.signal('KILL');
      channel.close();
    },
  };
}

class CommandRunner {
  private readonly stdout: OutputBuffer;
  private readonly stderr: OutputBuffer;
  /** Until the become marker shows, output is escalation chatter and stdin is for the password. */
  private escalated: boolean;
  /**
   * Until the marker shows on stderr too, stderr is escalation chatter. Watched apart from stdout: the
   * two pipes are read in no fixed order, so the command's first error line may come before stdout's marker.
   */
  private stderrMarked: boolean;
  private prompts = 0;
  private exitCode: number | null = null;
  private settled = false;
  private timer?: NodeJS.Timeout;
  private becomeTimer?: NodeJS.Timeout;
  private readonly started = Date.now();

  constructor(
    private readonly io: CommandIo,
    private readonly run: ChannelRun,
    private readonly resolve: (r: RawResult) => void,
    private readonly reject: (a: ChannelAbort) => void,
  ) {
    this.stdout = new OutputBuffer(run.maxBytes);
    this.stderr = new OutputBuffer(run.maxBytes);
    this.escalated = !run.become;
    this.stderrMarked = !run.become?.stderrMarker;
  }

  start(): void {
    if (this.run.timeoutMs) this.timer = setTimeout(() => this.abort({ kind: 'timeout' }), this.run.timeoutMs);
    if (!this.escalated) this.becomeTimer = setTimeout(() => this.escalationTimedOut(), this.run.becomeTimeoutMs);
    this.io.onStdout((d) => this.output(this.stdout, d));
    this.io.onStderr((d) => this.output(this.stderr, d));
    this.io.onExit((code, signal) => {
      this.exitCode = code ?? (signal ? 128 + signalNumber(signal) : 255);
    });
    this.io.onClose(() => this.finish());
    if (this.escalated) this.sendStdin();
  }

  private output(buffer: OutputBuffer, chunk: Buffer): void {
    buffer.push(chunk);
    if (!this.escalated) this.watchEscalation(this.run.become as BecomeWrap);
    if (this.escalated && !this.stderrMarked) this.dropStderrChatter(this.run.become as BecomeWrap);
  }

  private dropStderrChatter(become: BecomeWrap): void {
    const err = this.stderr.text();
    const at = err.indexOf(become.successMarker);
    if (at < 0) return;
    this.stderrMarked = true;
    const end = err.indexOf('\n', at);
    this.stderr.shift(Buffer.byteLength(err.slice(0, end < 0 ? err.length : end + 1)));
  }

  private watchEscalation(become: BecomeWrap): void {
    const out = this.stdout.text();
    const at = out.indexOf(become.successMarker);
    if (at >= 0) {
      this.escalated = true;
      // Drop everything up to the marker and its line ending: prompts and sudo's notices are not output.
      const end = out.indexOf('\n', at);
      this.stdout.shift(Buffer.byteLength(out.slice(0, end < 0 ? out.length : end + 1)));
      if (!become.stderrMarker) this.stderr.shift(this.stderr.bytes().length);
      return this.sendStdin();
    }
    const chatter = become.pty ? out : this.stderr.text();
    const failure = become.failureIn(chatter);
    if (failure) return this.abort({ kind: 'become', message: failure });
    const seen = become.countPrompts(chatter);
    if (seen <= this.prompts) return;
    this.prompts = seen;
    // A second prompt means the password was wrong; sudo would ask again and we would wait for ever.
    if (this.prompts > 1 || become.password === undefined) return this.abort({ kind: 'become', message: promptFailure(become, this.prompts) });
    this.io.write(`${become.password}\n`);
  }

  /** sudo configured to ignore our prompt string (passprompt_override) would otherwise wait for ever. */
  private escalationTimedOut(): void {
    const seconds = Math.round(this.run.becomeTimeoutMs / 1000);
    const said = (this.run.become?.pty ? this.stdout : this.stderr).text().trim();
    this.abort({ kind: 'become', message: `Timeout (${seconds}s) waiting for privilege escalation prompt: ${said}` });
  }

  private sendStdin(): void {
    clearTimeout(this.becomeTimer);
    const stdin = this.run.stdin;
    if (stdin !== undefined) this.io.write(this.run.become ? this.run.become.frameStdin(stdin) : stdin);
    this.io.end();
  }

  private finish(): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    clearTimeout(this.becomeTimer);
    // The host's own timeout(1) may beat our timer to it when we are busy; the run still timed out.
    if (this.run.timeoutMs && Date.now() - this.started >= this.run.timeoutMs) return this.reject({ kind: 'timeout' });
    if (this.exitCode === null) return this.reject({ kind: 'lost' });
    this.resolve({
      rc: this.exitCode,
      stdout: this.run.become?.pty ? Buffer.from(this.stdout.text().replace(/\r\n/g, '\n')) : this.stdout.bytes(),
      stderr: this.stderr.bytes(),
      truncated: this.stdout.dropped + this.stderr.dropped > 0,
    });
  }

  private abort(why: ChannelAbort): void {
    if (this.settled) return;
    this.settled = true;
    clearTimeout(this.timer);
    clearTimeout(this.becomeTimer);
    this.io.kill();
    this.reject(why);
  }
}

/** ssh names signals without the SIG prefix, Node with it. */
function signalNumber(signal: string): number {
  return constants.signals[`SIG${signal.replace(/^SIG/, '')}` as NodeJS.Signals] ?? 0;
}
