import { BecomeSpec } from '../connection/connection';
import { TsibleError } from '../errors';
import { OMIT, stripUnsafe } from '../template';
import { pyRepr, pyStr } from '../template/python';
import { UndefinedError } from '../template/values';
import { ExecutorEnv } from './env';
import { environmentLayers, TaskFrame } from './task-frame';

const TRUE = /^(1|true|yes|on|y|t)$/i;

export function asBool(v: unknown, dflt = false): boolean {
  if (v === undefined || v === null || v === '') return dflt;
  if (typeof v === 'boolean') return v;
  if (typeof v === 'number') return v !== 0;
  return TRUE.test(String(v).trim());
}

/**
 * A keyword's value for this host: inherited, then templated with the task's variables. One that
 * templates to `omit` is as if not set there: the value it would inherit applies (Ansible's set_to_context).
 */
export function templatedKeyword(frame: TaskFrame, name: string, vars: Record<string, unknown>, env: ExecutorEnv): unknown {
  for (const source of [frame.task.keywords, ...frame.parents]) {
    const raw = source[name];
    if (raw === undefined) continue;
    // Keywords are settings, never stored as variables: unsafe text is plain text here.
    const value = stripUnsafe(env.templar.template(raw, vars, { origin: frame.task.origin, preserveTypes: true }));
    if (value !== OMIT) return value;
  }
  return undefined;
}

/** A task's keywords for one host, each templated the first time it is read and only then. */
export type KeywordReader = (name: string) => unknown;

export function keywordReader(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): KeywordReader {
  const seen = new Map<string, unknown>();
  return (name) => {
    if (!seen.has(name)) seen.set(name, templatedKeyword(frame, name, vars, env));
    return seen.get(name);
  };
}

/** The host whose facts a task sets: the delegate under `delegate_facts`, else the task's own host. */
export function factsHost(frame: TaskFrame, host: string, vars: Record<string, unknown>, env: ExecutorEnv): string {
  if (!asBool(templatedKeyword(frame, 'delegate_facts', vars, env))) return host;
  const delegate = templatedKeyword(frame, 'delegate_to', vars, env);
  return delegate === undefined || delegate === null ? host : String(delegate);
}

/**
 * Privilege escalation for a task on a host. Connection variables (ansible_become_*) beat keywords,
 * which beat the command line and ansible.cfg — Ansible's order for connection settings.
 */
export function becomeFor(kw: KeywordReader, vars: Record<string, unknown>, env: ExecutorEnv): BecomeSpec | undefined {
  const pick = (varNames: string[], kwName: string) => {
    for (const n of varNames) if (vars[n] !== undefined && vars[n] !== null) return vars[n];
    return kw(kwName);
  };
  const d = env.options.become;
  const enabled = asBool(pick(['ansible_become'], 'become'), d.enabled);
  if (!enabled) return undefined;
  const method = String(pick(['ansible_become_method'], 'become_method') ?? d.method);
  const password = ['ansible_become_password', 'ansible_become_pass', `ansible_${method}_pass`].map((n) => vars[n]).find((v) => v !== undefined && v !== null) ?? d.password;
  const flags = pick(['ansible_become_flags'], 'become_flags');
  return {
    method: method === 'su' ? 'su' : 'sudo',
    user: String(pick(['ansible_become_user'], 'become_user') ?? d.user),
    password: password === undefined ? undefined : String(password),
    flags: flags === undefined ? undefined : String(flags),
  };
}

/**
 * `environment:` merged from the play down to the task, every value as Python's str() of it. As in
 * Ansible, each variable of a mapping is templated on its own and one that needs the facts' ansible_env
 * before they are gathered is left out; a layer that is not a mapping once templated is skipped with a warning.
 */
export function environmentFor(frame: TaskFrame, vars: Record<string, unknown>, env: ExecutorEnv): Record<string, string> | undefined {
  const layers = environmentLayers(frame);
  if (layers.length === 0) return undefined;
  const merged: Record<string, string> = {};
  const gathersFacts = frame.task.action === 'setup' || frame.task.action === 'gather_facts';
  const templated = (value: unknown) => env.templar.template(value, vars, { origin: frame.task.origin, preserveTypes: true });
  try {
    for (const layer of layers) {
      if (isMapping(layer)) {
        for (const [k, v] of Object.entries(layer)) {
          try {
            merged[k] = pyStr(templated(v));
          } catch (err) {
            const needsFacts = isUndefinedError(err) && (err.message.includes('ansible_env') || (gathersFacts && err.message.includes('ansible_facts.env')));
            if (!needsFacts) throw err;
          }
        }
        continue;
      }
      const value = templated(layer);
      if (isMapping(value)) for (const [k, v] of Object.entries(value)) merged[k] = pyStr(v);
      else env.emit({ kind: 'warning', message: `could not parse environment value, skipping: ${pyRepr(layers)}` });
    }
  } catch (err) {
    if (!isUndefinedError(err)) throw err;
    throw new TsibleError(`The field 'environment' has an invalid value, which includes an undefined variable. The error was: ${err.message}`, { origin: err.origin, cause: err });
  }
  return merged;
}

function isUndefinedError(err: unknown): err is TsibleError {
  return err instanceof TsibleError && err.cause instanceof UndefinedError;
}

function isMapping(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}

/** check_mode / diff keywords override --check / --diff per task, in both directions. */
export function modeFor(frame: TaskFrame, name: 'check_mode' | 'diff', vars: Record<string, unknown>, env: ExecutorEnv, global: boolean): boolean {
  return modeOf(name, templatedKeyword(frame, name, vars, env), global);
}

export function modeOf(name: 'check_mode' | 'diff', value: unknown, global: boolean): boolean {
  return value === undefined ? global : strictBool(name, value);
}

const TRUE_VALUES = ['y', 'yes', 'on', '1', 'true', 't'];
const FALSE_VALUES = ['n', 'no', 'off', '0', 'false', 'f'];

/**
 * A boolean keyword as Ansible's strict conversion reads it: a bool, 0 or 1, or one of the spellings
 * above in any case; anything else fails the task with Ansible's message.
 */
export function strictBool(name: string, value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  const normalized = typeof value === 'string' ? value.trim().toLowerCase() : typeof value === 'number' ? String(value) : undefined;
  if (normalized !== undefined && TRUE_VALUES.includes(normalized)) return true;
  if (normalized !== undefined && FALSE_VALUES.includes(normalized)) return false;
  const valid = [0, 1, ...[...TRUE_VALUES, ...FALSE_VALUES].map((v) => `'${v}'`)].join(', ');
  const why = `The value '${pyStr(value)}' is not a valid boolean.  Valid booleans include: ${valid}`;
  throw new TsibleError(`the field '${name}' has an invalid value (${pyStr(value)}), and could not be converted to an bool.The error was: ${why}`);
}
