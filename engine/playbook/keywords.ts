import Ajv, { ErrorObject, ValidateFunction } from 'ajv';
import { ExitCode, ExitCodeValue } from '../errors';

/**
 * The keywords Ansible 2.14 accepts on plays, blocks, tasks and handlers, each with the JSON Schema of
 * the values it may hold as written in YAML. A string is always allowed where Ansible templates the
 * keyword later (`become: "{{ use_sudo }}"`).
 */

type Schema = Record<string, unknown>;

// Ansible converts scalars to the keyword's type (`become: 1`, `become_user: true`, `delay: 1.5`).
const str: Schema = { type: ['string', 'number', 'boolean'] };
const templ = (type: string | string[]): Schema => ({ type: ['string', ...[type].flat()] });
const bool = templ(['boolean', 'number']);
const int = templ('number');
const scalar = { type: ['string', 'number', 'boolean'] };
const conditional: Schema = { anyOf: [scalar, { type: 'null' }, { type: 'array', items: scalar }] };
const strList: Schema = { anyOf: [{ type: ['string', 'number'] }, { type: 'array', items: { type: ['string', 'number'] } }] };

const common: Record<string, Schema> = {
  any_errors_fatal: bool,
  become: bool,
  become_exe: str,
  become_flags: str,
  become_method: str,
  become_user: str,
  check_mode: bool,
  collections: strList,
  connection: str,
  debugger: str,
  diff: bool,
  environment: { type: ['object', 'array', 'string'] },
  ignore_errors: bool,
  ignore_unreachable: bool,
  module_defaults: { type: ['object', 'array', 'string'] },
  name: scalar,
  no_log: bool,
  port: int,
  remote_user: str,
  run_once: bool,
  tags: strList,
  throttle: int,
  timeout: int,
  vars: { type: ['object', 'null'] },
};

export const playKeywords: Record<string, Schema> = {
  ...common,
  fact_path: str,
  force_handlers: bool,
  gather_facts: bool,
  gather_subset: strList,
  gather_timeout: int,
  handlers: { type: ['array', 'null'] },
  hosts: { type: ['string', 'array', 'null', 'number'] },
  max_fail_percentage: templ('number'),
  order: str,
  post_tasks: { type: ['array', 'null'] },
  pre_tasks: { type: ['array', 'null'] },
  roles: { type: ['array', 'null'] },
  serial: { anyOf: [scalar, { type: 'array', items: scalar }] },
  strategy: str,
  tasks: { type: ['array', 'null'] },
  vars: { type: ['object', 'array', 'null'] },
  vars_files: { anyOf: [str, { type: 'array' }, { type: 'null' }] },
  vars_prompt: { type: ['array', 'null'] },
};

export const blockKeywords: Record<string, Schema> = {
  ...common,
  always: { type: ['array', 'null'] },
  block: { type: ['array', 'null'] },
  delegate_facts: bool,
  delegate_to: str,
  notify: strList,
  rescue: { type: ['array', 'null'] },
  when: conditional,
};

export const taskKeywords: Record<string, Schema> = {
  ...common,
  action: { type: ['string', 'object'] },
  args: { type: ['object', 'string'] },
  async: int,
  changed_when: conditional,
  delay: int,
  delegate_facts: bool,
  delegate_to: str,
  failed_when: conditional,
  local_action: { type: ['string', 'object'] },
  loop: { type: ['array', 'string'] },
  loop_control: templ('object'),
  notify: strList,
  poll: int,
  // A number is read as its text, which is then refused as a variable name (see task.ts).
  register: { type: ['string', 'number'] },
  retries: int,
  until: conditional,
  when: conditional,
};

export const handlerKeywords: Record<string, Schema> = { ...taskKeywords, listen: strList };

/** Keywords whose bad value Ansible reports with another exit code than a parser error. */
const exitCodes: Record<string, ExitCodeValue> = {
  // Ansible's tags check raises a generic error.
  tags: ExitCode.error,
  // A literal non-list loop is only caught when the task runs, and fails the host.
  loop: ExitCode.hostFailed,
};

export function keywordExitCode(key: string): ExitCodeValue {
  return exitCodes[key] ?? ExitCode.parserError;
}

export function isLoopKeyword(key: string): boolean {
  return key.startsWith('with_');
}

/**
 * Keywords Ansible has whose work tsible cannot do. Given (with a value other than the harmless one), they
 * are load errors that say so, not keywords quietly ignored.
 */
export const UNSUPPORTED_KEYWORDS: Record<string, { harmless?: unknown; why: string }> = {
  become_exe: { why: 'tsible runs sudo and su by those names, found on the PATH' },
  debugger: { harmless: 'never', why: 'tsible has no interactive task debugger (only `debugger: never` is accepted)' },
};

const ajv = new Ajv({ allErrors: true, strict: false });
const validators = new Map<Record<string, Schema>, ValidateFunction>();

export interface KeywordProblem {
  key: string;
  message: string;
}

/** Type problems in the keywords of one play/block/task; unknown keys are the caller's business. */
export function checkKeywordTypes(keywords: Record<string, Schema>, ds: Record<string, unknown>): KeywordProblem[] {
  let validate = validators.get(keywords);
  if (!validate) {
    validate = ajv.compile({ type: 'object', properties: keywords });
    validators.set(keywords, validate);
  }
  // A keyword left empty (`when:`, `name:`) is unset, as in Ansible; except `tags:`, which Ansible refuses.
  const set = Object.fromEntries(Object.entries(ds).filter(([k, v]) => v !== null || k === 'tags'));
  const unsupported = Object.keys(set)
    .filter((key) => key in keywords && key in UNSUPPORTED_KEYWORDS && set[key] !== UNSUPPORTED_KEYWORDS[key].harmless)
    .map((key) => ({ key, message: `'${key}' is not supported by tsible: ${UNSUPPORTED_KEYWORDS[key].why}` }));
  if (validate(set)) return unsupported;
  const byKey = new Map<string, ErrorObject>();
  for (const err of validate.errors ?? []) {
    const key = err.instancePath.split('/')[1];
    if (key && !byKey.has(key)) byKey.set(key, err);
  }
  return [...byKey].map(([key]) => ({ key, message: describe(key, keywords[key], ds[key]) })).concat(unsupported.filter((p) => !byKey.has(p.key)));
}

function describe(key: string, schema: Schema, value: unknown): string {
  const got = Array.isArray(value) ? 'a list' : value === null ? 'null' : typeof value === 'object' ? 'a dictionary' : `a ${typeof value}`;
  return `'${key}' must be ${expected(schema)}, got ${got}`;
}

function expected(schema: Schema): string {
  const types = new Set<string>();
  const visit = (s: Schema): void => {
    const t = s.type;
    if (t) [t].flat().forEach((x) => types.add(String(x)));
    (s.anyOf as Schema[] | undefined)?.forEach(visit);
  };
  visit(schema);
  types.delete('null');
  const names: Record<string, string> = { object: 'a dictionary', array: 'a list', string: 'a string', integer: 'an integer', number: 'a number', boolean: 'a boolean' };
  return [...types].map((t) => names[t] ?? t).join(' or ');
}
