import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client, Filter, Instance, Reservation } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';

/**
 * A read-only EC2 account for the aws_ec2 inventory tests: reservations per region behind
 * aws-sdk-client-mock, DescribeInstances filtered (state, type, tags) and paged one reservation per
 * page, so paging is always exercised. The same data feeds real Ansible's plug-in (see ansible-aws-ec2.ts).
 */

/** Reservations as DescribeInstances gives them, with LaunchTime as ISO text so the data is JSON. */
export type Account = Record<string, Array<Omit<Reservation, 'Instances'> & { Instances: Array<Omit<Instance, 'LaunchTime'> & { LaunchTime?: string }> }>>;

export interface DescribeCall {
  region: string;
  Filters: Filter[];
  NextToken?: string;
}

export class FakeEc2 {
  readonly mock = mockClient(EC2Client);
  readonly calls: DescribeCall[] = [];
  regionCalls = 0;

  constructor(private readonly account: Account) {
    this.mock.on(DescribeRegionsCommand).callsFake(() => {
      this.regionCalls++;
      return { Regions: Object.keys(this.account).map((RegionName) => ({ RegionName })) };
    });
    this.mock.on(DescribeInstancesCommand).callsFake(async (input: { Filters?: Filter[]; NextToken?: string }, getClient) => {
      const region = await getClient().config.region();
      this.calls.push({ region, Filters: input.Filters ?? [], NextToken: input.NextToken });
      const pages = this.reservations(region, input.Filters ?? []);
      const index = input.NextToken ? Number(input.NextToken) : 0;
      const next = index + 1 < pages.length ? String(index + 1) : undefined;
      return { Reservations: pages.slice(index, index + 1), NextToken: next };
    });
  }

  restore(): void {
    this.mock.restore();
  }

  private reservations(region: string, filters: Filter[]): Reservation[] {
    return (this.account[region] ?? [])
      .map((r) => ({ ...r, Instances: r.Instances.filter((i) => matches(i, filters)) }))
      .filter((r) => r.Instances.length > 0)
      .map(asSdkGives);
  }
}

/** A reservation as the SDK gives it (LaunchTime a Date). */
export function asSdkGives(reservation: Account[string][number]): Reservation {
  return { ...reservation, Instances: reservation.Instances.map(thaw) };
}

export function matches(instance: Omit<Instance, 'LaunchTime'>, filters: Filter[]): boolean {
  return filters.every(({ Name, Values = [] }) => {
    let have: (string | undefined)[];
    if (Name === 'instance-state-name') have = [instance.State?.Name];
    else if (Name === 'instance-type') have = [instance.InstanceType];
    else if (Name?.startsWith('tag:')) have = (instance.Tags ?? []).filter((t) => t.Key === Name.slice(4)).map((t) => t.Value);
    else throw new Error(`the fake EC2 does not know filter ${Name}`);
    return have.some((v) => v !== undefined && Values.includes(v));
  });
}

function thaw(instance: Account[string][number]['Instances'][number]): Instance {
  return { ...instance, LaunchTime: instance.LaunchTime ? new Date(instance.LaunchTime) : undefined } as Instance;
}

/** An instance with the fields every real one has; `over` adds or replaces fields. */
export function instance(id: string, over: Partial<Account[string][number]['Instances'][number]> = {}): Account[string][number]['Instances'][number] {
  const ip = `10.0.0.${Number.parseInt(id.slice(-2), 16) % 250}`;
  return {
    InstanceId: id,
    ImageId: 'ami-0abc',
    InstanceType: 't3.micro',
    KeyName: 'deploy',
    LaunchTime: '2024-03-01T12:00:00.000Z',
    State: { Code: 16, Name: 'running' },
    PrivateDnsName: `ip-${ip.replace(/\./g, '-')}.ec2.internal`,
    PrivateIpAddress: ip,
    PublicDnsName: '',
    Placement: { AvailabilityZone: 'us-east-1a', GroupName: '', Tenancy: 'default' },
    SecurityGroups: [{ GroupId: 'sg-0web', GroupName: 'web' }],
    Tags: [],
    EbsOptimized: false,
    NetworkInterfaces: [],
    CpuOptions: { CoreCount: 1, ThreadsPerCore: 2 },
    VpcId: 'vpc-1',
    SubnetId: 'subnet-1',
    ...over,
  };
}

/** One reservation per instance, as run one at a time. */
export function reservations(...instances: Account[string][number]['Instances']): Account[string] {
  return instances.map((i, n) => ({ OwnerId: '123456789012', ReservationId: `r-${n}${i.InstanceId}`, Groups: [], Instances: [i] }));
}
