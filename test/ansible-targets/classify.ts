/**
 * Names the cause of a failed run from its output: a broad cause (which issue or area it waits for) and a
 * concrete reason (the first error, with paths, numbers and long quoted values blanked so that the same
 * reason in two targets groups together).
 */
import { execFileSync } from 'child_process';
import { readdirSync } from 'fs';

export interface Cause {
  cause: string;
  reason: string;
}

/** Broad causes, tested against the concrete reason; the first match wins. */
const CAUSES: [string, RegExp][] = [
  ['issue 4 (vault)', /vault/i],
  ['issue 5 (async)', /\basync\b|async_status/i],
  ['Python plug-in on the controller', /unsupported: Python \w+ plugin/],
  ['connection plugin', /Could not resolve hostname testhost|UNREACHABLE/],
  ['action name from a template', /'[^']*\{\{[^']*' is not a known module/],
  ['templated variable name', /The variable name '\{\{/],
  ['issue 3 (python modules)', /was not found in (the )?collections?|the role '\w+\.\w+\.\w+' was not found|not a known module|couldn't resolve module|unknown module|no module named|module .* (is )?not (found|supported)|library\//i],
  ['missing lookup', /lookup.*(not found|unknown|not supported|no lookup)|unknown lookup|no lookup named/i],
  ['missing filter', /no filter named|unknown filter|filter .*(not found|not supported)/i],
  ['missing test', /no test named|unknown test|test .*(not found|not supported)/i],
  ['missing magic variable', /'(ansible_\w+|playbook_dir|inventory_dir|inventory_file|role_\w+|play_hosts|omit)' is undefined/],
  ['unsupported keyword or option', /unsupported|not supported|unknown (option|argument|keyword)|is not a valid attribute|unexpected parameter/i],
  ['CLI option', /error: (unknown|unexpected|too many|missing) (option|argument|command)/i],
  ['undefined variable', /is undefined|has no attribute/],
  ['template error', /undefined|template error|TemplateSyntaxError|expected token|unexpected '/i],
  ['file not found', /could not find or access|no such file|not found/i],
  ['YAML / load error', /yaml|syntax error|parse/i],
  ['expected output differs (diff in runme.sh)', /^runme\.sh: diff\b|diff mismatch/],
  ['expected output not found (check in runme.sh)', /^runme\.sh: /],
  ['assertion differs', /assertion failed|Assertion failed|"assertion"|failed_when|evaluated_to/i],
];

/**
 * Targets whose first failure is, read from the log, a feature another issue owns, though the message does
 * not say so: each with the reason it must show, so that a new failure elsewhere is still counted as ours.
 */
const WAITING: Record<string, [string, RegExp]> = {
  // Roles' meta/argument_specs.yml: Ansible validates them with validate_argument_spec (issue 5's list).
  roles_arg_spec: ['issue 5 (validate_argument_spec)', /'a_str' is undefined/],
};

/** The issue a target's failure waits for, when the log says so only to a reader (see WAITING). */
export function waitingCause(target: string, reason: string): string | undefined {
  const known = Object.hasOwn(WAITING, target) ? WAITING[target] : undefined;
  return known && known[1].test(reason) ? known[0] : undefined;
}

/**
 * `reference` is ansible-playbook's output for the same target, when known: errors it shows too are the
 * test's own expected failures (a runme.sh checking that a playbook fails), so they are passed over.
 */
export function classify(output: string, timedOut: boolean, rc: number | null, reference = '', target = ''): Cause {
  if (timedOut) return { cause: 'timeout', reason: 'timeout' };
  const expected = new Set(errors(reference));
  const first = errors(output).find((e) => !expected.has(e)) ?? null;
  const unknown = /'([\w.]+)' is not a known module|couldn't resolve module\/action '([\w.]+)'/.exec(first ?? '');
  if (first && unknown && !/async|vault/i.test(first) && builtins().has((unknown[1] ?? unknown[2]).replace(/^ansible\.(builtin|legacy)\./, ''))) {
    // Every ansible.builtin module natively is issue 5's scope.
    return { cause: 'issue 5 (builtin module missing)', reason: first };
  }
  const diffMismatch = /diff mismatch/.test(output) ? 'runme.sh: diff of the expected output' : null;
  const reason = first ?? diffMismatch ?? lastScriptCommand(output) ?? (rc === 127 ? 'command not found' : `exit ${rc} without an error line`);
  const waiting = waitingCause(target, reason);
  if (waiting) return { cause: waiting, reason };
  for (const [cause, pattern] of CAUSES) if (pattern.test(reason)) return { cause, reason };
  return { cause: 'other', reason };
}

let builtinNames: Set<string> | undefined;

/** ansible-core's own modules and action plugins, read from the installed ansible-core. */
function builtins(): Set<string> {
  if (!builtinNames) {
    const script = 'import ansible.modules, ansible.plugins.action, os; print(os.path.dirname(ansible.modules.__file__)); print(os.path.dirname(ansible.plugins.action.__file__))';
    const dirs = execFileSync('/usr/bin/python3', ['-c', script], { encoding: 'utf8' }).trim().split('\n');
    builtinNames = new Set(dirs.flatMap((d) => readdirSync(d)).filter((f) => f.endsWith('.py') && f !== '__init__.py').map((f) => f.slice(0, -3)));
  }
  return builtinNames;
}

/** The unignored failures, in order: ERROR! lines, failed results' messages, runner messages. */
function errors(output: string): string[] {
  const found: string[] = [];
  const lines = output.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('ERROR!')) found.push(normalise(line.slice('ERROR!'.length)));
    if (line.startsWith('[runner]')) found.push(normalise(line));
    const fatal = /^(fatal|failed): \[[^\]]*\](?: \(item=.*?\))?(?:: (?:FAILED|UNREACHABLE)!)? => (.*)$/.exec(line);
    if (fatal && !ignoredLater(lines, i)) found.push(normalise(resultMessage(resultText(lines, i, fatal[2]))));
  }
  return found;
}

/** A result printed over several lines: from `{` to the next `}` at the start of a line. */
function resultText(lines: string[], at: number, first: string): string {
  if (first !== '{') return first;
  const end = lines.findIndex((l, i) => i > at && l === '}');
  return end < 0 ? first : lines.slice(at + 1, end).join('\n').replace(/^/, '{') + '}';
}

/**
 * A runme.sh that stopped without a failed task: the last command its `set -x` trace shows, which is
 * usually a check of the output (grep, diff, test) or a playbook that exited non-zero.
 */
function lastScriptCommand(output: string): string | null {
  const traced = output.split('\n').filter((l) => /^\++ /.test(l)).map((l) => l.replace(/^\++ /, ''));
  const exit = traced.findLastIndex((c) => /^exit [1-9]/.test(c));
  if (exit > 0 && traced[exit - 1].startsWith('echo ')) return normalise(`runme.sh: ${traced[exit - 1]}`);
  const commands = (exit > 0 ? traced.slice(0, exit) : traced).filter((c) => !/^(cleanup|rm |echo |set |exit|\[\[ )/.test(c));
  const command = commands.at(-1);
  if (!command) return null;
  if (/^(ansible|ansible-playbook|ansible-inventory)\b/.test(command)) return `${command.split(' ')[0]} exited non-zero`;
  return normalise(`runme.sh: ${command.split(' ').slice(0, 3).join(' ')}`);
}

/** A failure inside a loop prints `...ignoring` after the last item; look ahead until the next task. */
function ignoredLater(lines: string[], from: number): boolean {
  for (let i = from + 1; i < lines.length && i < from + 200; i++) {
    if (/^(TASK|RUNNING HANDLER|PLAY) /.test(lines[i])) return false;
    if (lines[i].trim() === '...ignoring') return true;
  }
  return false;
}

function resultMessage(json: string): string {
  try {
    const result = JSON.parse(json) as { msg?: unknown; assertion?: unknown; stderr?: unknown };
    if (typeof result.assertion === 'string') return `assertion failed: ${result.assertion}`;
    if (typeof result.msg === 'string' && result.msg !== '') return result.msg;
    if (typeof result.stderr === 'string') return result.stderr;
  } catch {
    // a result printed over several lines (loops, -v): keep the text
  }
  return json;
}

/** A failed conditional or template names the expression, then the error: the error is the reason. */
function normalise(text: string): string {
  const error = text.split('The error was: ').at(-1) as string;
  const innermost = error.includes('): ') && /^error while/.test(error) ? error.slice(error.lastIndexOf('): ') + 3) : error;
  return innermost
    .replace(/\/[^\s'"]*\//g, '…/')
    .replace(/\b\d+\b/g, 'N')
    .replace(/'[^']{40,}'|"[^"]{40,}"/g, '"…"')
    .trim()
    .slice(0, 160);
}
