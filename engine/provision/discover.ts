import {
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  Filter,
  Instance,
  IpPermission,
  SecurityGroup,
  Tag,
} from '@aws-sdk/client-ec2';
import { ExitCode, TsibleError } from '../errors';
import { ProvisionConfig } from './config';
import { aws, ProvisionDeps } from './context';
import { ExistingRule, GroupState, InstanceState, PROVISION_TAG, ProvisionState } from './types';

/**
 * Reads what exists for a configuration, found by its tag alone: there is no local state file to
 * lose or to disagree with the account.
 */

const LIVE_STATES = ['pending', 'running', 'stopping', 'stopped'];

export function tagFilter(name: string): Filter {
  return { Name: `tag:${PROVISION_TAG}`, Values: [name] };
}

export async function discoverState(deps: ProvisionDeps, config: ProvisionConfig): Promise<ProvisionState> {
  const [group, instances] = await Promise.all([findGroup(deps, config), findInstances(deps, config.name)]);
  return { group, instances };
}

async function findGroup(deps: ProvisionDeps, config: ProvisionConfig): Promise<GroupState | undefined> {
  const filters = [tagFilter(config.name)];
  if (config.vpcId) filters.push({ Name: 'vpc-id', Values: [config.vpcId] });
  const out = await aws(deps, 'DescribeSecurityGroups', () => deps.ec2.send(new DescribeSecurityGroupsCommand({ Filters: filters })));
  const groups = out.SecurityGroups ?? [];
  if (groups.length > 1) {
    const ids = groups.map((g) => g.GroupId).join(', ');
    throw new TsibleError(`several security groups are tagged ${PROVISION_TAG}=${config.name}: ${ids}`, {
      hint: 'delete the extra ones, or untag them, so one group belongs to this configuration',
    });
  }
  return groups[0] && toGroupState(groups[0]);
}

function toGroupState(g: SecurityGroup): GroupState {
  return {
    id: g.GroupId ?? '',
    name: g.GroupName ?? '',
    ingress: (g.IpPermissions ?? []).flatMap(splitPermission),
    egressAllOut: (g.IpPermissionsEgress ?? []).some(
      (p) => p.IpProtocol === '-1' && (p.IpRanges ?? []).some((r) => r.CidrIp === '0.0.0.0/0'),
    ),
    tags: tagMap(g.Tags),
  };
}

/** One AWS permission lists many sources; each source is a rule of its own to keep or revoke. */
function splitPermission(p: IpPermission): ExistingRule[] {
  const proto = p.IpProtocol === '-1' ? 'all' : (p.IpProtocol ?? 'all');
  const ports = p.IpProtocol === '-1' ? '' : p.FromPort === p.ToPort ? `/${p.FromPort}` : `/${p.FromPort}-${p.ToPort}`;
  const base = { IpProtocol: p.IpProtocol, FromPort: p.FromPort, ToPort: p.ToPort };
  return [
    ...(p.IpRanges ?? []).map((r) => ({ key: `${proto}${ports} ${r.CidrIp}`, permission: { ...base, IpRanges: [{ CidrIp: r.CidrIp }] } })),
    ...(p.Ipv6Ranges ?? []).map((r) => ({ key: `${proto}${ports} ${r.CidrIpv6}`, permission: { ...base, Ipv6Ranges: [{ CidrIpv6: r.CidrIpv6 }] } })),
    ...(p.UserIdGroupPairs ?? []).map((u) => ({ key: `${proto}${ports} ${u.GroupId}`, permission: { ...base, UserIdGroupPairs: [{ GroupId: u.GroupId }] } })),
    ...(p.PrefixListIds ?? []).map((l) => ({ key: `${proto}${ports} ${l.PrefixListId}`, permission: { ...base, PrefixListIds: [{ PrefixListId: l.PrefixListId }] } })),
  ];
}

async function findInstances(deps: ProvisionDeps, name: string): Promise<InstanceState[]> {
  const found: Instance[] = [];
  let token: string | undefined;
  do {
    const filters = [tagFilter(name), { Name: 'instance-state-name', Values: LIVE_STATES }];
    const out = await aws(deps, 'DescribeInstances', () => deps.ec2.send(new DescribeInstancesCommand({ Filters: filters, NextToken: token })));
    for (const r of out.Reservations ?? []) found.push(...(r.Instances ?? []));
    token = out.NextToken;
  } while (token);
  return found.map(toInstanceState).sort(oldestFirst);
}

export function toInstanceState(i: Instance): InstanceState {
  return {
    id: i.InstanceId ?? '',
    state: i.State?.Name ?? 'unknown',
    launchTime: i.LaunchTime,
    instanceType: i.InstanceType,
    imageId: i.ImageId,
    publicIp: i.PublicIpAddress,
    privateIp: i.PrivateIpAddress,
    tags: tagMap(i.Tags),
  };
}

function tagMap(tags: Tag[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));
}

/** Launch order, then id, so host names (`web-1`, `web-2`) stay put from one run to the next. */
export function oldestFirst(a: InstanceState, b: InstanceState): number {
  const ta = a.launchTime?.getTime() ?? 0;
  const tb = b.launchTime?.getTime() ?? 0;
  return ta - tb || a.id.localeCompare(b.id);
}

/** The AMI id to launch: as written, or the newest available image matching the name filter. */
export async function resolveImage(deps: ProvisionDeps, config: ProvisionConfig): Promise<string> {
  if (typeof config.ami === 'string') return config.ami;
  const { name, owner } = config.ami;
  const out = await aws(deps, 'DescribeImages', () => deps.ec2.send(new DescribeImagesCommand({
    Owners: [owner],
    Filters: [{ Name: 'name', Values: [name] }, { Name: 'state', Values: ['available'] }],
  })));
  const newest = (out.Images ?? []).filter((i) => i.ImageId)
    .sort((a, b) => (b.CreationDate ?? '').localeCompare(a.CreationDate ?? ''))[0];
  if (!newest) {
    throw new TsibleError(`no AMI owned by ${owner} matches the name ${name}`, {
      origin: config.amiOrigin,
      hint: 'check the name filter and the region; AMI names differ between regions and owners',
      exitCode: ExitCode.error,
    });
  }
  return newest.ImageId as string;
}

/** The VPC the group belongs in: as configured, the subnet's, or undefined for the default VPC. */
export async function resolveVpc(deps: ProvisionDeps, config: ProvisionConfig): Promise<string | undefined> {
  if (config.vpcId || !config.subnetId) return config.vpcId;
  const subnetId = config.subnetId;
  const out = await aws(deps, 'DescribeSubnets', () => deps.ec2.send(new DescribeSubnetsCommand({ SubnetIds: [subnetId] })));
  return out.Subnets?.[0]?.VpcId;
}
