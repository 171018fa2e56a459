import { ProvisionConfig } from './config';
import { Plan, PROVISION_TAG, ProvisionState, Retag, ruleKey } from './types';

/**
 * What apply must do to make the account match the configuration. Pure: the same configuration and
 * state always give the same plan, and an account that matches gives an empty one.
 *
 * When instance_count goes down, the NEWEST instances are terminated: the oldest ones have served
 * longest, keep their host names (`<name>-1`…) and are the ones the inventory already points at.
 */
export function computePlan(config: ProvisionConfig, state: ProvisionState, imageId: string): Plan {
  const group = state.group;
  const existing = new Set(group?.ingress.map((r) => r.key) ?? []);
  const wanted = new Set(config.ingress.map(ruleKey));
  const keep = state.instances.slice(0, config.instanceCount);
  return {
    name: config.name,
    groupName: groupName(config.name),
    group,
    addRules: config.ingress.filter((r) => !existing.has(ruleKey(r))),
    revokeRules: group?.ingress.filter((r) => !wanted.has(r.key)) ?? [],
    addEgressAllOut: group !== undefined && !group.egressAllOut,
    launch: {
      count: Math.max(0, config.instanceCount - state.instances.length),
      imageId,
      instanceType: config.instanceType,
      keyName: config.keyName,
    },
    start: keep.filter((i) => i.state === 'stopped'),
    retag: [
      ...(group ? missingTags(group.id, group.tags, wantedTags(config, groupName(config.name))) : []),
      ...keep.flatMap((i) => missingTags(i.id, i.tags, wantedTags(config, config.name))),
    ],
    terminate: state.instances.slice(config.instanceCount).reverse(),
    // Replacing a server loses what was deployed on it; that stays the user's decision.
    otherType: keep.filter((i) => i.instanceType !== undefined && i.instanceType !== config.instanceType),
    keep,
  };
}

/**
 * The tags everything carries: the user's, a Name, and the one found again by. Tags set by others
 * (AWS Backup, cost allocation…) are left alone, so only missing or different values count.
 */
export function wantedTags(config: ProvisionConfig, name: string): Record<string, string> {
  return { ...config.tags, Name: name, [PROVISION_TAG]: config.name };
}

function missingTags(id: string, have: Record<string, string>, want: Record<string, string>): Retag[] {
  const tags = Object.fromEntries(Object.entries(want).filter(([k, v]) => have[k] !== v));
  return Object.keys(tags).length ? [{ id, tags }] : [];
}

export function groupName(name: string): string {
  return `tsible-${name}`;
}

export interface PlanCounts {
  add: number;
  change: number;
  destroy: number;
}

/** Counted as terraform counts resources: a group whose rules and tags move is one change. */
export function countPlan(plan: Plan): PlanCounts {
  const changed = new Set([...plan.start.map((i) => i.id), ...plan.retag.map((r) => r.id)]);
  if (plan.group && (plan.addRules.length + plan.revokeRules.length > 0 || plan.addEgressAllOut)) changed.add(plan.group.id);
  return {
    add: (plan.group ? 0 : 1) + plan.launch.count,
    change: changed.size,
    destroy: plan.terminate.length,
  };
}

export function hasChanges(plan: Plan): boolean {
  const c = countPlan(plan);
  return c.add + c.change + c.destroy > 0;
}
