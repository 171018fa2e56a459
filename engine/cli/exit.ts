import { ExitCode, formatError, isTsibleError } from '../errors';
import { UsageError } from './option-flags';

/** Where a CLI writes, and how verbose it was asked to be (known once the options are parsed). */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  verbosity: number;
}

/** How a playbook run ended, counted over hosts. */
export interface RunOutcome {
  failedHosts: number;
  unreachableHosts: number;
}

/** Verbosity at which Ansible shows an unexpected exception's traceback. */
const TRACEBACK_VERBOSITY = 3;

/**
 * ansible-playbook's status for a finished run: an unreachable host beats a failed one. Note that an
 * unreachable host exits 4 (not ExitCode.hostUnreachable), as ansible-core 2.14 does.
 */
export function exitCodeForRun(outcome: RunOutcome): number {
  if (outcome.unreachableHosts > 0) return 4;
  if (outcome.failedHosts > 0) return ExitCode.hostFailed;
  return ExitCode.ok;
}

/** Writes what the user sees for a thrown value and returns the exit code; never throws. */
export function reportError(err: unknown, io: CliIo): number {
  if (err instanceof UsageError) {
    io.err(`${err.usage}\n${err.prog}: error: ${err.message}\n \n${err.help}`);
    return err.exitCode;
  }
  if (isTsibleError(err)) {
    io.err(formatError(err));
    return err.exitCode;
  }
  const message = err instanceof Error ? err.message : String(err);
  const lines = [`ERROR! Unexpected Exception, this is probably a bug: ${message}`];
  if (io.verbosity >= TRACEBACK_VERBOSITY) {
    lines.push(`the full traceback was:\n\n${err instanceof Error ? err.stack : message}`);
  } else {
    lines.push('to see the full traceback, use -vvv');
  }
  io.err(lines.join('\n'));
  return ExitCode.unexpected;
}

/**
 * Runs a command's main and exits with its status: the one place tsible exits. A thrown error goes
 * through reportError; Ctrl-C stops the run with Ansible's message and status 99, SIGTERM likewise
 * with status 143.
 */
export async function runCli(main: (io: CliIo) => Promise<number>): Promise<void> {
  const io: CliIo = {
    out: (text) => process.stdout.write(`${text}\n`),
    err: (text) => process.stderr.write(`${text}\n`),
    verbosity: 0,
  };
  for (const [signal, message, status] of STOP_SIGNALS) {
    const hardStop = () => {
      io.err(`ERROR! ${message}`);
      exitAfterFlush(status);
    };
    process.once(signal, () => {
      // A run in progress handles the signal itself (stops, closes connections, prints the recap); a
      // second one ends the process at once.
      if (process.listenerCount(signal) > 0) process.once(signal, hardStop);
      else hardStop();
    });
  }
  let code: number;
  try {
    code = await main(io);
  } catch (err) {
    code = reportError(err, io);
  }
  exitAfterFlush(code);
}

const STOP_SIGNALS: [NodeJS.Signals, string, number][] = [
  ['SIGINT', 'User interrupted execution', ExitCode.userInterrupt],
  ['SIGTERM', 'Terminated (SIGTERM)', ExitCode.terminated],
];

/** process.exit drops output still queued for a pipe; wait for both streams first. */
function exitAfterFlush(code: number): void {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}
