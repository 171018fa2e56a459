import { TsibleError } from '../errors';
import { Inventory } from '../inventory/types';

/**
 * A `--limit` that leaves nothing to run on is a mistake worth stopping for (rc 1), as in Ansible: a run that
 * silently did nothing would look like success. An inventory with no hosts of its own is exempt, since only the
 * implicit localhost is there and Ansible has already warned about it.
 */
export function requireLimitedHosts(inventory: Inventory, pattern: string | string[], limit: string[] | undefined): void {
  if (!limit || inventory.hosts.size === 0) return;
  if (inventory.getHosts(pattern, { limit }).length > 0) return;
  throw new TsibleError('Specified inventory, host pattern and/or --limit leaves us with no hosts to target.');
}
