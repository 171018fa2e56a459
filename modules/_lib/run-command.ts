import type { ExecResult } from '../../engine/connection/connection';
import { changed, failed, ok } from '../../engine/module/define';
import { shellJoin, shellQuote } from '../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../engine/module/types';
import { expandingWord } from './shlex';
import { launchOnHost } from '../../engine/module/async-jobs';

export interface CommandArgs {
  chdir?: string;
  creates?: string;
  removes?: string;
  stdin?: string;
  stdin_add_newline: boolean;
  strip_empty_ends: boolean;
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

/** Python's datetime text, as command results show `start` and `end`. */
export function pyDatetime(d: Date): string {
  const date = `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
  return `${date} ${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}.${pad(d.getMilliseconds(), 3)}000`;
}

/** Python's timedelta text, as `delta`: `0:00:00.003460`. */
export function pyDelta(ms: number): string {
  const s = Math.floor(ms / 1000);
  return `${Math.floor(s / 3600)}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}.${pad(Math.round((ms % 1000) * 1000), 6)}`;
}

/** Python's str.splitlines(): no empty last element for a trailing newline. */
export function splitLinesPy(text: string): string[] {
  const lines = text.split(/\r\n|\n|\r/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

export function outputKeys(r: ExecResult, strip: boolean): Record<string, unknown> {
  const stdout = strip ? r.stdout.replace(/[\r\n]+$/, '') : r.stdout;
  const stderr = strip ? r.stderr.replace(/[\r\n]+$/, '') : r.stderr;
  return { rc: r.rc, stdout, stderr, stdout_lines: splitLinesPy(stdout), stderr_lines: splitLinesPy(stderr) };
}

/**
 * The shell that globs `creates` and `removes` on the host as Ansible's command module does (both are `path`
 * arguments: `$VAR` and `~` expanded, then glob.glob). Each reaches the shell as data: the expanded pattern is
 * globbed as an unquoted variable with field splitting off, which runs nothing it contains. Prints, each
 * followed by a NUL, the expanded pattern and 1 when something matches, else 0.
 */
function globScript(patterns: string[]): string {
  const test = 'IFS=; for tsible_f in $tsible_p; do if [ -e "$tsible_f" ] || [ -L "$tsible_f" ]; then tsible_m=1; break; fi; done';
  return patterns.map((p) => `tsible_p=${expandingWord(p)}; tsible_m=0; ${test}; printf '%s\\0%s\\0' "$tsible_p" "$tsible_m"`).join('\n');
}

/** `creates`/`removes`: the verdict that the command need not run, or undefined to run it. */
async function guard(ctx: ModuleContext, args: CommandArgs, cmd: unknown): Promise<ModuleResult | undefined> {
  const given = (['creates', 'removes'] as const).filter((k) => args[k] !== undefined);
  if (given.length === 0) return undefined;
  // cd prints the directory when CDPATH finds it: only the glob's own output may reach stdout.
  const cd = args.chdir ? `cd -- ${shellQuote(args.chdir)} >/dev/null || exit 1\n` : '';
  const r = await ctx.probe.exec(`${cd}${globScript(given.map((k) => args[k]!))}`);
  if (r.rc !== 0) return failed(`Unable to change directory before execution: ${r.stderr.trim() || args.chdir}`, { cmd, rc: null });
  const fields = r.stdout.split('\0').slice(-2 * given.length - 1);
  for (const [i, key] of given.entries()) {
    const [path, found] = [fields[2 * i] ?? '', fields[2 * i + 1] === '1'];
    if (key === 'creates' ? !found : found) continue;
    const verb = ctx.check ? 'Would not' : 'Did not';
    const why = key === 'creates' ? 'exists' : 'does not exist';
    const base = { cmd, rc: 0, stdout: `skipped, since ${path} ${why}`, stderr: '', delta: null, start: null, end: null };
    return ok({ ...base, stdout_lines: [base.stdout], stderr_lines: [], msg: `${verb} run command since '${path}' ${why}` });
  }
  return undefined;
}

/**
 * Put on stderr, instead of running anything, when command's program is missing (errno 2) or cannot run
 * (13), then each word as the host expanded it, after a NUL.
 */
const NOT_RUN = 'tsible-not-run:';

/**
 * command runs its words without a shell, as Python's Popen does: the program is a file (found in $PATH
 * when its name has no slash, never a shell builtin: `echo -e` is /bin/echo's), and one that is not
 * there or cannot be run is an error of its own, not a shell's "not found".
 */
function checkingProgram(words: string[], line: string): string {
  const fail = (errno: number, rc: number) => `{ printf '${NOT_RUN}${errno}' >&2; printf '\\0%s' ${line} >&2; exit ${rc}; }`;
  const inPath = 'tsible_w=; tsible_i=$IFS; IFS=:; for tsible_d in $PATH; do tsible_f=${tsible_d:-.}/$tsible_p; if [ -f "$tsible_f" ] && [ -x "$tsible_f" ]; then tsible_w=$tsible_f; break; fi; done; IFS=$tsible_i';
  return [
    `tsible_p=${words[0]}`,
    `case $tsible_p in */*) tsible_w=$tsible_p ;; *) ${inPath}; [ -n "$tsible_w" ] || ${fail(2, 127)} ;; esac`,
    `if [ ! -e "$tsible_w" ]; then ${fail(2, 127)}; elif [ -d "$tsible_w" ] || [ ! -x "$tsible_w" ]; then ${fail(13, 126)}; fi`,
    // exec: the shell runs the program itself, not a builtin of the same name.
    `exec ${line}`,
  ].join('\n');
}

/** Python's OSError for the program command could not run, with the words as run; undefined when it ran. */
function notRun(r: ExecResult): { errno: number; msg: string; cmd: string } | undefined {
  if ((r.rc !== 126 && r.rc !== 127) || !r.stderr.startsWith(NOT_RUN)) return undefined;
  const [head, ...words] = r.stderr.slice(NOT_RUN.length).split('\0');
  if (!/^(2|13)$/.test(head) || words.length === 0) return undefined;
  const errno = Number(head);
  return { errno, msg: `[Errno ${errno}] ${errno === 2 ? 'No such file or directory' : 'Permission denied'}: ${pyBytesRepr(words[0])}`, cmd: shellJoin(words) };
}

/** Python's repr() of the bytes of a UTF-8 string: b'…', with \xNN for anything not printable ASCII. */
function pyBytesRepr(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let out = '';
  for (const byte of Buffer.from(text, 'utf8')) {
    const c = String.fromCharCode(byte);
    if (c === '\\' || c === quote) out += `\\${c}`;
    else if (c === '\t') out += '\\t';
    else if (c === '\n') out += '\\n';
    else if (c === '\r') out += '\\r';
    else if (byte < 0x20 || byte >= 0x7f) out += `\\x${byte.toString(16).padStart(2, '0')}`;
    else out += c;
  }
  return `b${quote}${out}${quote}`;
}

/**
 * command/shell/script: honour creates/removes and check mode, run the line, report as Ansible does.
 * `checksProgram`, for command only: the line's words (shell text), whose program must exist and be runnable.
 */
export async function runCommand(ctx: ModuleContext, args: CommandArgs, line: string, cmd: unknown, checksProgram?: string[]): Promise<ModuleResult> {
  const skip = await guard(ctx, args, cmd);
  if (skip) return skip;
  if (ctx.check) {
    const base = { msg: 'Command would have run if not in check mode', cmd, rc: 0, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [], delta: null, start: null, end: null };
    // With creates/removes checked and not met, Ansible reports the command as one that would change things.
    if (args.creates !== undefined || args.removes !== undefined) return { ...base, changed: true };
    return { ...base, changed: false, skipped: true };
  }
  const stdin = args.stdin === undefined ? undefined : args.stdin + (args.stdin_add_newline ? '\n' : '');
  if (ctx.job) {
    const cd = args.chdir ? `cd -- ${shellQuote(args.chdir)} || exit 1\n` : '';
    return launchOnHost(ctx, ctx.job, { command: `${cd}${line}`, stdin, shape: 'command', fixed: { cmd }, strip: args.strip_empty_ends });
  }
  const start = new Date();
  const r = await ctx.apply.exec(checksProgram ? checkingProgram(checksProgram, line) : line, { cwd: args.chdir, stdin });
  const end = new Date();
  const missing = checksProgram ? notRun(r) : undefined;
  if (missing) return failed(missing.msg, { cmd: missing.cmd, rc: missing.errno, stdout: '', stderr: '', stdout_lines: [], stderr_lines: [] });
  const keys = { cmd, start: pyDatetime(start), end: pyDatetime(end), delta: pyDelta(end.getTime() - start.getTime()), ...outputKeys(r, args.strip_empty_ends) };
  if (r.rc !== 0) return failed('non-zero return code', { ...keys, changed: true });
  return changed({ ...keys, msg: '' });
}
