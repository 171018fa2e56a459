import { existsSync, readdirSync, statSync } from 'fs';
import { join } from 'path';
import { builtinAliases, builtinModules } from '../../modules';
import { executorActions } from '../executor/actions';
import { coreActionPlugin } from '../module/python/ansible-core';
import { INTERNAL_ACTIONS } from '../playbook/action';
import { isCollectionPluginName, LegacySources, resolvePlugin, ResolvedPlugin, withLegacy } from './fqcn';

/** A Python action plug-in a task's action resolves to: the name ansible-core's loader knows it by, and its file. */
export interface PythonActionPlugin {
  name: string;
  file: string;
}

/**
 * Where Ansible finds action plug-ins, in its order: the `action_plugins` setting (ANSIBLE_ACTION_PLUGINS),
 * `action_plugins/` beside the playbook and in roles, collections' `plugins/action/`, then ansible-core's
 * own. A name tsible runs natively (`native`) is never taken from ansible-core, nor from the directories:
 * tsible's own action is what a builtin name means in a tsible run.
 */
export class ActionPlugins {
  constructor(
    /** The directories holding action plug-ins, highest priority first. */
    private readonly dirs: string[],
    private readonly native: (short: string) => boolean,
  ) {}

  /** The Python action plug-in an action (as the loader resolved it) runs through; undefined for none. */
  find(action: string): PythonActionPlugin | undefined {
    if (isCollectionPluginName(action)) {
      const found = this.resolve(action);
      // A collection's redirect may end at a builtin or library name.
      if (!found || isCollectionPluginName(found.name)) return found?.file ? { name: found.name, file: found.file } : undefined;
      return this.find(found.name);
    }
    const builtin = action.startsWith('ansible.builtin.');
    const short = action.replace(/^ansible\.(builtin|legacy)\./, '');
    if (this.native(short)) return undefined;
    const file = (builtin ? undefined : this.inDirs(short)) ?? coreActionPlugin(short);
    return file ? { name: short, file } : undefined;
  }

  /** The name an action plug-in gives a task's action, for the loader when no module has it. */
  resolve(name: string, collections: readonly string[] = []): ResolvedPlugin | undefined {
    return resolvePlugin('action', name, withLegacy(collections), { sources: this.sources() });
  }

  private sources(): LegacySources {
    return {
      legacy: (short) => !this.native(short) && (this.inDirs(short) ?? coreActionPlugin(short)) !== undefined,
      builtin: (short) => !this.native(short) && coreActionPlugin(short) !== undefined,
    };
  }

  private inDirs(short: string): string | undefined {
    if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(short)) return undefined;
    return this.dirs.map((d) => join(d, `${short}.py`)).find((f) => existsSync(f));
  }
}

/** Whether tsible runs a builtin name itself (a module of its own, or an action of the executor's). */
export function isNativeAction(short: string): boolean {
  return [builtinModules, builtinAliases, executorActions].some((table) => Object.hasOwn(table, short)) || INTERNAL_ACTIONS.has(short);
}

/**
 * The action plug-in directories, in the order ansible-core's loader searches them: `action_plugins/` beside
 * each playbook and in each role (directories the playbook adds), then the `action_plugins` setting, each
 * configured path after its subdirectories one and two levels down.
 */
export function actionPluginDirs(bookDirs: string[], roleDirs: string[], configured: string[]): string[] {
  const below = (dir: string): string[] => subdirs(dir).flatMap((d) => [d, ...subdirs(d)]);
  const all = [...bookDirs.map((d) => join(d, 'action_plugins')), ...roleDirs.map((r) => join(r, 'action_plugins')), ...configured.flatMap((c) => [...below(c), c])];
  return [...new Set(all)].filter((d) => existsSync(d));
}

function subdirs(dir: string): string[] {
  try {
    return readdirSync(dir)
      .map((e) => join(dir, e))
      .filter((p) => statSync(p).isDirectory())
      .sort();
  } catch {
    return [];
  }
}
