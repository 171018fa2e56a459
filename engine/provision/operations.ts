import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'fs';
import { dirname } from 'path';
import { ProvisionConfig } from './config';
import { ProvisionDeps } from './context';
import { discoverState, resolveImage } from './discover';
import { convergeGroup, convergeInstances, convergeTags } from './apply';
import { HostEntry, hostEntries, hostLine, updateHostsFile } from './inventory-file';
import { computePlan } from './plan';
import { Plan } from './types';
import { waitForPort, waitForRunning } from './wait';

/** The four things `tsible-provision` does, each from the account's state as it is now. */

const SSH_PORT = 22;

/** What apply would do; reads the account and nothing else. */
export async function planProvision(deps: ProvisionDeps, config: ProvisionConfig): Promise<Plan> {
  const state = await discoverState(deps, config);
  // The image is looked up only when something is to be launched: a converged account needs no AMI.
  const needsImage = state.instances.length < config.instanceCount;
  const imageId = needsImage ? await resolveImage(deps, config) : '';
  return computePlan(config, state, imageId);
}

export interface ApplyResult {
  plan: Plan;
  hosts: HostEntry[];
}

/** Makes the account match the configuration, waits for the instances' ssh, writes the inventory. */
export async function applyProvision(deps: ProvisionDeps, config: ProvisionConfig): Promise<ApplyResult> {
  const plan = await planProvision(deps, config);
  const groupId = await convergeGroup(deps, config, plan);
  await convergeTags(deps, plan);
  const ids = await convergeInstances(deps, config, plan, groupId);
  const running = ids.length ? await waitForRunning(deps, ids, config.waitTimeoutSeconds) : [];
  const hosts = hostEntries(config.name, running);
  if (hosts.length) deps.report(`waiting for ssh on ${hosts.map((h) => h.address).join(', ')}`);
  await waitForPort(deps, hosts, SSH_PORT, config.waitTimeoutSeconds);
  writeInventory(config, hosts);
  return { plan, hosts };
}

/** The running instances' inventory entries, as apply last wrote them. */
export async function provisionOutput(deps: ProvisionDeps, config: ProvisionConfig): Promise<HostEntry[]> {
  const state = await discoverState(deps, config);
  return hostEntries(config.name, state.instances.filter((i) => i.state === 'running'));
}

/** Replaces this configuration's hosts in the inventory file, creating it if needed. */
export function writeInventory(config: ProvisionConfig, hosts: HostEntry[]): void {
  const file = config.inventoryFile;
  const before = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const after = updateHostsFile(before, config.inventoryGroup, config.name, hosts.map(hostLine));
  if (after === before) return;
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, after);
}
