import { Inventory } from '../inventory/types';
import { OMIT } from '../template/globals';
import { VALUES_ARE_TEMPLATED } from '../template/session';

/** The ansible-core release whose behaviour tsible follows; playbooks testing ansible_version see it. */
export const ANSIBLE_VERSION = { full: '2.14.18', major: 2, minor: 14, revision: 18, string: '2.14.18' } as const;


export interface MagicContext {
  inventory: Inventory;
  host: string;
  playbookDir: string;
  /** Hosts of the play (ansible_play_hosts_all) and of the current batch; the ones still active. */
  play?: { hostsAll: string[]; hosts: string[]; batch: string[]; name?: string };
  role?: { name: string; path: string; parents: { name: string; path: string }[] };
  checkMode: boolean;
  diffMode: boolean;
  runTags: string[];
  skipTags: string[];
  /** From the command line and the controller: ansible_forks, ansible_limit, ansible_playbook_python… */
  optionVars?: Record<string, unknown>;
  /** Roles the play names, and the roles they depend on (for role_names and its ansible_* forms). */
  roleNames?: { play: string[]; dependent: string[] };
  /** Another host's variables, computed only when a template reads `hostvars[that_host]`. */
  hostVarsOf: (host: string) => Record<string, unknown>;
}

/**
 * Ansible's magic variables for one host, to be the last layer of its variables. (inventory_file and
 * inventory_dir are host variables the inventory sets, per the source each host came from.)
 */
export function magicVars(ctx: MagicContext): Record<string, unknown> {
  const out: Record<string, unknown> = {
    inventory_hostname: ctx.host,
    inventory_hostname_short: ctx.host.split('.')[0],
    groups: ctx.inventory.groupsMap(),
    group_names: ctx.inventory.groupNames(ctx.host),
    hostvars: lazyHostVars(ctx),
    playbook_dir: ctx.playbookDir,
    ansible_check_mode: ctx.checkMode,
    ansible_diff_mode: ctx.diffMode,
    ansible_version: { ...ANSIBLE_VERSION },
    ansible_run_tags: ctx.runTags,
    ansible_skip_tags: ctx.skipTags,
    omit: OMIT,
    ...ctx.optionVars,
  };
  if (ctx.roleNames) {
    const { play, dependent } = ctx.roleNames;
    out.ansible_play_role_names = play;
    out.role_names = play;
    out.ansible_dependent_role_names = dependent;
    out.ansible_role_names = [...new Set([...dependent, ...play])];
  }
  if (ctx.play) {
    out.ansible_play_hosts_all = ctx.play.hostsAll;
    out.ansible_play_hosts = ctx.play.hosts;
    out.play_hosts = ctx.play.hosts;
    out.ansible_play_batch = ctx.play.batch;
    if (ctx.play.name !== undefined) out.ansible_play_name = ctx.play.name;
  }
  if (ctx.role) {
    out.role_name = ctx.role.name;
    out.role_path = ctx.role.path;
    if (ctx.role.parents.length) {
      out.ansible_parent_role_names = ctx.role.parents.map((r) => r.name);
      out.ansible_parent_role_paths = ctx.role.parents.map((r) => r.path);
    }
  }
  return out;
}

/** `hostvars`: every inventory host's variables, each computed on first access and then kept. */
function lazyHostVars(ctx: MagicContext): Record<string, unknown> {
  const cache = new Map<string, Record<string, unknown>>();
  const known = (name: string) => ctx.inventory.getHost(name) !== undefined;
  return new Proxy({} as Record<string, unknown>, {
    get(_t, key) {
      // Each host's variables are lazy: they template themselves when read.
      if (key === VALUES_ARE_TEMPLATED) return true;
      if (typeof key !== 'string' || !known(key)) return undefined;
      if (!cache.has(key)) cache.set(key, withoutHostvars(ctx.hostVarsOf(key)));
      return cache.get(key);
    },
    has: (_t, key) => typeof key === 'string' && known(key),
    ownKeys: () => [...ctx.inventory.hosts.keys()],
    getOwnPropertyDescriptor: (_t, key) => (typeof key === 'string' && known(key) ? { enumerable: true, configurable: true } : undefined),
  });
}

/** A host's variables as `hostvars[host]` shows them: without `hostvars` itself, as in Ansible (printing them would never end). */
function withoutHostvars(vars: Record<string, unknown>): Record<string, unknown> {
  return new Proxy(vars, {
    get: (target, key) => (key === 'hostvars' ? undefined : Reflect.get(target, key)),
    has: (target, key) => key !== 'hostvars' && Reflect.has(target, key),
    ownKeys: (target) => Reflect.ownKeys(target).filter((k) => k !== 'hostvars'),
    getOwnPropertyDescriptor: (target, key) => (key === 'hostvars' ? undefined : Reflect.getOwnPropertyDescriptor(target, key)),
  });
}
