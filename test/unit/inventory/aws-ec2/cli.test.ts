import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runTsibleInventory } from '../ansible-reference';
import { ACCOUNT } from './account';
import { FakeEc2 } from './fake-ec2';

/** tsible-inventory in-process over the fake account: what a user sees of an aws_ec2 inventory. */

let ec2: FakeEc2;
beforeEach(() => {
  ec2 = new FakeEc2(ACCOUNT);
});
afterEach(() => ec2.restore());

function project(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-aws-ec2-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

async function list(config: string, warning = ''): Promise<{ hostvars: Record<string, Record<string, unknown>>; groups: Record<string, { hosts?: string[]; children?: string[] }> }> {
  const dir = project({ 'inv.aws_ec2.yml': config });
  const result = await runTsibleInventory(['-i', 'inv.aws_ec2.yml', '--list'], dir);
  expect(result.stderr.replace(/\s+/g, ' ').trim()).toBe(warning);
  const out = JSON.parse(result.stdout) as Record<string, unknown> & { _meta: { hostvars: Record<string, Record<string, unknown>> } };
  return { hostvars: out._meta.hostvars, groups: out as never };
}

describe('aws_ec2 inventory in tsible-inventory', () => {
  test('host variables are DescribeInstances in snake_case, tags a plain mapping, every host in aws_ec2', async () => {
    const { hostvars, groups } = await list('plugin: aws_ec2\nregions: [us-east-1]\n');
    expect(groups.aws_ec2.hosts).toEqual(['ec2-3-1-1-1.compute-1.amazonaws.com', 'ip-10-0-0-2.ec2.internal', 'ip-10-0-0-3.ec2.internal', 'ip-10-0-0-5.ec2.internal']);
    expect(groups.all.children).toEqual(['ungrouped', 'aws_ec2']);
    expect(hostvars['ec2-3-1-1-1.compute-1.amazonaws.com']).toEqual({
      cpu_options: { core_count: 1, threads_per_core: 2 },
      ebs_optimized: false,
      image_id: 'ami-0abc',
      instance_id: 'i-0a01',
      instance_type: 't3.micro',
      key_name: 'deploy',
      launch_time: '2024-03-01T12:00:00+00:00',
      network_interfaces: [],
      owner_id: '123456789012',
      placement: { availability_zone: 'us-east-1a', group_name: '', region: 'us-east-1', tenancy: 'default' },
      private_dns_name: 'ip-10-0-0-1.ec2.internal',
      private_ip_address: '10.0.0.1',
      public_dns_name: 'ec2-3-1-1-1.compute-1.amazonaws.com',
      public_ip_address: '3.1.1.1',
      requester_id: '',
      reservation_id: 'r-0i-0a01',
      security_groups: [{ group_id: 'sg-0web', group_name: 'web' }],
      state: { code: 16, name: 'running' },
      subnet_id: 'subnet-1',
      tags: { Name: 'web-1', env: 'prod', role: 'web' },
      vpc_id: 'vpc-1',
    });
  });

  test.each([
    ['the first preference that has a value', '[tag:Name, private-ip-address]', ['web-1', 'db-1', '10.0.0.3', 'web_2_x']],
    // Two instances given one name are one host, as in Ansible.
    ['tag:Key=Value as Key_Value, else the next', '[tag:env=prod, instance-id]', ['env_prod', 'i-0a03', 'i-0a05']],
    ['a public address through the network interfaces', '[network-interface.addresses.association.public-ip, ip-address, instance-id]', ['3.1.1.1', 'i-0a02', 'i-0a03', '3.5.5.5']],
    ['a prefix and separator in the mapping form', "[{name: instance-id, prefix: 'tag:env', separator: '.'}]", ['prod.i-0a01', 'prod.i-0a02', 'i-0a03', 'dev.i-0a05']],
    ['a name that is no field is a literal', '[tag:nosuch, {name: box, prefix: aws, separator: "-"}]', ['aws-box']],
  ])('hostnames: %s', async (_what, hostnames, expected) => {
    const { groups } = await list(`plugin: aws_ec2\nregions: [us-east-1]\nhostnames: ${hostnames}\n`);
    expect(groups.aws_ec2.hosts).toEqual(expected);
  });

  test('keyed_groups: tags, instance_type, placement.region with prefix, separator, parent_group and default_value', async () => {
    const { groups } = await list(`
plugin: aws_ec2
regions: [us-east-1, us-west-2]
hostnames: [tag:Name, instance-id]
keyed_groups:
  - {key: tags, prefix: tag}
  - {key: instance_type, prefix: type, separator: '-'}
  - {key: placement.region, prefix: aws_region, parent_group: regions}
  - {key: tags.role, prefix: role, default_value: unassigned}
  - {key: tags.env}
`);
    expect(groups.tag_Name_web_1.hosts).toEqual(['web-1']);
    expect(groups.tag_env_prod.hosts).toEqual(['web-1', 'db-1']);
    expect(groups.type_r5_large.hosts).toEqual(['db-1']);
    expect(groups.regions.children).toEqual(['aws_region_us_east_1', 'aws_region_us_west_2']);
    expect(groups.aws_region_us_west_2.hosts).toEqual(['api-1']);
    expect(groups.role_unassigned.hosts).toEqual(['db-1']);
    // No prefix still puts the separator first, as Ansible does unless leading_separator is false.
    expect(groups._dev.hosts).toEqual(['web_2_x', 'api-1']);
  });

  test('keyed_groups: an empty tag value with trailing_separator false; no leading separator when leading_separator is false', async () => {
    const { groups } = await list(`
plugin: aws_ec2
regions: [us-east-1]
hostnames: [tag:Name, instance-id]
leading_separator: false
keyed_groups:
  - {key: tags, prefix: t, trailing_separator: false}
  - {key: tags.env}
`);
    expect(groups.t_role.hosts).toEqual(['db-1']);
    expect(groups.t_role_web.hosts).toEqual(['web-1']);
    expect(groups.prod.hosts).toEqual(['web-1', 'db-1']);
  });

  test('allow_duplicated_hosts adds an instance under every name; ec2.py sanitization keeps dashes', async () => {
    const { groups } = await list(`
plugin: aws_ec2
regions: [us-west-2]
hostnames: [tag:Name, instance-id]
allow_duplicated_hosts: true
use_contrib_script_compatible_sanitization: true
keyed_groups:
  - {key: placement.availability_zone, prefix: az}
`, '[WARNING]: Invalid characters were found in group names but not replaced, use -vvvv to see details');
    expect(groups.aws_ec2.hosts).toEqual(['api-1', 'i-0b10']);
    expect(groups['az_us-west-2b'].hosts).toEqual(['api-1', 'i-0b10']);
  });

  test('groups (conditionals) and compose see the host variables; compose results are host variables', async () => {
    const { hostvars, groups } = await list(`
plugin: aws_ec2
regions: [us-east-1]
hostnames: [instance-id]
compose:
  ansible_host: public_ip_address | default(private_ip_address)
  zone: placement.availability_zone
groups:
  production: tags.env | default('') == 'prod'
  public: ansible_host.startswith('3.')
`);
    expect(hostvars['i-0a01']).toMatchObject({ ansible_host: '3.1.1.1', zone: 'us-east-1a' });
    expect(hostvars['i-0a02']).toMatchObject({ ansible_host: '10.0.0.2', zone: 'us-east-1c' });
    expect(groups.production.hosts).toEqual(['i-0a01', 'i-0a02']);
    expect(groups.public.hosts).toEqual(['i-0a01']);
  });

  test('strict: false leaves out what a bad expression would have made; strict: true stops at it', async () => {
    const config = (strict: boolean) => `plugin: aws_ec2\nregions: [us-east-1]\nstrict: ${strict}\nhostnames: [instance-id]\ncompose:\n  port: nosuch + 1\n  ok: instance_type\nkeyed_groups:\n  - key: nosuch\n`;
    const lenient = await list(config(false));
    expect(lenient.hostvars['i-0a01']).toMatchObject({ ok: 't3.micro' });
    expect(lenient.hostvars['i-0a01']).not.toHaveProperty('port');
    const dir = project({ 'inv.aws_ec2.yml': config(true) });
    const result = await runTsibleInventory(['-i', 'inv.aws_ec2.yml', '--list'], dir);
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('Could not set port for host i-0a01');
    expect(result.stderr).toContain(`${join(dir, 'inv.aws_ec2.yml')}:6:9`);
  });

  test('group_vars and host_vars beside the file apply, under the host variables and over them', async () => {
    const dir = project({
      'inv/prod.aws_ec2.yml': 'plugin: aws_ec2\nregions: [us-east-1]\nhostnames: [tag:Name]\ncompose:\n  zone: placement.availability_zone\n',
      'inv/group_vars/aws_ec2.yml': 'ansible_user: ubuntu\ninstance_type: from_group_vars\n',
      'inv/host_vars/web-1.yml': 'zone: from_host_vars\n',
    });
    const result = await runTsibleInventory(['-i', 'inv', '--host', 'web-1'], dir);
    expect(JSON.parse(result.stdout)).toMatchObject({ ansible_user: 'ubuntu', instance_type: 't3.micro', zone: 'from_host_vars' });
  });

  test('--graph shows the constructed tree', async () => {
    const dir = project({ 'x.aws_ec2.yaml': 'plugin: aws_ec2\nregions: [us-west-2]\nhostnames: [tag:Name]\nkeyed_groups:\n  - {key: tags.env, prefix: env, parent_group: envs}\n' });
    const result = await runTsibleInventory(['-i', 'x.aws_ec2.yaml', '--graph'], dir);
    expect(result.stdout).toBe('@all:\n  |--@ungrouped:\n  |--@aws_ec2:\n  |  |--api-1\n  |--@envs:\n  |  |--@env_dev:\n  |  |  |--api-1\n');
  });

  test('a bad option is an error at its file:line:column; an unknown one is a warning there', async () => {
    const dir = project({ 'inv.aws_ec2.yml': 'plugin: aws_ec2\nregoins: [us-east-1]\nhostnames: {a: 1}\nkeyed_groups:\n  - prefix: x\n' });
    const result = await runTsibleInventory(['-i', 'inv.aws_ec2.yml', '--list'], dir);
    const file = join(dir, 'inv.aws_ec2.yml');
    const stderr = result.stderr.replace(/\s+/g, ' ');
    expect(result.code).toBe(4);
    expect(stderr).toContain(`${file}:2:1: ignoring unknown aws_ec2 option 'regoins' (did you mean 'regions'?)`);
    expect(stderr).toContain(`ERROR! aws_ec2 inventory: hostnames must be a list at ${file}:3:12`);
    expect(stderr).toContain(`ERROR! aws_ec2 inventory: keyed_groups[0]: 'key' is required and must be an expression at ${file}:5:5`);
  });

  test('access keys in the file are refused with what to do instead', async () => {
    const dir = project({ 'inv.aws_ec2.yml': 'plugin: aws_ec2\naws_access_key: AKIA\n' });
    const result = await runTsibleInventory(['-i', 'inv.aws_ec2.yml', '--list'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('aws_access_key is not supported by tsible');
    expect(result.stderr).toContain('AWS_ACCESS_KEY_ID');
  });

  test("a file not named *aws_ec2.yml is skipped, as the plug-in refuses it; a plug-in Ansible's loader does not know either is unparsed", async () => {
    const dir = project({ 'ec2.yml': 'plugin: aws_ec2\n', 'other.yml': 'plugin: foo_bar\n' });
    const result = await runTsibleInventory(['-i', 'ec2.yml', '-i', 'other.yml', '--list'], dir);
    const stderr = result.stderr.replace(/\s+/g, ' ');
    expect(result.code).toBe(0);
    expect(stderr).toContain("only reads files whose names end in 'aws_ec2.yml'");
    expect(stderr).toContain("specifies unknown plugin 'foo_bar'");
    expect(ec2.calls).toEqual([]);
  });
});

test('examples/aws_ec2.yml builds the groups it promises', async () => {
  const example = readFileSync(join(__dirname, '../../../../examples/aws_ec2.yml'), 'utf8').replace(/eu-west-3/g, 'us-east-1').replace('tag:app: flaskr', 'tag:role: web');
  const dir = project({ 'aws_ec2.yml': example });
  const result = await runTsibleInventory(['-i', 'aws_ec2.yml', '--host', 'web-1'], dir);
  expect(result.stderr).toBe('');
  expect(JSON.parse(result.stdout)).toMatchObject({ ansible_host: '3.1.1.1', ansible_user: 'ubuntu' });
  const graph = await runTsibleInventory(['-i', 'aws_ec2.yml', '--graph', 'regions'], dir);
  expect(graph.stdout).toBe('@regions:\n  |--@aws_region_us_east_1:\n  |  |--web-1\n');
  const web = await runTsibleInventory(['-i', 'aws_ec2.yml', '--graph', 'webservers'], dir);
  expect(web.stdout).toBe('@webservers:\n  |--web-1\n');
});
