import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { Config } from '../config/types';
import { Playbook, Role, TaskOrBlock } from '../playbook/types';
import { PythonPlugins } from '../template/python-plugins';

/**
 * Where a run finds Python filter, test and lookup plug-ins, in Ansible's order: `filter_plugins/` (and the
 * others) beside each playbook, inside the roles its plays use, then ansible.cfg's paths. Roles that only
 * an include_role may bring in are not known before the run, so the roles on the role search path are
 * searched too: a role never used only adds names nothing asks for.
 */
export function playbookPythonPlugins(books: Pick<Playbook, 'baseDir' | 'plays'>[], config: Config, onWarning?: (message: string) => void): PythonPlugins {
  const bookDirs = [...new Set(books.map((b) => b.baseDir))];
  const roles = playbookRoles(books, config);
  const dirs = (sub: string, configured: string[] = []) =>
    [...bookDirs.map((d) => join(d, sub)), ...roles.map((r) => join(r, sub)), ...configured.flatMap(withSubdirs)].filter((d) => existsSync(d));
  return new PythonPlugins({
    filter: dirs('filter_plugins', config.defaults.filter_plugins),
    test: dirs('test_plugins', config.defaults.test_plugins),
    lookup: dirs('lookup_plugins', config.defaults.lookup_plugins),
  }, onWarning);
}

/**
 * The directories of every role the playbooks use or could include: those they name (with their
 * dependencies and imports), then every role in `roles/` beside a playbook and on the roles path.
 */
export function playbookRoles(books: Pick<Playbook, 'baseDir' | 'plays'>[], config: Config): string[] {
  const used = new Set<string>();
  for (const play of books.flatMap((b) => b.plays)) {
    play.roles.forEach((r) => roleDirs(r, used));
    [...play.preTasks, ...play.tasks, ...play.postTasks, ...play.handlers].forEach((t) => taskRoleDirs(t, used));
  }
  const searchDirs = [...new Set(books.map((b) => join(b.baseDir, 'roles'))), ...config.defaults.roles_path];
  const onPath = searchDirs.flatMap((dir) => (existsSync(dir) ? readdirSync(dir).map((r) => join(dir, r)) : []));
  return [...new Set([...used, ...onPath])];
}

/** A configured plug-in path is searched with its subdirectories one and two levels down first, as Ansible does. */
function withSubdirs(path: string): string[] {
  const below = (dir: string) => subdirs(dir).flatMap((d) => [d, ...subdirs(d)]);
  return [...below(path), path];
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory() || (e.isSymbolicLink() && isDir(join(dir, e.name)))).map((e) => join(dir, e.name)).sort();
  } catch {
    return [];
  }
}

function isDir(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

function roleDirs(role: Role, into: Set<string>): void {
  if (into.has(role.path)) return;
  into.add(role.path);
  role.dependencies.forEach((d) => roleDirs(d, into));
  [...role.tasks, ...role.handlers].forEach((t) => taskRoleDirs(t, into));
}

function taskRoleDirs(node: TaskOrBlock, into: Set<string>): void {
  if (node.kind === 'block') [...node.block, ...node.rescue, ...node.always].forEach((t) => taskRoleDirs(t, into));
  else if (node.role) roleDirs(node.role, into);
}
