import { existsSync } from 'fs';
import { join } from 'path';
import { controllerPython } from '../config/controller-python';
import { describePlugin, PluginDescription } from '../connection/python-process';
import { TsibleError } from '../errors';

/** The connection types tsible has natively, under every name Ansible gives them. */
const BUILTIN: Record<string, 'local' | 'ssh'> = {
  local: 'local',
  ssh: 'ssh',
  // Ansible's smart picks ssh on any system that has it; paramiko is another client for the same ssh.
  smart: 'ssh',
  paramiko: 'ssh',
  paramiko_ssh: 'ssh',
};

/** A connection plug-in run by ansible-core in the controller's Python, and what configures it. */
export interface PythonPlugin extends PluginDescription {
  kind: 'python';
  name: string;
  dirs: string[];
}

export type ConnectionType = 'local' | 'ssh' | PythonPlugin;

/** Plug-ins described once per run and lookup place: asking ansible-core costs a Python start-up. */
const described = new Map<string, PluginDescription | undefined>();

/**
 * The connection type a `connection:` keyword or ansible_connection names. Any other name is looked up
 * by ansible-core where Ansible looks (connection_plugins/ beside the playbook and in the role, the
 * connection_plugins setting, collections with their redirects) and run in Python; a name nobody
 * provides fails the task with Ansible's message, never by quietly connecting over ssh instead.
 */
export function connectionTypeNamed(name: string, pluginDirs: string[]): ConnectionType {
  const short = name.startsWith('ansible.builtin.') ? name.slice('ansible.builtin.'.length) : name;
  const builtin = Object.hasOwn(BUILTIN, short) ? BUILTIN[short] : undefined;
  if (builtin) return builtin;
  const dirs = pluginDirs.filter(bringsPlugins);
  const key = JSON.stringify([name, dirs]);
  if (!described.has(key)) described.set(key, lookUp(name, dirs));
  const found = described.get(key);
  if (!found) throw new TsibleError(`the connection plugin '${name}' was not found`);
  return { kind: 'python', name, dirs, ...found };
}

/**
 * Only a directory with plug-ins a connection uses can change what is found: the others are left out,
 * so every role without them shares one description (and one open connection) instead of costing another.
 */
function bringsPlugins(dir: string): boolean {
  return ['connection_plugins', 'become_plugins', 'shell_plugins', 'collections'].some((sub) => existsSync(join(dir, sub)));
}

function lookUp(name: string, dirs: string[]): PluginDescription | undefined {
  // A name that cannot be a plug-in's is not worth a Python start-up.
  if (!/^[A-Za-z_][\w.]*$/.test(name)) return undefined;
  const python = controllerPython();
  if (!python) throw new TsibleError(`the connection plugin '${name}' is not one of tsible's (local, ssh) and there is no python3 with ansible-core to run it`);
  return describePlugin(name, dirs, python);
}
