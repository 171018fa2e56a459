import { existsSync } from 'fs';
import { basename, dirname, join } from 'path';
import type { PythonModuleDoc, PythonOption } from './docs';

/** The options a Python module takes, as far as they can be known without running it. */
export interface PythonArgSpec {
  options: Record<string, PythonOption>;
  /**
   * Set when the options come from DOCUMENTATION rather than the module's own argument_spec. The two agree
   * for most of ansible-core's and collections' modules (their sanity tests compare them) but not all: an
   * option may be undocumented (yum's allowerasing comes from module_utils), or documented as required
   * where only another check needs it (git's dest). So a name counts as unsupported only when neither the
   * module nor the module_utils it imports spell it, and as required only when they mark it required=True.
   */
  confirm?: { words: ReadonlySet<string>; required: ReadonlySet<string> };
}

/** The spec of a module file from what its docs reader found; undefined when nothing static is known. */
export function argSpecOf(file: string, doc: PythonModuleDoc | undefined): PythonArgSpec | undefined {
  if (!doc || doc.error) return undefined;
  // An action plug-in of the same name (a collection's plugins/action, ansible-core's plugins/action) runs
  // first and may take arguments the module never sees.
  const up = dirname(dirname(file));
  if ([join(up, 'action', basename(file)), join(up, 'plugins', 'action', basename(file))].some(existsSync)) return undefined;
  const documented = doc.doc?.options;
  if (documented && typeof documented === 'object' && Object.keys(documented).length) {
    // Docs that the source cannot confirm (it did not parse) are left to the module.
    const evidence = doc.evidence;
    return evidence ? { options: documented, confirm: { words: new Set(evidence.words), required: new Set(evidence.required) } } : undefined;
  }
  if (doc.argument_spec) return { options: doc.argument_spec };
  return undefined;
}

/** True for a value only known once templated (any Jinja2 inside, at any depth). */
function templated(value: unknown): boolean {
  if (typeof value === 'string') return value.includes('{{') || value.includes('{%');
  if (Array.isArray(value)) return value.some(templated);
  if (value && typeof value === 'object') return Object.values(value).some(templated);
  return false;
}

/** Strings YAML or Jinja2 may have turned a boolean into; a choice check would then depend on Ansible's conversions. */
const BOOLISH = new Set(['y', 'yes', 'on', '1', 'true', 't', 'n', 'no', 'off', '0', 'false', 'f']);

/**
 * Ansible's own first complaint about these arguments (in its words: missing required arguments, a value
 * outside the choices, unsupported parameters, in the order AnsibleModule reports them), or undefined when
 * nothing is certainly wrong. Anything only known after templating, or where Ansible's type conversions
 * would decide, is left to the module when it runs.
 */
export function checkPythonArgs(moduleName: string, spec: PythonArgSpec, args: Record<string, unknown>): string | undefined {
  if ('_raw_params' in args || '_variable_params' in args) return undefined;
  const canonical = new Map<string, string>();
  for (const [name, opt] of Object.entries(spec.options)) {
    canonical.set(name, name);
    for (const alias of Array.isArray(opt?.aliases) ? opt.aliases : []) canonical.set(String(alias), name);
  }
  const given = new Map<string, unknown>();
  const unsupported: string[] = [];
  for (const [key, value] of Object.entries(args)) {
    if (key.startsWith('_ansible_')) continue;
    const name = canonical.get(key);
    if (name !== undefined) given.set(name, value);
    else if (!spec.confirm?.words.has(key)) unsupported.push(key);
  }
  const missing = Object.entries(spec.options)
    .filter(([name, opt]) => opt?.required === true && !given.has(name) && (spec.confirm?.required.has(name) ?? true))
    .map(([name]) => name)
    .sort();
  if (missing.length) return `missing required arguments: ${missing.join(', ')}`;
  for (const [name, value] of given) {
    const problem = choiceProblem(name, spec.options[name], value);
    if (problem) return problem;
  }
  if (unsupported.length) {
    const names = Object.keys(spec.options).sort();
    const aliases = Object.values(spec.options).flatMap((o) => (Array.isArray(o?.aliases) ? o.aliases.map(String) : [])).sort();
    return `Unsupported parameters for (${moduleName}) module: ${unsupported.sort().join(', ')}. Supported parameters include: ${names.join(', ')}${aliases.length ? ` (${aliases.join(', ')})` : ''}.`;
  }
  return undefined;
}

function choiceProblem(name: string, opt: PythonOption | undefined, value: unknown): string | undefined {
  const choices = opt?.choices;
  if (!Array.isArray(choices) || !choices.every((c) => typeof c === 'string') || templated(value)) return undefined;
  const type = opt?.type === undefined ? 'str' : opt.type;
  if (type === null) return undefined;
  const shown = choices.join(', ');
  if (type === 'list' && (opt?.elements ?? 'str') === 'str') {
    const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
    const off = items?.filter((v) => !choices.includes(v));
    return off?.length ? `value of ${name} must be one or more of: ${shown}. Got no match for: ${off.join(', ')}` : undefined;
  }
  if (type !== 'str' || typeof value !== 'string' || choices.includes(value) || BOOLISH.has(value.toLowerCase())) return undefined;
  return `value of ${name} must be one of: ${shown}, got: ${value}`;
}
