import { ResultDisplay, TaskResult } from './events';
import { pyJson } from './py-json';
import { setOwn } from '../template/own-keys';

const DEBUG_ACTIONS = new Set(['debug', 'ansible.builtin.debug', 'ansible.legacy.debug']);
const DEBUG_KEPT_WITH_MSG = new Set(['msg', 'exception', 'warnings', 'deprecations']);
const DEBUG_HIDDEN_WITH_VAR = ['changed', 'failed', 'skipped', 'invocation', 'skip_reason'];

/**
 * What of a result the default output shows: debug shows only its message (or variable), the module
 * invocation and diff are shown from -vvv on, tracebacks never.
 */
export function visibleResult(action: string, result: TaskResult, verbosity: number): Record<string, unknown> {
  const shown: Record<string, unknown> = { ...result };
  // Failure and skip are said by the line itself ("fatal: … FAILED!", "skipping:"), not repeated in it.
  delete shown.failed;
  delete shown.skipped;
  delete shown.warnings;
  delete shown.deprecations;
  if (DEBUG_ACTIONS.has(action)) {
    if ('msg' in shown) {
      for (const k of Object.keys(shown)) if (!DEBUG_KEPT_WITH_MSG.has(k)) delete shown[k];
    } else {
      for (const k of DEBUG_HIDDEN_WITH_VAR) delete shown[k];
    }
  }
  if (verbosity < 3) {
    delete shown.invocation;
    delete shown.diff;
  }
  delete shown.exception;
  return shown;
}

/** The ` => {...}` part: one line, or indented when the action always shows its result or at -vvv. */
export function dumpResult(action: string, result: TaskResult, display: ResultDisplay, verbosity: number): string {
  const indent = display.verboseAlways || verbosity > 2 ? 4 : undefined;
  return pyJson(visibleResult(action, result, verbosity), indent);
}

export function isVerbose(display: ResultDisplay, verbosity: number, atLeast = 1): boolean {
  return (verbosity >= atLeast || Boolean(display.verboseAlways)) && !display.verboseOverride;
}

/**
 * Chunks as Python's textwrap cuts text: runs of blanks, and words, which may also end after a hyphen
 * between letters (`no-such-file` can break after `no-` and `such-`).
 */
const CHUNK = /\s+|\S+?(?:-(?:(?<=\p{L}{2}-)|(?<=\p{L}-\p{L}-))(?=\p{L}-?\p{L})|(?=\s|$))/gu;

/** Python's textwrap.wrap at the display width, which Ansible applies to warnings. */
export function wrap(text: string, width: number): string[] {
  const chunks = (text.match(CHUNK) ?? []).reverse();
  const lines: string[] = [];
  while (chunks.length) {
    // Blanks at the start of every line but the first are dropped.
    if (lines.length && chunks[chunks.length - 1].trim() === '') chunks.pop();
    const line: string[] = [];
    let length = 0;
    while (chunks.length && length + chunks[chunks.length - 1].length <= width) {
      const chunk = chunks.pop()!;
      line.push(chunk);
      length += chunk.length;
    }
    // A word longer than a whole line is cut to fill this one.
    if (chunks.length && chunks[chunks.length - 1].length > width) {
      const long = chunks.pop()!;
      const room = Math.max(1, width - length);
      line.push(long.slice(0, room));
      chunks.push(long.slice(room));
    }
    if (line.length && line[line.length - 1].trim() === '') line.pop();
    if (line.length) lines.push(line.join(''));
  }
  return lines;
}

/** Custom stats as Ansible dumps any result: no traceback, no diff or invocation below -vvv, no internal keys. */
export function statsView(data: Record<string, unknown>, verbosity: number): Record<string, unknown> {
  const shown: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) {
    if (k.startsWith('_ansible_') || k === 'exception' || (verbosity < 3 && (k === 'diff' || k === 'invocation'))) continue;
    setOwn(shown, k, v);
  }
  return shown;
}
