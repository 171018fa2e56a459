import { existsSync } from 'fs';
import { delimiter, join } from 'path';
import { TsibleError } from '../errors';

/** The connection types tsible has, under every name Ansible gives them. */
const BUILTIN: Record<string, 'local' | 'ssh'> = {
  local: 'local',
  ssh: 'ssh',
  // Ansible's smart picks ssh on any system that has it; paramiko is another client for the same ssh.
  smart: 'ssh',
  paramiko: 'ssh',
  paramiko_ssh: 'ssh',
};

/**
 * The connection type a `connection:` keyword or ansible_connection names. A name tsible has no plugin for
 * fails the task: with Ansible's message when Ansible would not find it either, and as unsupported when it
 * is a Python plugin beside the playbook, in a role or a collection (tsible runs no Python), never by
 * quietly connecting over ssh instead.
 */
export function connectionTypeNamed(name: string, pluginDirs: string[]): 'local' | 'ssh' {
  const short = name.startsWith('ansible.builtin.') ? name.slice('ansible.builtin.'.length) : name;
  const builtin = Object.hasOwn(BUILTIN, short) ? BUILTIN[short] : undefined;
  if (builtin) return builtin;
  const file = pythonPluginFile(name, pluginDirs);
  if (file) throw new TsibleError(`unsupported: Python connection plugin '${name}' (${file}): tsible connects only with local and ssh`);
  throw new TsibleError(`the connection plugin '${name}' was not found`);
}

/** Where Ansible would load a connection plugin of this name from, when one is there. */
function pythonPluginFile(name: string, pluginDirs: string[]): string | undefined {
  const parts = name.split('.');
  if (parts.length === 1) {
    const dirs = [...pluginDirs.map((d) => join(d, 'connection_plugins')), ...pathList(process.env.ANSIBLE_CONNECTION_PLUGINS)];
    return dirs.map((d) => join(d, `${name}.py`)).find((f) => existsSync(f));
  }
  if (parts.length !== 3) return undefined;
  const [ns, coll, plugin] = parts;
  const roots = [...pluginDirs.map((d) => join(d, 'collections')), ...pathList(process.env.ANSIBLE_COLLECTIONS_PATHS ?? process.env.ANSIBLE_COLLECTIONS_PATH)];
  return roots.map((r) => join(r, 'ansible_collections', ns, coll, 'plugins', 'connection', `${plugin}.py`)).find((f) => existsSync(f));
}

function pathList(value: string | undefined): string[] {
  return (value ?? '').split(delimiter).filter((p) => p !== '');
}
