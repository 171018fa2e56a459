import { ResultDisplay, TaskResult } from './events';
import { pyJson } from './py-json';

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

/** Python's textwrap.wrap at the display width, which Ansible applies to warnings. */
export function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/(\s+)/)) {
    if (current.length + word.length > width && current.trim() !== '') {
      lines.push(current.trimEnd());
      current = word.trimStart();
    } else {
      current += word;
    }
  }
  if (current.trim() !== '') lines.push(current.trimEnd());
  return lines;
}
