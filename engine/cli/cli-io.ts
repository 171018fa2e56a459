import { formatError } from '../errors';
import { PlaybookError } from '../playbook/load';
import { CliIo as ExitIo, reportError } from './exit';
import { Parsed, ParseEnv } from './options';
import { ExitCode } from '../errors';

/** Where a command reads and writes, so tests can run it in-process. */
export interface CliIo {
  cwd: string;
  env: NodeJS.ProcessEnv;
  stdout(text: string): void;
  stderr(text: string): void;
  isTTY?: boolean;
  columns?: number;
}

/** This process's own streams, directory and environment. */
export function processIo(): CliIo {
  return {
    cwd: process.cwd(),
    env: process.env,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    isTTY: process.stdout.isTTY,
    columns: process.stdout.columns,
  };
}

/** The line-oriented view exit.ts reports errors through. */
export function exitIo(io: CliIo): ExitIo {
  return { out: (t) => io.stdout(`${t}\n`), err: (t) => io.stderr(`${t}\n`), verbosity: 0 };
}

/**
 * A command's error, as the user sees it: every problem of a playbook (each with its place, so one
 * edit-and-retry fixes them all), or the one error with its exit code.
 */
export function reportCliError(err: unknown, io: CliIo): number {
  if (err instanceof PlaybookError) {
    io.stderr(err.problems.map((p) => formatError(p)).join('\n\n') + '\n');
    return err.exitCode;
  }
  return reportError(err, exitIo(io));
}

/** A command's main: parse the arguments, print help or run, and turn any error into its exit code. */
export async function runCommand<T>(argv: string[], io: CliIo, parse: (argv: string[], where: ParseEnv) => Parsed<T>, run: (opts: T, io: CliIo) => Promise<number>): Promise<number> {
  try {
    const parsed = parse(argv, { cwd: io.cwd, env: io.env });
    if (parsed.kind === 'help') {
      io.stdout(parsed.text);
      return ExitCode.ok;
    }
    return await run(parsed.options, io);
  } catch (err) {
    return reportCliError(err, io);
  }
}
