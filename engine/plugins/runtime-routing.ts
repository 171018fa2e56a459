import { existsSync } from 'fs';
import { join } from 'path';
import { TsibleError } from '../errors';
import { isDict } from '../playbook/context';
import { loadYamlFile } from '../playbook/yaml';

/** The plug-in kinds of meta/runtime.yml's plugin_routing, named as Ansible names them there. */
export type PluginType = 'modules' | 'action' | 'filter' | 'test' | 'lookup' | 'connection';

/** What meta/runtime.yml says about one plug-in name. */
export interface RoutingEntry {
  redirect?: string;
  deprecation?: Removal;
  tombstone?: Removal;
}

interface Removal {
  warning_text?: string;
  removal_version?: string;
  removal_date?: string;
}

/** A collection's runtime metadata, read once per file. */
const cache = new Map<string, Record<string, unknown>>();

function readRuntime(file: string): Record<string, unknown> {
  const hit = cache.get(file);
  if (hit) return hit;
  let meta: Record<string, unknown> = {};
  if (existsSync(file)) {
    const loaded = loadYamlFile(file);
    if (loaded !== null && loaded !== undefined && !isDict(loaded)) throw new TsibleError(`${file}: the collection's runtime metadata must be a mapping`);
    meta = loaded ?? {};
  }
  cache.set(file, meta);
  return meta;
}

/** meta/runtime.yml of a collection directory. */
export function collectionRuntimeFile(collectionDir: string): string {
  return join(collectionDir, 'meta', 'runtime.yml');
}

/** ansible-core's own routing for ansible.builtin (old short names that moved to collections). */
export function builtinRuntimeFile(ansiblePackage: string): string {
  return join(ansiblePackage, 'config', 'ansible_builtin_runtime.yml');
}

/** The routing entry for `resource` (with its subdirectories, `sub.name`) of a kind, if the metadata has one. */
export function routingEntry(runtimeFile: string, type: PluginType, resource: string): RoutingEntry | undefined {
  const routing = readRuntime(runtimeFile).plugin_routing;
  const ofType = isDict(routing) ? routing[type] : undefined;
  const entry = isDict(ofType) ? ofType[resource] : undefined;
  if (!isDict(entry)) return undefined;
  return {
    redirect: typeof entry.redirect === 'string' ? entry.redirect : undefined,
    deprecation: removal(entry.deprecation),
    tombstone: removal(entry.tombstone),
  };
}

function removal(value: unknown): Removal | undefined {
  if (!isDict(value)) return undefined;
  // A null or false warning_text reads as none, as in Ansible.
  const text = (key: string) => (typeof value[key] === 'string' || typeof value[key] === 'number' ? String(value[key]) : undefined);
  return { warning_text: text('warning_text'), removal_version: text('removal_version'), removal_date: text('removal_date') };
}

/**
 * Ansible's deprecation sentence: the header, then when, then what to do. A date wins over a version,
 * and ansible.builtin is named ansible-core.
 */
export function deprecationMessage(msg: string, removal: Removal, collection: string, removed: boolean): string {
  let text = msg.trim();
  if (text && !'!?.'.includes(text[text.length - 1])) text += '.';
  const from = `from ${collection === 'ansible.builtin' ? 'ansible-core' : collection}`;
  const when = removal.removal_date ? `in a release after ${removal.removal_date}.` : removal.removal_version ? `in version ${removal.removal_version}.` : 'in a future release.';
  return removed
    ? `[DEPRECATED]: ${text} This feature was removed ${from} ${when} Please update your playbooks.`
    : `${text} This feature will be removed ${from} ${when} Deprecation warnings can be disabled by setting deprecation_warnings=False in ansible.cfg.`;
}
