import { CreateSecurityGroupCommand, RunInstancesCommand } from '@aws-sdk/client-ec2';
import { TsibleError } from '../../../engine/errors';
import { applyProvision, planProvision, provisionOutput } from '../../../engine/provision/operations';
import { renderPlan } from '../../../engine/provision/render-plan';
import { awsError, FakeAccount } from './fake-ec2';
import { fakeDeps, INVENTORY, freshEachTest, Project } from './project';

let account: FakeAccount;
let project: Project;
freshEachTest((a, p) => ([account, project] = [a, p]));

const plan = async () => renderPlan(await planProvision(fakeDeps(), project.config()));
const apply = (deps = fakeDeps()) => applyProvision(deps, project.config());

describe('plan', () => {
  it('on an empty account lists the group with its rules and the instance, and touches nothing', async () => {
    expect(await plan()).toEqual([
      '+ security group tsible-flaskr (inbound tcp/22 0.0.0.0/0, tcp/8080 0.0.0.0/0; all outbound)',
      '+ 1 instance t2.micro ami-0123456789abcdef0 (key pair flaskr-key)',
      '',
      'Plan: 2 to add, 0 to change, 0 to destroy.',
    ]);
    expect(account.calls).toEqual([]);
  });
});

describe('apply', () => {
  it('creates the group, its rules and the instance, tagged at creation, waits for ssh and writes the inventory', async () => {
    const probed: string[] = [];
    const deps = fakeDeps({ probePort: async (host, port) => (probed.push(`${host}:${port}`), probed.length > 1) });
    const { hosts } = await apply(deps);
    expect(account.calls).toEqual(['CreateSecurityGroup', 'AuthorizeSecurityGroupIngress', 'RunInstances']);
    expect(account.ingressKeys()).toEqual(['tcp/22 0.0.0.0/0', 'tcp/8080 0.0.0.0/0']);
    const sgTags = account.mock.commandCalls(CreateSecurityGroupCommand)[0].args[0].input.TagSpecifications;
    expect(sgTags?.[0]).toMatchObject({ ResourceType: 'security-group', Tags: expect.arrayContaining([{ Key: 'tsible:provision', Value: 'flaskr' }, { Key: 'project', Value: 'flaskr' }]) });
    const runTags = account.mock.commandCalls(RunInstancesCommand)[0].args[0].input.TagSpecifications;
    expect(runTags?.map((t) => t.ResourceType)).toEqual(['instance', 'volume']);
    expect(runTags?.[0].Tags).toContainEqual({ Key: 'tsible:provision', Value: 'flaskr' });
    const address = account.live()[0].PublicIpAddress;
    expect(hosts).toEqual([{ host: 'flaskr-1', address, instanceId: account.live()[0].InstanceId }]);
    expect(probed).toEqual([`${address}:22`, `${address}:22`]);
    expect(project.hosts()).toBe(`${INVENTORY}flaskr-1 ansible_host=${address}\n`);
  });

  it('run again changes nothing, and plan says so', async () => {
    await apply();
    const before = project.hosts();
    account.calls.length = 0;
    expect(await plan()).toEqual(['No changes. The instances and security group of "flaskr" match the configuration.']);
    await apply();
    expect(account.calls).toEqual([]);
    expect(project.hosts()).toBe(before);
  });

  it('starts more instances when the count goes up, and terminates the newest when it goes down', async () => {
    await apply();
    const first = account.live()[0];
    project.set({ instance_count: 3 });
    expect(await plan()).toContain('+ 2 instances t2.micro ami-0123456789abcdef0 (key pair flaskr-key)');
    await apply();
    const three = account.live();
    expect(project.hosts()).toBe(`${INVENTORY}${three.map((i, n) => `flaskr-${n + 1} ansible_host=${i.PublicIpAddress}\n`).join('')}`);

    project.set({ instance_count: 1 });
    const lines = await plan();
    expect(lines.filter((l) => l.startsWith('- terminate')).map((l) => l.split(' ')[2])).toEqual([three[2].InstanceId, three[1].InstanceId]);
    expect(lines).toContain('Plan: 0 to add, 0 to change, 2 to destroy.');
    await apply();
    expect(account.live().map((i) => i.InstanceId)).toEqual([first.InstanceId]);
    expect(project.hosts()).toBe(`${INVENTORY}flaskr-1 ansible_host=${first.PublicIpAddress}\n`);
  });

  it('converges drifted rules: the missing authorized, the extra revoked', async () => {
    await apply();
    const group = [...account.groups.values()][0];
    group.ingress = group.ingress.filter((r) => r.FromPort !== 8080);
    group.ingress.push({ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, CidrIp: '0.0.0.0/0' });
    expect(await plan()).toEqual([
      `~ ingress rules of ${group.GroupId} (tsible-flaskr): add tcp/8080 0.0.0.0/0, revoke tcp/3306 0.0.0.0/0`,
      '',
      'Plan: 0 to add, 1 to change, 0 to destroy.',
    ]);
    await apply();
    expect(account.ingressKeys()).toEqual(['tcp/22 0.0.0.0/0', 'tcp/8080 0.0.0.0/0']);
  });

  it('sets tags added to provision.yml on the group and the instances', async () => {
    await apply();
    project.set({ tags: '{project: flaskr, team: blog}' });
    const sg = [...account.groups.keys()][0];
    const id = account.live()[0].InstanceId;
    expect(await plan()).toEqual([`~ tags of ${sg}: team=blog`, `~ tags of ${id}: team=blog`, '', 'Plan: 0 to add, 2 to change, 0 to destroy.']);
    await apply();
    expect(account.calls.slice(-1)).toEqual(['CreateTags']);
    expect(account.live()[0].Tags).toContainEqual({ Key: 'team', Value: 'blog' });
    expect(await plan()).toEqual(['No changes. The instances and security group of "flaskr" match the configuration.']);
  });

  it('notes an instance of another type than configured, and does not replace it', async () => {
    await apply();
    project.set({ instance_type: 't3.small' });
    const id = account.live()[0].InstanceId;
    expect(await plan()).toEqual([
      `! ${id} is t2.micro, not t3.small: kept as it is (destroy, then apply, to replace it)`,
      'No changes. The instances and security group of "flaskr" match the configuration.',
    ]);
  });

  it('keeps IPv6 sources apart: ssh from ::/0 is its own rule, added and later revoked', async () => {
    project.set({ ingress: '[22, {port: 22, cidr: "::/0"}]' });
    await apply();
    expect(account.ingressKeys()).toEqual(['tcp/22 0.0.0.0/0', 'tcp/22 ::/0']);
    expect(await plan()).toEqual(['No changes. The instances and security group of "flaskr" match the configuration.']);
    project.set({ ingress: '[22]' });
    expect(await plan()).toContain(`~ ingress rules of ${[...account.groups.keys()][0]} (tsible-flaskr): revoke tcp/22 ::/0`);
    await apply();
    expect(account.ingressKeys()).toEqual(['tcp/22 0.0.0.0/0']);
  });

  it('launches the newest image matching the name filter', async () => {
    account.images = [
      { ImageId: 'ami-0old', Name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240101', OwnerId: '099720109477', CreationDate: '2024-01-01T00:00:00.000Z' },
      { ImageId: 'ami-0new', Name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20250301', OwnerId: '099720109477', CreationDate: '2025-03-01T00:00:00.000Z' },
      { ImageId: 'ami-0mid', Name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20240601', OwnerId: '099720109477', CreationDate: '2024-06-01T00:00:00.000Z' },
      { ImageId: 'ami-0arm', Name: 'ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-arm64-server-20251001', OwnerId: '099720109477', CreationDate: '2025-10-01T00:00:00.000Z' },
    ];
    project.set({ ami: '{name: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*", owner: "099720109477"}' });
    expect(await plan()).toContain('+ 1 instance t2.micro ami-0new (key pair flaskr-key)');
    await apply();
    expect(account.live()[0].ImageId).toBe('ami-0new');
  });

  it('says which image filter matched nothing, and where it is written', async () => {
    project.set({ ami: '{name: "no-such-image-*", owner: "099720109477"}' });
    const err = await planProvision(fakeDeps(), project.config()).catch((e: TsibleError) => e);
    expect(err).toBeInstanceOf(TsibleError);
    expect((err as TsibleError).message).toBe('no AMI owned by 099720109477 matches the name no-such-image-*');
    expect((err as TsibleError).origin).toMatchObject({ file: expect.stringMatching(/provision\.yml$/), line: 3, column: 6 });
  });

  it('retries throttled calls after a growing wait, launching once with one client token', async () => {
    account.fail('DescribeSecurityGroups', awsError('RequestLimitExceeded'), awsError('Throttling'));
    account.fail('RunInstances', awsError('ServiceUnavailable'), awsError('ThrottlingException'));
    const deps = fakeDeps();
    await apply(deps);
    expect(account.live()).toHaveLength(1);
    const tokens = account.mock.commandCalls(RunInstancesCommand).map((c) => c.args[0].input.ClientToken);
    expect(tokens).toHaveLength(3);
    expect(new Set(tokens).size).toBe(1);
    expect(deps.slept.slice(0, 2)).toEqual([500, 1000]);
  });

  it('retries a call that does not see the group it just created yet', async () => {
    account.fail('AuthorizeSecurityGroupIngress', awsError('InvalidGroup.NotFound'));
    account.fail('RunInstances', awsError('InvalidGroup.NotFound'));
    await apply();
    expect(account.ingressKeys()).toEqual(['tcp/22 0.0.0.0/0', 'tcp/8080 0.0.0.0/0']);
    expect(account.live()).toHaveLength(1);
  });

  it('stops waiting for an instance that never leaves pending, naming it and what to do', async () => {
    account.pendingDescribes = Infinity;
    const err = await apply().catch((e: TsibleError) => e) as TsibleError;
    const id = account.live()[0].InstanceId;
    expect(err.message).toBe(`instance ${id} (pending) not running after 300s`);
    expect(err.hint).toMatch(/tsible-provision apply.*again.*tsible-provision destroy/);
  });

  it('after RunInstances is refused once the group exists, a rerun converges without a second group', async () => {
    account.fail('RunInstances', awsError('InstanceLimitExceeded', 'You have requested more instances (1) than your current instance limit of 0 allows'));
    const err = await apply().catch((e: TsibleError) => e) as TsibleError;
    expect(err.message).toMatch(/^RunInstances failed: InstanceLimitExceeded: You have requested more instances/);
    expect(err.hint).toMatch(/quota/);
    expect(account.groups.size).toBe(1);
    expect(project.hosts()).toBe(INVENTORY);
    account.calls.length = 0;
    expect(await plan()).toEqual(['+ 1 instance t2.micro ami-0123456789abcdef0 (key pair flaskr-key)', '', 'Plan: 1 to add, 0 to change, 0 to destroy.']);
    await apply();
    expect(account.calls).toEqual(['RunInstances']);
    expect(account.groups.size).toBe(1);
    expect(project.hosts()).toMatch(/^flaskr-1 ansible_host=203\.0\.113\.\d+$/m);
  });

  it('starts an instance found stopped instead of launching another', async () => {
    await apply();
    account.live()[0].state = 'stopped';
    expect(await plan()).toEqual([`~ start ${account.live()[0].InstanceId} (stopped)`, '', 'Plan: 0 to add, 1 to change, 0 to destroy.']);
    await apply();
    expect(account.live().map((i) => i.state)).toEqual(['running']);
  });
});

describe('output', () => {
  it('lists the running instances as inventory lines', async () => {
    await apply();
    expect(await provisionOutput(fakeDeps(), project.config())).toEqual([
      { host: 'flaskr-1', address: account.live()[0].PublicIpAddress, instanceId: account.live()[0].InstanceId },
    ]);
  });
});
