import { ExecutorAction } from './types';

const NAME_KEYS = ['name', 'host', 'hostname'];
const GROUP_KEYS = ['groups', 'group', 'groupname'];

function names(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : String(v).split(',')).map((g) => String(g).trim()).filter(Boolean);
}

/** add_host: a host (and its groups) added to the in-memory inventory for the rest of the run. */
export const addHost: ExecutorAction = async ({ args: given, env }) => {
  // `add_host: "{{ host_data }}"` gives the whole host as one dict; keys written beside it win.
  const { _raw_params: raw, ...explicit } = given;
  const args = raw !== null && typeof raw === 'object' && !Array.isArray(raw) ? { ...(raw as Record<string, unknown>), ...explicit } : given;
  const nameKey = NAME_KEYS.find((k) => args[k] !== undefined);
  if (!nameKey) return { failed: true, changed: false, msg: 'name is required for add_host' };
  const hostName = String(args[nameKey]);
  const groups = GROUP_KEYS.flatMap((k) => names(args[k]));
  const hostVars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (![...NAME_KEYS, ...GROUP_KEYS].includes(k)) hostVars[k] = v;
  const changed = env.inventory.addDynamicHost(hostName, groups, hostVars);
  return { changed, add_host: { groups, host_name: hostName, host_vars: hostVars } };
};

/** group_by: this host joins a group named by `key`, created as needed under `parents`. */
export const groupBy: ExecutorAction = async ({ host, args, env }) => {
  const key = args.key ?? args._raw_params;
  if (key === undefined) return { failed: true, changed: false, msg: "the 'key' param is required when using group_by" };
  const parents = names(args.parents ?? 'all');
  const group = String(key).replace(/\s+/g, '-');
  const changed = env.inventory.addDynamicGroup(host, group, parents);
  return { changed, add_group: group, parent_groups: parents };
};
