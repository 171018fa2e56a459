import { ProvisionConfig } from './config';
import { Plan, ProvisionState, ruleKey } from './types';

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
    terminate: state.instances.slice(config.instanceCount).reverse(),
    keep,
  };
}

export function groupName(name: string): string {
  return `tsible-${name}`;
}

export interface PlanCounts {
  add: number;
  change: number;
  destroy: number;
}

/** Counted as terraform counts: a new group or instance is one to add, a group whose rules move one to change. */
export function countPlan(plan: Plan): PlanCounts {
  const groupChanged = plan.group !== undefined && (plan.addRules.length + plan.revokeRules.length > 0 || plan.addEgressAllOut);
  return {
    add: (plan.group ? 0 : 1) + plan.launch.count,
    change: (groupChanged ? 1 : 0) + plan.start.length,
    destroy: plan.terminate.length,
  };
}

export function hasChanges(plan: Plan): boolean {
  const c = countPlan(plan);
  return c.add + c.change + c.destroy > 0;
}
