import { stripUnsafe } from '../../template';
import { shellQuote } from '../shell-quote';
import type { ModuleContext } from '../types';

/** Where a host's Python is, and what to tell the user about how it was chosen. */
export interface Interpreter {
  path: string;
  /** Set when found by discovery in this task: returned as ansible_facts.discovered_interpreter_python. */
  discovered?: boolean;
  /** Found on the host (discovery's output or a fact): host data, so only ever quoted into a command. */
  fromHost?: boolean;
  warnings: string[];
}

/**
 * The interpreter as a command line: a path the host gave is one quoted word; ansible_python_interpreter
 * as the user wrote it, since Ansible allows arguments there (`/usr/bin/env python3`).
 */
export function interpreterCommand(python: Interpreter): string {
  return python.fromHost ? shellQuote(python.path) : python.path;
}

/** The names Ansible 2.14 tries, in its order, when the platform does not say which Python to use. */
export const PYTHON_CANDIDATES = [
  'python3.11', 'python3.10', 'python3.9', 'python3.8', 'python3.7', 'python3.6', 'python3.5',
  '/usr/bin/python3', '/usr/libexec/platform-python', 'python2.7', '/usr/bin/python', 'python',
];

/** Debian, Ubuntu and the other platforms Ansible maps use the system Python at this path. */
const PLATFORM_PYTHON = '/usr/bin/python3';

/** What auto_legacy keeps using where present, as Ansible did before discovery. */
const LEGACY_PYTHON = '/usr/bin/python';

const DISCOVERY_MODES = new Set(['auto', 'auto_silent', 'auto_legacy', 'auto_legacy_silent']);

/** A host's Python could not be found: the message names the module and what to install. */
export class NoPythonError extends Error {}

/** What discovery found on a host (the candidates present, in Ansible's order), by host and user. */
const discovered = new Map<string, Promise<string[]>>();

/**
 * Forgets what discovery found: on one host when its facts are cleared (Ansible discovers again once the
 * discovered_interpreter_python fact is gone), on every host at the end of a run.
 */
export function forgetInterpreters(host?: string): void {
  if (host === undefined) discovered.clear();
  else for (const key of [...discovered.keys()]) if (key.startsWith(`${host}\u0000`)) discovered.delete(key);
}

/** A Python found, or none on the host. */
type Found = Interpreter | { missing: true };

/**
 * The Python a module runs with on this host: `ansible_python_interpreter` as given, a fact discovered
 * earlier, else discovery (`auto`, the default): the platform's /usr/bin/python3 where present, otherwise
 * the first of Ansible's candidates, with Ansible's warning unless the mode is a silent one.
 */
export async function hostPython(ctx: ModuleContext, module: string): Promise<Interpreter> {
  const found = await findPython(ctx);
  if ('missing' in found) {
    throw new NoPythonError(
      `module '${module}' needs Python on host ${ctx.host}, and none was found (tried ${PYTHON_CANDIDATES.join(', ')}): ` +
        'install python3 there (e.g. with the raw module: apt-get install -y python3), or set ansible_python_interpreter',
    );
  }
  return found;
}

/**
 * For a native module where Ansible would run a Python one: the interpreter Ansible's first Python module
 * would have discovered on this host, to report as the discovered_interpreter_python fact. Undefined when
 * nothing is to be reported: ansible_python_interpreter names one, the fact is known, or the host has no
 * Python (which a native module does not need).
 */
export async function pythonToReport(ctx: ModuleContext): Promise<Interpreter | undefined> {
  const found = await findPython(ctx);
  return 'missing' in found || !found.discovered ? undefined : found;
}

/** A result carrying what discovery found in this task: the discovered_interpreter_python fact and its warnings. */
export function withDiscovered<R extends Record<string, unknown>>(result: R, python: Interpreter | undefined): R {
  if (!python) return result;
  const out: Record<string, unknown> = { ...result };
  if (python.discovered) {
    const facts = (result.ansible_facts && typeof result.ansible_facts === 'object' ? result.ansible_facts : {}) as Record<string, unknown>;
    out.ansible_facts = { ...facts, discovered_interpreter_python: python.path };
  }
  if (python.warnings.length) out.warnings = [...(Array.isArray(result.warnings) ? result.warnings : []), ...python.warnings];
  return out as R;
}

/** ansible_python_interpreter, else ansible.cfg's interpreter_python (ANSIBLE_PYTHON_INTERPRETER), else auto. */
export function interpreterSetting(ctx: Pick<ModuleContext, 'vars' | 'remoteFiles'>): string {
  const given = stripUnsafe(ctx.vars.ansible_python_interpreter);
  if (typeof given === 'string' && given.trim()) return given.trim();
  return ctx.remoteFiles?.interpreter?.trim() || 'auto';
}

async function findPython(ctx: ModuleContext): Promise<Found> {
  const mode = interpreterSetting(ctx);
  if (!DISCOVERY_MODES.has(mode)) return { path: mode, warnings: [] };
  const facts = ctx.vars.ansible_facts as Record<string, unknown> | undefined;
  // Facts are host data, held as unsafe text.
  const known = stripUnsafe(facts?.discovered_interpreter_python ?? ctx.vars.discovered_interpreter_python);
  if (typeof known === 'string' && known) return { path: known, fromHost: true, warnings: [] };
  const key = `${ctx.host}\u0000${ctx.become?.user ?? ''}`;
  let candidates = discovered.get(key);
  // Only the task that ran discovery reports it (a loop's later items, a parallel task, see the fact's value).
  const fresh = !candidates;
  if (!candidates) {
    candidates = discover(ctx);
    candidates.catch(() => discovered.delete(key));
    discovered.set(key, candidates);
  }
  const present = await candidates;
  if (!present.length) return { missing: true };
  const silent = mode.endsWith('_silent');
  const warn = (message: string): string[] => (fresh && !silent ? [message] : []);
  const doc = 'See https://docs.ansible.com/ansible-core/2.14/reference_appendices/interpreter_discovery.html for more information';
  if (mode.startsWith('auto_legacy') && present.includes(LEGACY_PYTHON)) {
    // Ansible's transition period: hosts that had /usr/bin/python keep it under auto_legacy, with a warning.
    const warnings = warn(`Distribution on host ${ctx.host} should use ${PLATFORM_PYTHON}, but is using ${LEGACY_PYTHON} for backward compatibility with prior Ansible releases. ${doc}`);
    return { path: LEGACY_PYTHON, discovered: fresh, fromHost: true, warnings };
  }
  const path = present.includes(PLATFORM_PYTHON) ? PLATFORM_PYTHON : present[0];
  const warnings =
    path === PLATFORM_PYTHON
      ? []
      : warn(`Platform linux on host ${ctx.host} is using the discovered Python interpreter at ${path}, but future installation of another Python interpreter could change the meaning of that path. ${doc}.`);
  return { path, discovered: fresh, fromHost: true, warnings };
}

async function discover(ctx: ModuleContext): Promise<string[]> {
  const probe = PYTHON_CANDIDATES.map((c) => `command -v '${c}'`).join('; ');
  const res = await ctx.probe.exec(`${probe}; true`);
  return res.stdout.split('\n').map((l) => l.trim()).filter((l) => l.startsWith('/'));
}
