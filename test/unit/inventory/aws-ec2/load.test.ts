import { DescribeInstancesCommand, EC2Client } from '@aws-sdk/client-ec2';
import { mockClient } from 'aws-sdk-client-mock';
import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { Ec2ClientOptions } from '../../../../engine/aws/ec2-client';
import { loadInventory, loadInventoryWithPlugins } from '../../../../engine/inventory';
import { runTsibleInventory } from '../ansible-reference';

/** How the aws_ec2 plug-in meets the loader: clients, endpoints, failures, the synchronous path. */

function inventoryFile(text: string, name = 'inv.aws_ec2.yml'): { dir: string; file: string } {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-aws-ec2-load-'));
  writeFileSync(join(dir, name), text);
  return { dir, file: join(dir, name) };
}

describe('aws_ec2 inventory loading', () => {
  const mock = mockClient(EC2Client);
  afterEach(() => mock.reset());
  afterAll(() => mock.restore());

  test('each region gets a client with the endpoint_url and the (templated) aws_profile of the file', async () => {
    mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    const { dir } = inventoryFile("plugin: aws_ec2\nregions: [eu-west-1, eu-west-3]\nendpoint_url: http://localhost:4566\naws_profile: \"{{ 'dep' ~ 'loy' }}\"\n");
    const made: Ec2ClientOptions[] = [];
    const ec2Client = (opts: Ec2ClientOptions): EC2Client => {
      made.push(opts);
      return new EC2Client({ region: opts.region });
    };
    const inv = await loadInventoryWithPlugins(['inv.aws_ec2.yml'], { cwd: dir, pluginContext: { ec2Client } });
    expect(made).toEqual([
      { region: 'eu-west-1', endpoint: 'http://localhost:4566', profile: 'deploy' },
      { region: 'eu-west-3', endpoint: 'http://localhost:4566', profile: 'deploy' },
    ]);
    expect(inv.groups.get('aws_ec2')?.hosts).toEqual([]);
  });

  test('an AWS failure stops tsible-inventory with a message naming the inventory file', async () => {
    mock.on(DescribeInstancesCommand).rejects(Object.assign(new Error('Request has expired.'), { name: 'RequestExpired' }));
    const { dir, file } = inventoryFile('plugin: aws_ec2\nregions: [us-east-1]\n');
    const result = await runTsibleInventory(['-i', 'inv.aws_ec2.yml', '--list'], dir);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`ERROR! aws_ec2 inventory ${file}: DescribeInstances in us-east-1 failed: RequestExpired: Request has expired.`);
    expect(result.stdout).toBe('');
  });

  test('the synchronous loader, not given the prepared sources, skips a plug-in file with a warning', () => {
    const { dir, file } = inventoryFile('plugin: aws_ec2\n');
    const warnings: string[] = [];
    const inv = loadInventory(['inv.aws_ec2.yml'], { cwd: dir, onWarning: (m) => warnings.push(m) });
    expect(warnings[0]).toBe(`Skipping ${file}: inventory plugin 'aws_ec2' is not supported`);
    expect(inv.groups.has('aws_ec2')).toBe(false);
    expect(mock.calls()).toHaveLength(0);
  });

  test('a plug-in file inside an inventory directory is read with the static files beside it, and is its hosts\' inventory_file', async () => {
    mock.on(DescribeInstancesCommand).resolves({ Reservations: [{ Instances: [{ InstanceId: 'i-1', PrivateDnsName: 'ip-1.internal', Placement: { AvailabilityZone: 'us-east-1a' } }] }] });
    const { dir } = inventoryFile('plugin: aws_ec2\nregions: [us-east-1]\n', 'cloud.aws_ec2.yml');
    writeFileSync(join(dir, 'hosts'), '[db]\nip-1.internal\n');
    const inv = await loadInventoryWithPlugins([dir], { cwd: dir });
    expect(inv.groups.get('aws_ec2')?.hosts).toEqual(['ip-1.internal']);
    expect(inv.groupNames('ip-1.internal')).toEqual(['aws_ec2', 'db']);
    expect(inv.hostVars('ip-1.internal')).toMatchObject({ instance_id: 'i-1', placement: { region: 'us-east-1' }, inventory_file: join(dir, 'cloud.aws_ec2.yml') });
  });
});
