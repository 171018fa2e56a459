import { randomUUID } from 'crypto';
import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  IpPermission,
  ResourceType,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  Tag,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { ProvisionConfig } from './config';
import { aws, ProvisionDeps } from './context';
import { resolveVpc } from './discover';
import { wantedTags } from './plan';
import { describeInstance, showTags } from './render-plan';
import { IngressRule, Plan, ruleKey } from './types';

/**
 * Carries out a plan, one step per AWS call. Every resource is tagged in the call that creates it,
 * so a run stopped at any point leaves only things the next run finds and converges.
 */

function tagList(tags: Record<string, string>): Tag[] {
  return Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
}

/** Sets the configured tags on what lacks them; one call per distinct set of tags. */
export async function convergeTags(deps: ProvisionDeps, plan: Plan): Promise<void> {
  const bySet = new Map<string, string[]>();
  for (const r of plan.retag) bySet.set(JSON.stringify(r.tags), [...(bySet.get(JSON.stringify(r.tags)) ?? []), r.id]);
  for (const [json, ids] of bySet) {
    const tags = JSON.parse(json) as Record<string, string>;
    await aws(deps, 'CreateTags', () => deps.ec2.send(new CreateTagsCommand({ Resources: ids, Tags: tagList(tags) })));
    deps.report(`tagged ${ids.join(', ')}: ${showTags(tags)}`);
  }
}

function permission(rule: IngressRule): IpPermission {
  const base = { IpProtocol: rule.protocol, FromPort: rule.port, ToPort: rule.port };
  return rule.cidr.includes(':') ? { ...base, Ipv6Ranges: [{ CidrIpv6: rule.cidr }] } : { ...base, IpRanges: [{ CidrIp: rule.cidr }] };
}

/** A group created a moment ago may be unknown to the next calls for a while. */
const NEW_GROUP = ['InvalidGroup.NotFound'];

/** The group's id once it exists and its rules are the configured ones. */
export async function convergeGroup(deps: ProvisionDeps, config: ProvisionConfig, plan: Plan): Promise<string> {
  const groupId = plan.group?.id ?? (await createGroup(deps, config, plan.groupName));
  const retry = plan.group ? [] : NEW_GROUP;
  // Authorize before revoking so a changed rule never leaves a moment without ssh.
  if (plan.addRules.length) {
    await aws(deps, 'AuthorizeSecurityGroupIngress', () => deps.ec2.send(new AuthorizeSecurityGroupIngressCommand({
      GroupId: groupId, IpPermissions: plan.addRules.map(permission),
    })), retry);
    deps.report(`authorized ${plan.addRules.map(ruleKey).join(', ')} on ${groupId}`);
  }
  if (plan.revokeRules.length) {
    await aws(deps, 'RevokeSecurityGroupIngress', () => deps.ec2.send(new RevokeSecurityGroupIngressCommand({
      GroupId: groupId, IpPermissions: plan.revokeRules.map((r) => r.permission),
    })));
    deps.report(`revoked ${plan.revokeRules.map((r) => r.key).join(', ')} on ${groupId}`);
  }
  if (plan.addEgressAllOut) {
    await aws(deps, 'AuthorizeSecurityGroupEgress', () => deps.ec2.send(new AuthorizeSecurityGroupEgressCommand({
      GroupId: groupId, IpPermissions: [{ IpProtocol: '-1', IpRanges: [{ CidrIp: '0.0.0.0/0' }] }],
    })), retry);
    deps.report(`authorized all outbound traffic on ${groupId}`);
  }
  return groupId;
}

async function createGroup(deps: ProvisionDeps, config: ProvisionConfig, groupName: string): Promise<string> {
  const vpcId = await resolveVpc(deps, config);
  // A new group already allows all outbound traffic, and nothing inbound.
  const out = await aws(deps, 'CreateSecurityGroup', () => deps.ec2.send(new CreateSecurityGroupCommand({
    GroupName: groupName,
    Description: `tsible-provision ${config.name}: ssh and the application port`,
    VpcId: vpcId,
    TagSpecifications: [{ ResourceType: ResourceType.security_group, Tags: tagList(wantedTags(config, groupName)) }],
  })));
  const id = out.GroupId as string;
  deps.report(`created security group ${groupName} (${id})`);
  return id;
}

/** Terminates the surplus, starts the stopped, launches the missing; returns the ids to wait for. */
export async function convergeInstances(deps: ProvisionDeps, config: ProvisionConfig, plan: Plan, groupId: string): Promise<string[]> {
  if (plan.terminate.length) {
    const ids = plan.terminate.map((i) => i.id);
    await aws(deps, 'TerminateInstances', () => deps.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids })));
    plan.terminate.forEach((i) => deps.report(`terminating ${describeInstance(i)}`));
  }
  if (plan.start.length) {
    const ids = plan.start.map((i) => i.id);
    await aws(deps, 'StartInstances', () => deps.ec2.send(new StartInstancesCommand({ InstanceIds: ids })));
    deps.report(`starting ${ids.join(', ')}`);
  }
  const launched = plan.launch.count ? await launch(deps, config, plan, groupId) : [];
  return [...plan.keep.map((i) => i.id), ...launched];
}

async function launch(deps: ProvisionDeps, config: ProvisionConfig, plan: Plan, groupId: string): Promise<string[]> {
  const { count, imageId, instanceType, keyName } = plan.launch;
  // One token for every retry of this call: should AWS have run it after all, it is not run twice.
  const token = randomUUID();
  const tags = tagList(wantedTags(config, config.name));
  const out = await aws(deps, 'RunInstances', () => deps.ec2.send(new RunInstancesCommand({
    ImageId: imageId,
    InstanceType: instanceType as RunInstancesCommand['input']['InstanceType'],
    KeyName: keyName,
    MinCount: count,
    MaxCount: count,
    SecurityGroupIds: [groupId],
    SubnetId: config.subnetId,
    ClientToken: token,
    TagSpecifications: [
      { ResourceType: ResourceType.instance, Tags: tags },
      { ResourceType: ResourceType.volume, Tags: tags },
    ],
  })), NEW_GROUP);
  const ids = (out.Instances ?? []).map((i) => i.InstanceId as string);
  deps.report(`launched ${ids.join(', ')} (${instanceType}, ${imageId})`);
  return ids;
}
