import { readFileSync } from 'fs';

/** Where something came from in a user's file; line and column are 1-based. */
export interface Origin {
  file: string;
  line: number;
  column: number;
}

/** ansible-playbook's exit codes, which tsible keeps so scripts around it keep working. */
export const ExitCode = {
  ok: 0,
  error: 1,
  hostFailed: 2,
  hostUnreachable: 4,
  parserError: 4,
  badOptions: 5,
  userInterrupt: 99,
  /** 128 + SIGTERM, as a shell reports a process that SIGTERM ended. */
  terminated: 143,
  unexpected: 250,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

export interface TsibleErrorOptions {
  origin?: Origin;
  hint?: string;
  /** Outermost first, e.g. `play "web"`, `task "install"`. */
  context?: string[];
  exitCode?: ExitCodeValue;
  cause?: unknown;
}

/** An error the user caused (bad file, bad argument…): printed without a stack trace. */
export class TsibleError extends Error {
  readonly origin?: Origin;
  readonly hint?: string;
  readonly context: string[];
  readonly exitCode: ExitCodeValue;

  constructor(message: string, opts: TsibleErrorOptions = {}) {
    super(message, opts.cause === undefined ? undefined : { cause: opts.cause });
    this.name = 'TsibleError';
    this.origin = opts.origin;
    this.hint = opts.hint;
    this.context = opts.context ?? [];
    this.exitCode = opts.exitCode ?? ExitCode.error;
  }

  /** The same error with one more piece of context, added on the way up. */
  withContext(context: string): TsibleError {
    return new TsibleError(this.message, {
      origin: this.origin,
      hint: this.hint,
      context: [context, ...this.context],
      exitCode: this.exitCode,
      cause: this.cause,
    });
  }
}

export function isTsibleError(err: unknown): err is TsibleError {
  return err instanceof TsibleError;
}

/** The offending source line with a caret under the column, or '' when the file cannot be read. */
export function sourceExcerpt(origin: Origin, readFile: (f: string) => string = (f) => readFileSync(f, 'utf8')): string {
  let text: string;
  try {
    text = readFile(origin.file);
  } catch {
    return '';
  }
  const line = text.split(/\r?\n/)[origin.line - 1];
  if (line === undefined) return '';
  const gutter = String(origin.line);
  const pad = ' '.repeat(gutter.length);
  return `    ${gutter} | ${line}\n    ${pad} | ${' '.repeat(Math.max(0, origin.column - 1))}^`;
}

export function formatOrigin(origin: Origin): string {
  return `${origin.file}:${origin.line}:${origin.column}`;
}

/** How a user error is shown: message, where, the offending line, then a hint. */
export function formatError(err: TsibleError, readFile?: (f: string) => string): string {
  const lines = [`ERROR! ${err.message}`];
  const where = err.origin ? formatOrigin(err.origin) : '';
  const ctx = err.context.length ? `(${err.context.join(', ')})` : '';
  if (where || ctx) lines.push(`  at ${[where, ctx].filter(Boolean).join(' ')}`);
  if (err.origin) {
    const excerpt = sourceExcerpt(err.origin, readFile);
    if (excerpt) lines.push(excerpt);
  }
  if (err.hint) lines.push(`  hint: ${err.hint}`);
  return lines.join('\n');
}

/**
 * Where a task's failure comes from, worded as Ansible appends it to the task's `msg` (people and scripts
 * look for this text in registered results).
 */
export function taskErrorPosition(origin: Origin, readFile: (f: string) => string = (f) => readFileSync(f, 'utf8')): string {
  const head = `The error appears to be in '${origin.file}': line ${origin.line}, column ${origin.column}, but may\nbe elsewhere in the file depending on the exact syntax problem.`;
  let lines: string[];
  try {
    lines = readFile(origin.file).split(/\r?\n/);
  } catch {
    return head;
  }
  const target = lines[origin.line - 1];
  if (target === undefined) return head;
  const context = origin.line > 1 ? `${lines[origin.line - 2]}\n${target}` : target;
  return `${head}\n\nThe offending line appears to be:\n\n${context}\n${' '.repeat(Math.max(0, origin.column - 1))}^ here\n`;
}
