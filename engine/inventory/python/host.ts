import { controllerPython } from '../../config/controller-python';
import { ExitCode, TsibleError } from '../../errors';
import { UnsafeText } from '../../playbook/yaml';
import { PythonBridge, PythonReply } from '../../template/python-bridge';
import { setOwn } from '../../template/own-keys';
import { INVENTORY_PLUGIN_HOST } from './host-script';

/**
 * Requests to the controller's Python process that runs Ansible's inventory and vars plug-ins. One
 * process serves the whole run and is only started when a source or a vars plug-in needs it.
 */

/** Where a run's Python plug-ins are found and what they print goes. */
export interface PythonPluginSetup {
  /** The directory standing for the playbook's (the playbook's own, --playbook-dir, playbook_dir): its inventory_plugins/ and vars_plugins/ are searched first. */
  basedir?: string;
  /** Whether any vars plug-in besides host_group_vars can run (see varsPluginsWanted), so that no run without one starts Python. */
  varsPlugins?: boolean;
  /** --flush-cache: Cacheable inventory plug-ins refresh their cache instead of reading it. */
  flushCache?: boolean;
  /** Ansible's deprecation warnings, already formatted and wrapped as Ansible prints them. */
  onDeprecation?: (text: string) => void;
}

export interface NoteSinks {
  warn: (message: string) => void;
  onDeprecation?: (text: string) => void;
}

/** The plug-in raised: Ansible reports such a source as unparsed and goes on. */
export class PluginFailure extends Error {}

interface Note {
  kind: 'warning' | 'deprecation';
  text: string;
}

let bridge: PythonBridge | undefined;

export function callPython(request: Record<string, unknown>, sinks: NoteSinks): unknown {
  bridge ??= new PythonBridge(controllerPython() ?? 'python3', INVENTORY_PLUGIN_HOST);
  const reply = bridge.call(JSON.stringify(request)) as PythonReply & { notes?: Note[] };
  for (const note of reply.notes ?? []) {
    if (note.kind === 'warning') sinks.warn(note.text);
    else if (sinks.onDeprecation) sinks.onDeprecation(note.text);
    else sinks.warn(note.text);
  }
  if (!reply.error) return fromWire(reply.value);
  const { type, message } = reply.error;
  if (type === 'PythonHostError' || type === 'ModuleNotFoundError' || type === 'ImportError') {
    throw new TsibleError(`unsupported: Python inventory and vars plug-ins need ansible-core on the controller's Python: ${message}`, {
      exitCode: ExitCode.parserError,
    });
  }
  throw new PluginFailure(message);
}

/** Unsafe text from a plug-in stays unsafe: tsible never templates it. */
function fromWire(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(fromWire);
  if (value === null || typeof value !== 'object') return value;
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length === 1 && entries[0][0] === '__ansible_unsafe' && typeof entries[0][1] === 'string') return new UnsafeText(entries[0][1]);
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) setOwn(out, k, fromWire(v));
  return out;
}
