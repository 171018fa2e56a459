import type { ExecResult } from '../../connection/connection';

/** What a module run gave, read as Ansible reads it, and the warnings reading it raised. */
export interface ParsedOutput {
  result: Record<string, unknown>;
  /** Shown as warnings of the run, not kept in the result (junk after the JSON). */
  warnings: string[];
}

/**
 * The module's JSON object inside its stdout: lines before the first line starting with `{` are
 * dropped (a MOTD, a shell's noise), and lines after the last one ending with `}` are dropped with a warning.
 */
export function jsonInOutput(stdout: string): { text: string; warnings: string[] } | undefined {
  const lines = stdout.split(/\r?\n/);
  const start = lines.findIndex((l) => l.trim().startsWith('{'));
  if (start < 0) return undefined;
  let end = lines.length - 1;
  while (end >= start && !lines[end].trim().endsWith('}')) end--;
  if (end < start) return undefined;
  const trailing = lines.slice(end + 1);
  const warnings = trailing.some((l) => l.trim()) ? [`Module invocation had junk after the JSON data: ${trailing.join('\n')}`] : [];
  return { text: lines.slice(start, end + 1).join('\n'), warnings };
}

const INTERNAL_KEPT = new Set(['_ansible_parsed']);

/**
 * A module's output as a task result: its JSON object, else Ansible's MODULE FAILURE with the raw output.
 * `interpreter` is the Python that ran it, to recognise "not found" and say to set the interpreter.
 */
export function parseModuleOutput(res: ExecResult, interpreter: string): ParsedOutput {
  const found = jsonInOutput(res.stdout);
  let data: unknown;
  try {
    data = found ? JSON.parse(found.text) : undefined;
  } catch {
    data = undefined;
  }
  if (!found || data === null || typeof data !== 'object' || Array.isArray(data)) return { result: moduleFailure(res, interpreter), warnings: [] };
  const result = data as Record<string, unknown>;
  const warnings = [...found.warnings];
  for (const key of Object.keys(result)) {
    if (key.startsWith('_ansible_') && !INTERNAL_KEPT.has(key)) {
      warnings.push(`Removed unexpected internal key in module return: ${key} = ${JSON.stringify(result[key])}`);
      delete result[key];
    }
  }
  for (const key of ['warnings', 'deprecations']) if (key in result && !truthy(result[key])) delete result[key];
  // A mapping under `results` would be taken for loop results.
  if ('results' in result && !Array.isArray(result.results)) {
    result.ansible_module_results = result.results;
    delete result.results;
    warnings.push("Found internal 'results' key in module return, renamed to 'ansible_module_results'.");
  }
  // Only the engine says which interpreter it discovered; a module cannot set that fact.
  const facts = result.ansible_facts;
  if (facts && typeof facts === 'object') {
    for (const k of Object.keys(facts)) if (/^(ansible_)?discovered_interpreter_/.test(k)) delete (facts as Record<string, unknown>)[k];
  }
  for (const key of ['stdout', 'stderr'] as const) {
    if (key in result && !(`${key}_lines` in result)) result[`${key}_lines`] = typeof result[key] === 'string' && result[key] ? (result[key] as string).split(/\r\n|\r|\n/).filter((l, i, a) => i < a.length - 1 || l !== '') : [];
  }
  if (!('changed' in result)) result.changed = false;
  return { result, warnings };
}

function truthy(v: unknown): boolean {
  return Array.isArray(v) ? v.length > 0 : v !== null && typeof v === 'object' ? Object.keys(v).length > 0 : Boolean(v);
}

function moduleFailure(res: ExecResult, interpreter: string): Record<string, unknown> {
  const out: Record<string, unknown> = { failed: true, changed: false, module_stdout: res.stdout, module_stderr: res.stderr };
  if (res.stderr.startsWith('Traceback')) out.exception = res.stderr;
  else if (res.stdout.startsWith('Traceback')) out.exception = res.stdout;
  const missing = new RegExp(`${escapeRegExp(interpreter)}: (?:No such file or directory|not found)`);
  const msg = missing.test(res.stderr) || missing.test(res.stdout) ? 'The module failed to execute correctly, you probably need to set the interpreter.' : 'MODULE FAILURE';
  out.msg = `${msg}\nSee stdout/stderr for the exact error`;
  out.rc = res.rc;
  return out;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
