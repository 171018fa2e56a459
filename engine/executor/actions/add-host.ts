import { parseAddress } from '../../inventory/host-ranges';
import { pyStr } from '../../output/py-repr';
import { ExecutorAction } from './types';

/** Where add_host looks for the name and the groups, the first key given winning, as in Ansible. */
const NAME_KEYS = ['name', 'hostname', 'host'];
const GROUP_KEYS = ['groupname', 'groups', 'group'];
/** Keys that are not host variables; Ansible keeps `host` and `group` among the variables. */
const SPECIAL_KEYS = ['name', 'hostname', 'groupname', 'groups'];

function names(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : String(v).split(',')).map((g) => String(g).trim()).filter(Boolean);
}

/** `host:port`, `[v6]:port`: the name without the port, and the port; a name with a range or not an address stays whole. */
function splitPort(name: string): { host: string; port?: number } {
  const parsed = parseAddress(name);
  if (!parsed || parsed.host.includes('[')) return { host: name };
  return { host: parsed.host, port: parsed.port || undefined };
}

/** add_host: a host (and its groups) added to the in-memory inventory for the rest of the run. */
export const addHost: ExecutorAction = async ({ args: given, env }) => {
  // `add_host: "{{ host_data }}"` gives the whole host as one dict; keys written beside it win.
  const { _raw_params: raw, ...explicit } = given;
  if (raw !== undefined && (raw === null || typeof raw !== 'object' || Array.isArray(raw))) {
    return { failed: true, changed: false, msg: `add_host needs its arguments as a mapping (name=... groups=...), got: ${pyStr(raw)}` };
  }
  const args: Record<string, unknown> = { ...(raw as Record<string, unknown> | undefined), ...explicit };
  const nameKey = NAME_KEYS.find((k) => args[k] !== undefined && args[k] !== null);
  if (!nameKey) return { failed: true, changed: false, msg: 'name, host or hostname needs to be provided' };
  const { host: hostName, port } = splitPort(String(args[nameKey]));
  if (port !== undefined) args.ansible_ssh_port = port;
  const groupKey = GROUP_KEYS.find((k) => args[k] !== undefined && args[k] !== null && args[k] !== '');
  const given_groups = groupKey === undefined ? undefined : args[groupKey];
  if (given_groups !== undefined && !Array.isArray(given_groups) && typeof given_groups !== 'string') {
    return { failed: true, changed: false, msg: `Groups must be specified as a list (${groupKey}: ${pyStr(given_groups)}).` };
  }
  const groups = [...new Set(names(given_groups))];
  const hostVars: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(args)) if (!SPECIAL_KEYS.includes(k)) hostVars[k] = v;
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
