import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client } from '@aws-sdk/client-ec2';
import { AwsClientStub, mockClient } from 'aws-sdk-client-mock';
import { isTsibleError } from '../../../../engine/errors';
import { fetchInstances, FetchRequest, toEc2Filters } from '../../../../engine/inventory/plugins/aws-ec2/fetch';
import { ACCOUNT } from './account';
import { asSdkGives, FakeEc2, instance, reservations } from './fake-ec2';

const FILE = '/srv/inv/prod.aws_ec2.yml';
const request = (over: Partial<FetchRequest> = {}): FetchRequest => ({
  file: FILE,
  regions: ['us-east-1'],
  includeFilters: [{}],
  excludeFilters: [],
  strictPermissions: true,
  ...over,
});
const client = (region: string | undefined) => new EC2Client({ region: region ?? 'us-east-1' });
const noWait = jest.fn(async () => undefined);
const ids = (found: { InstanceId?: string }[]) => found.map((i) => i.InstanceId);

describe('aws_ec2 inventory: DescribeInstances', () => {
  let ec2: FakeEc2;
  beforeEach(() => {
    ec2 = new FakeEc2(ACCOUNT);
    noWait.mockClear();
  });
  afterEach(() => ec2.restore());

  test('filters become EC2 Filters; without a state filter terminated instances are left out, as the plug-in does', () => {
    expect(toEc2Filters({ 'tag:env': 'prod', 'instance-type': ['t3.micro', 'r5.large'], 'source-dest-check': true, 'launch-index': 0 })).toEqual([
      { Name: 'tag:env', Values: ['prod'] },
      { Name: 'instance-type', Values: ['t3.micro', 'r5.large'] },
      { Name: 'source-dest-check', Values: ['true'] },
      { Name: 'launch-index', Values: ['0'] },
      { Name: 'instance-state-name', Values: ['running', 'pending', 'stopping', 'stopped'] },
    ]);
    expect(toEc2Filters({ 'instance-state-name': 'running' })).toEqual([{ Name: 'instance-state-name', Values: ['running'] }]);
  });

  test('the filters reach DescribeInstances in every region named, and the instances come back sorted by id', async () => {
    const found = await fetchInstances(request({ regions: ['us-west-2', 'us-east-1'], includeFilters: [{ 'tag:env': 'dev' }] }), { client });
    expect(ids(found)).toEqual(['i-0a05', 'i-0b10']);
    expect(new Set(ec2.calls.map((c) => c.region))).toEqual(new Set(['us-east-1', 'us-west-2']));
    for (const call of ec2.calls) expect(call.Filters).toContainEqual({ Name: 'tag:env', Values: ['dev'] });
    expect(ec2.regionCalls).toBe(0);
  });

  test('without regions every region DescribeRegions lists is read', async () => {
    const found = await fetchInstances(request({ regions: [] }), { client });
    expect(ec2.regionCalls).toBe(1);
    expect(ids(found)).toEqual(['i-0a01', 'i-0a02', 'i-0a03', 'i-0a05', 'i-0b10']);
  });

  test('every page is read (NextToken), and reservation ids are put on their instances', async () => {
    const found = await fetchInstances(request(), { client });
    expect(ec2.calls.map((c) => c.NextToken)).toEqual([undefined, '1', '2', '3']);
    expect(found).toHaveLength(4);
    expect(found[0]).toMatchObject({ InstanceId: 'i-0a01', OwnerId: '123456789012', RequesterId: '', ReservationId: 'r-0i-0a01' });
  });

  test('an instance an exclude filter matches is left out even when an include filter matches it', async () => {
    const found = await fetchInstances(request({ regions: ['us-east-1', 'us-west-2'], includeFilters: [{ 'tag:env': 'prod' }, { 'tag:env': 'dev' }], excludeFilters: [{ 'tag:Name': 'web-1' }] }), { client });
    expect(ids(found)).toEqual(['i-0a02', 'i-0a05', 'i-0b10']);
  });
});

describe('aws_ec2 inventory: AWS failures', () => {
  // Made here, not at load time: the other suite's mocks of the same class would restore over it.
  let mock: AwsClientStub<EC2Client>;
  beforeAll(() => {
    mock = mockClient(EC2Client);
  });
  afterEach(() => mock.reset());
  afterAll(() => mock.restore());
  const awsError = (name: string, status = 400) => Object.assign(new Error(`${name} (fake)`), { name, $metadata: { httpStatusCode: status } });

  test('throttling is retried after a wait, and the inventory is still complete', async () => {
    mock
      .on(DescribeInstancesCommand)
      .rejectsOnce(awsError('RequestLimitExceeded', 503))
      .resolves({ Reservations: reservations(instance('i-0c01')).map(asSdkGives) });
    const found = await fetchInstances(request(), { client, sleep: noWait });
    expect(ids(found)).toEqual(['i-0c01']);
    expect(noWait).toHaveBeenCalledTimes(1);
    expect(mock.commandCalls(DescribeInstancesCommand)).toHaveLength(2);
  });

  test('an AWS error names the inventory file, the call and the region, and says what to do', async () => {
    mock.on(DescribeInstancesCommand).rejects(awsError('AuthFailure', 401));
    const err = await fetchInstances(request(), { client, sleep: noWait }).catch((e: unknown) => e);
    expect(isTsibleError(err)).toBe(true);
    expect((err as Error).message).toBe(`aws_ec2 inventory ${FILE}: DescribeInstances in us-east-1 failed: AuthFailure: AuthFailure (fake)`);
    expect((err as { hint?: string }).hint).toMatch(/credentials were refused/);
  });

  test('a failing DescribeRegions says that naming regions avoids it', async () => {
    mock.on(DescribeRegionsCommand).rejects(awsError('UnauthorizedOperation', 403));
    const err = await fetchInstances(request({ regions: [] }), { client, sleep: noWait }).catch((e: unknown) => e);
    expect((err as Error).message).toContain(`aws_ec2 inventory ${FILE}: DescribeRegions (set 'regions' to skip it) failed: UnauthorizedOperation`);
  });

  test('with strict_permissions off a forbidden region is skipped; on, it is an error', async () => {
    mock.on(DescribeInstancesCommand).rejects(awsError('UnauthorizedOperation', 403));
    expect(await fetchInstances(request({ strictPermissions: false }), { client, sleep: noWait })).toEqual([]);
    await expect(fetchInstances(request(), { client, sleep: noWait })).rejects.toThrow(/UnauthorizedOperation/);
  });
});
