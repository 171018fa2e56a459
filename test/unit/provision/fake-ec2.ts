import {
  AuthorizeSecurityGroupEgressCommand,
  AuthorizeSecurityGroupIngressCommand,
  CreateSecurityGroupCommand,
  CreateTagsCommand,
  DeleteSecurityGroupCommand,
  DescribeImagesCommand,
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeSubnetsCommand,
  EC2Client,
  Filter,
  Image,
  IpPermission,
  RevokeSecurityGroupIngressCommand,
  RunInstancesCommand,
  StartInstancesCommand,
  Tag,
  TerminateInstancesCommand,
} from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * A small in-memory EC2 account behind aws-sdk-client-mock, so a test can apply, change the account
 * behind tsible's back, and apply again, and see what a real account would answer.
 */

export const awsError = (name: string, message = `${name} (fake)`) => Object.assign(new Error(message), { name });

interface Rule { IpProtocol: string; FromPort?: number; ToPort?: number; CidrIp: string }
interface FakeGroup { GroupId: string; GroupName: string; VpcId: string; Tags: Tag[]; ingress: Rule[]; egress: Rule[] }
interface FakeInstance {
  InstanceId: string; state: string; LaunchTime: Date; InstanceType: string; ImageId: string; KeyName: string;
  Tags: Tag[]; groupId: string; PublicIpAddress: string; PrivateIpAddress: string; describesLeft: number;
}

export class FakeAccount {
  readonly mock = mockClient(EC2Client);
  readonly groups = new Map<string, FakeGroup>();
  readonly instances = new Map<string, FakeInstance>();
  images: Image[] = [];
  keyPairs = new Set(['flaskr-key']);
  /** Mutating calls, in order, e.g. `RunInstances`. */
  readonly calls: string[] = [];
  /** Errors thrown by the next calls of a command, one per call, before it does anything. */
  readonly failures = new Map<string, Error[]>();
  /** How many DescribeInstances calls a new instance stays pending for (Infinity: for ever). */
  pendingDescribes = 1;
  /** How many DeleteSecurityGroup calls answer DependencyViolation after the instances are gone. */
  eniDelay = 1;
  private seq = 0;

  constructor() {
    this.on(DescribeSecurityGroupsCommand, (i) => ({ SecurityGroups: [...this.groups.values()].filter((g) => matches(g.Tags, g.VpcId, i.Filters)).map(groupView) }));
    this.on(DescribeInstancesCommand, (i) => this.describeInstances(i.InstanceIds, i.Filters));
    this.on(DescribeImagesCommand, (i) => ({ Images: this.images.filter((img) => i.Owners?.includes(img.OwnerId ?? '') && glob(i.Filters, img.Name ?? '')) }));
    this.on(DescribeSubnetsCommand, (i) => ({ Subnets: (i.SubnetIds ?? []).map((SubnetId) => ({ SubnetId, VpcId: 'vpc-0subnet' })) }));
    this.on(CreateSecurityGroupCommand, (i) => this.createGroup(i.GroupName!, i.VpcId, i.TagSpecifications?.[0]?.Tags ?? []));
    this.on(AuthorizeSecurityGroupIngressCommand, (i) => this.editRules(i.GroupId!, i.IpPermissions!, 'ingress', 'add'));
    this.on(AuthorizeSecurityGroupEgressCommand, (i) => this.editRules(i.GroupId!, i.IpPermissions!, 'egress', 'add'));
    this.on(RevokeSecurityGroupIngressCommand, (i) => this.editRules(i.GroupId!, i.IpPermissions!, 'ingress', 'remove'));
    this.on(RunInstancesCommand, (i) => this.run(i));
    this.on(TerminateInstancesCommand, (i) => this.setState(i.InstanceIds!, 'shutting-down'));
    this.on(StartInstancesCommand, (i) => this.setState(i.InstanceIds!, 'pending'));
    this.on(DeleteSecurityGroupCommand, (i) => this.deleteGroup(i.GroupId!));
    this.on(CreateTagsCommand, (i) => this.tag(i.Resources!, i.Tags!));
  }

  fail(command: string, ...errors: Error[]): void {
    this.failures.set(command, [...(this.failures.get(command) ?? []), ...errors]);
  }

  restore(): void {
    this.mock.restore();
  }

  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  private on<I extends object>(command: new (...args: any[]) => { input: I }, handler: (input: I) => unknown): void {
    const name = command.name.replace(/Command$/, '');
    // eslint-disable-next-line @typescript-eslint/no-explicit-any
    this.mock.on(command as any).callsFake(async (input: I) => {
      const queued = this.failures.get(name);
      if (queued?.length) throw queued.shift();
      if (!name.startsWith('Describe')) this.calls.push(name);
      return handler(input);
    });
  }

  createGroup(name: string, vpcId: string | undefined, tags: Tag[]) {
    if ([...this.groups.values()].some((g) => g.GroupName === name)) throw awsError('InvalidGroup.Duplicate');
    const id = `sg-${(++this.seq).toString(16).padStart(8, '0')}`;
    this.groups.set(id, { GroupId: id, GroupName: name, VpcId: vpcId ?? 'vpc-0default', Tags: tags, ingress: [], egress: [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }] });
    return { GroupId: id };
  }

  private editRules(groupId: string, perms: IpPermission[], side: 'ingress' | 'egress', op: 'add' | 'remove') {
    const group = this.groups.get(groupId);
    if (!group) throw awsError('InvalidGroup.NotFound');
    for (const p of perms) {
      for (const cidr of [...(p.IpRanges ?? []).map((r) => r.CidrIp!), ...(p.Ipv6Ranges ?? []).map((r) => r.CidrIpv6!)]) {
        const rule = { IpProtocol: p.IpProtocol!, FromPort: p.FromPort, ToPort: p.ToPort, CidrIp: cidr };
        const at = group[side].findIndex((x) => JSON.stringify(x) === JSON.stringify(rule));
        if (op === 'add' && at >= 0) throw awsError('InvalidPermission.Duplicate');
        if (op === 'remove' && at < 0) throw awsError('InvalidPermission.NotFound');
        if (op === 'add') group[side].push(rule);
        else group[side].splice(at, 1);
      }
    }
    return { Return: true };
  }

  private run(i: RunInstancesCommand['input']) {
    if (!this.keyPairs.has(i.KeyName ?? '')) throw awsError('InvalidKeyPair.NotFound', `The key pair '${i.KeyName}' does not exist`);
    const tags = i.TagSpecifications?.find((t) => t.ResourceType === 'instance')?.Tags ?? [];
    const made = Array.from({ length: i.MinCount ?? 1 }, () => this.addInstance(tags, i.ImageId!, String(i.InstanceType), i.SecurityGroupIds?.[0] ?? '', i.KeyName!));
    return { Instances: made.map((m) => ({ InstanceId: m.InstanceId, State: { Name: 'pending' } })) };
  }

  addInstance(tags: Tag[], imageId: string, type: string, groupId: string, keyName = 'flaskr-key', state = 'pending'): FakeInstance {
    const n = ++this.seq;
    const inst: FakeInstance = {
      InstanceId: `i-${n.toString(16).padStart(17, '0')}`, state, LaunchTime: new Date(Date.UTC(2026, 0, 1, 0, n)),
      InstanceType: type, ImageId: imageId, KeyName: keyName, Tags: tags, groupId,
      PublicIpAddress: `203.0.113.${n}`, PrivateIpAddress: `10.0.0.${n}`, describesLeft: this.pendingDescribes,
    };
    this.instances.set(inst.InstanceId, inst);
    return inst;
  }

  private setState(ids: string[], state: string) {
    for (const id of ids) {
      const inst = this.instances.get(id);
      if (!inst) throw awsError('InvalidInstanceID.NotFound');
      inst.state = state;
      inst.describesLeft = this.pendingDescribes;
    }
    return {};
  }

  private describeInstances(ids: string[] | undefined, filters: Filter[] | undefined) {
    const found = [...this.instances.values()].filter((i) => (ids ? ids.includes(i.InstanceId) : matches(i.Tags, undefined, filters, i.state)));
    for (const i of found) this.advance(i);
    return { Reservations: [{ Instances: found.map(instanceView) }] };
  }

  /** One more look at an instance moves it along its life, as time passing would. */
  private advance(i: FakeInstance): void {
    if (i.state === 'shutting-down') i.state = 'terminated';
    if (i.state !== 'pending') return;
    if (i.describesLeft <= 0) i.state = 'running';
    else i.describesLeft--;
  }

  private tag(ids: string[], tags: Tag[]) {
    for (const id of ids) {
      const res = this.groups.get(id) ?? this.instances.get(id);
      if (!res) throw awsError('InvalidID');
      res.Tags = [...res.Tags.filter((t) => !tags.some((n) => n.Key === t.Key)), ...tags];
    }
    return {};
  }

  private deleteGroup(id: string) {
    if (!this.groups.has(id)) throw awsError('InvalidGroup.NotFound');
    const inUse = [...this.instances.values()].some((i) => i.groupId === id && i.state !== 'terminated');
    if (inUse || this.eniDelay-- > 0) throw awsError('DependencyViolation', `resource ${id} has a dependent object`);
    this.groups.delete(id);
    return {};
  }

  /** The ingress rules of the only group, as `tcp/22 0.0.0.0/0`. */
  ingressKeys(): string[] {
    return [...this.groups.values()].flatMap((g) => g.ingress.map((r) => `${r.IpProtocol}/${r.FromPort} ${r.CidrIp}`)).sort();
  }

  live(): FakeInstance[] {
    return [...this.instances.values()].filter((i) => !['terminated', 'shutting-down'].includes(i.state));
  }
}

function matches(tags: Tag[], vpcId: string | undefined, filters: Filter[] = [], state?: string): boolean {
  return filters.every((f) => {
    if (f.Name?.startsWith('tag:')) return tags.some((t) => t.Key === f.Name!.slice(4) && f.Values?.includes(t.Value ?? ''));
    if (f.Name === 'vpc-id') return f.Values?.includes(vpcId ?? '');
    if (f.Name === 'instance-state-name') return f.Values?.includes(state ?? '');
    return true;
  });
}

function glob(filters: Filter[] | undefined, name: string): boolean {
  const pattern = filters?.find((f) => f.Name === 'name')?.Values?.[0] ?? '*';
  const re = new RegExp(`^${pattern.split('*').map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&')).join('.*')}$`);
  return re.test(name);
}

function groupView(g: FakeGroup) {
  const perm = (r: Rule): IpPermission => ({
    IpProtocol: r.IpProtocol, FromPort: r.FromPort, ToPort: r.ToPort,
    ...(r.CidrIp.includes(':') ? { Ipv6Ranges: [{ CidrIpv6: r.CidrIp }] } : { IpRanges: [{ CidrIp: r.CidrIp }] }),
  });
  return { GroupId: g.GroupId, GroupName: g.GroupName, VpcId: g.VpcId, Tags: g.Tags, IpPermissions: g.ingress.map(perm), IpPermissionsEgress: g.egress.map(perm) };
}

function instanceView(i: FakeInstance) {
  const running = i.state === 'running';
  return {
    InstanceId: i.InstanceId, State: { Name: i.state }, LaunchTime: i.LaunchTime, InstanceType: i.InstanceType,
    ImageId: i.ImageId, KeyName: i.KeyName, Tags: i.Tags,
    PublicIpAddress: running ? i.PublicIpAddress : undefined, PrivateIpAddress: i.PrivateIpAddress,
  };
}
