import { existsSync, readFileSync } from 'fs';
import { basename, dirname, join } from 'path';
import type { PythonModuleDoc, PythonOption } from './docs';

/** The options a Python module takes, as far as they can be known without running it. */
export interface PythonArgSpec {
  options: Record<string, PythonOption>;
  /**
   * Read from DOCUMENTATION rather than the module's argument_spec: the two agree for ansible-core's and
   * collections' modules (their sanity tests compare them), but where a name is undocumented yet appears
   * in the module's source the module itself decides.
   */
  fromDocs: boolean;
  source: string;
}

/** The spec of a module file from what its docs reader found; undefined when nothing static is known. */
export function argSpecOf(file: string, doc: PythonModuleDoc | undefined): PythonArgSpec | undefined {
  if (!doc || doc.error) return undefined;
  // An action plug-in of the same name (a collection's plugins/action, ansible-core's plugins/action) runs
  // first and may take arguments the module never sees.
  const up = dirname(dirname(file));
  if ([join(up, 'action', basename(file)), join(up, 'plugins', 'action', basename(file))].some(existsSync)) return undefined;
  const documented = doc.doc?.options;
  if (documented && typeof documented === 'object' && Object.keys(documented).length) return { options: documented, fromDocs: true, source: readSource(file) };
  if (doc.argument_spec) return { options: doc.argument_spec, fromDocs: false, source: '' };
  return undefined;
}

function readSource(file: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
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
    else if (!(spec.fromDocs && new RegExp(`\\b${key.replace(/[^A-Za-z0-9_]/g, '\\$&')}\\b`).test(spec.source))) unsupported.push(key);
  }
  const missing = Object.entries(spec.options)
    .filter(([name, opt]) => opt?.required === true && !given.has(name))
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
  const type = opt?.type ?? 'str';
  const shown = choices.join(', ');
  if (type === 'list' && (opt?.elements ?? 'str') === 'str') {
    const items = typeof value === 'string' ? value.split(',') : Array.isArray(value) && value.every((v) => typeof v === 'string') ? (value as string[]) : undefined;
    const off = items?.filter((v) => !choices.includes(v));
    return off?.length ? `value of ${name} must be one or more of: ${shown}. Got no match for: ${off.join(', ')}` : undefined;
  }
  if (type !== 'str' || typeof value !== 'string' || choices.includes(value) || BOOLISH.has(value.toLowerCase())) return undefined;
  return `value of ${name} must be one of: ${shown}, got: ${value}`;
}
