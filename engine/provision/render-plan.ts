import { countPlan, hasChanges } from './plan';
import { InstanceState, Plan, ruleKey } from './types';

/** A plan as `tsible-provision plan` shows it: one line per change, then terraform's summary line. */
export function renderPlan(plan: Plan): string[] {
  const notes = plan.otherType.map((i) =>
    `! ${i.id} is ${i.instanceType}, not ${plan.launch.instanceType}: kept as it is (destroy, then apply, to replace it)`);
  if (!hasChanges(plan)) {
    return [...notes, `No changes. The instances and security group of "${plan.name}" match the configuration.`];
  }
  const lines = [...groupLines(plan), ...instanceLines(plan), ...plan.retag.map((r) => `~ tags of ${r.id}: ${showTags(r.tags)}`)];
  const c = countPlan(plan);
  return [...lines, ...notes, '', `Plan: ${c.add} to add, ${c.change} to change, ${c.destroy} to destroy.`];
}

function groupLines(plan: Plan): string[] {
  if (!plan.group) {
    const rules = plan.addRules.map(ruleKey).join(', ') || 'no inbound rules';
    return [`+ security group ${plan.groupName} (inbound ${rules}; all outbound)`];
  }
  const changes = [
    ...plan.addRules.map((r) => `add ${ruleKey(r)}`),
    ...plan.revokeRules.map((r) => `revoke ${r.key}`),
  ];
  const lines: string[] = [];
  if (changes.length) lines.push(`~ ingress rules of ${plan.group.id} (${plan.group.name}): ${changes.join(', ')}`);
  if (plan.addEgressAllOut) lines.push(`~ egress rules of ${plan.group.id} (${plan.group.name}): add all 0.0.0.0/0`);
  return lines;
}

function instanceLines(plan: Plan): string[] {
  const { count, instanceType, imageId, keyName } = plan.launch;
  return [
    ...(count ? [`+ ${count} instance${count > 1 ? 's' : ''} ${instanceType} ${imageId} (key pair ${keyName})`] : []),
    ...plan.start.map((i) => `~ start ${i.id} (${i.state})`),
    ...plan.terminate.map((i) => `- terminate ${describeInstance(i)}`),
  ];
}

export function showTags(tags: Record<string, string>): string {
  return Object.entries(tags).map(([k, v]) => `${k}=${v}`).join(', ');
}

export function describeInstance(i: InstanceState): string {
  const details = [i.state, i.instanceType, i.publicIp ?? i.privateIp].filter(Boolean).join(', ');
  return `${i.id} (${details})`;
}
