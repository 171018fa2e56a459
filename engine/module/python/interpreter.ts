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

const DISCOVERY_MODES = new Set(['auto', 'auto_silent', 'auto_legacy', 'auto_legacy_silent']);

/** A host's Python could not be found: the message names the module and what to install. */
export class NoPythonError extends Error {}

/** Discovered interpreters by host and user, so discovery runs once per host per run. */
const discovered = new Map<string, Promise<string | undefined>>();

/** Forgets what discovery found (the end of a run). */
export function forgetInterpreters(): void {
  discovered.clear();
}

/**
 * The Python a module runs with on this host: `ansible_python_interpreter` as given, a fact discovered
 * earlier, else discovery (`auto`, the default): the platform's /usr/bin/python3 where present, otherwise
 * the first of Ansible's candidates, with Ansible's warning unless the mode is a silent one.
 */
export async function hostPython(ctx: ModuleContext, module: string): Promise<Interpreter> {
  const given = stripUnsafe(ctx.vars.ansible_python_interpreter);
  const mode = typeof given === 'string' && given.trim() ? given.trim() : 'auto';
  if (!DISCOVERY_MODES.has(mode)) return { path: mode, warnings: [] };
  const facts = ctx.vars.ansible_facts as Record<string, unknown> | undefined;
  // Facts are host data, held as unsafe text.
  const known = stripUnsafe(facts?.discovered_interpreter_python ?? ctx.vars.discovered_interpreter_python);
  if (typeof known === 'string' && known) return { path: known, fromHost: true, warnings: [] };
  const key = `${ctx.host}\u0000${ctx.become?.user ?? ''}`;
  let found = discovered.get(key);
  const fresh = !found;
  if (!found) {
    found = discover(ctx);
    found.catch(() => discovered.delete(key));
    discovered.set(key, found);
  }
  const path = await found;
  if (!path) {
    throw new NoPythonError(
      `module '${module}' needs Python on host ${ctx.host}, and none was found (tried ${PYTHON_CANDIDATES.join(', ')}): ` +
        'install python3 there (e.g. with the raw module: apt-get install -y python3), or set ansible_python_interpreter',
    );
  }
  const warnings =
    fresh && path !== PLATFORM_PYTHON && !mode.endsWith('_silent')
      ? [
          `Platform linux on host ${ctx.host} is using the discovered Python interpreter at ${path}, but future installation of another ` +
            'Python interpreter could change the meaning of that path. See https://docs.ansible.com/ansible-core/2.14/reference_appendices/interpreter_discovery.html for more information.',
        ]
      : [];
  return { path, discovered: fresh, fromHost: true, warnings };
}

async function discover(ctx: ModuleContext): Promise<string | undefined> {
  const probe = PYTHON_CANDIDATES.map((c) => `command -v '${c}'`).join('; ');
  const res = await ctx.probe.exec(`${probe}; true`);
  const found = res.stdout.split('\n').map((l) => l.trim()).filter(Boolean);
  if (found.includes(PLATFORM_PYTHON)) return PLATFORM_PYTHON;
  return found[0];
}
