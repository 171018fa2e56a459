import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { runTsibleInventory } from '../ansible-reference';
import { ACCOUNT } from './account';
import { AnsibleRun, describeWithAwsEc2Plugin, runAnsibleAwsEc2 } from './ansible-aws-ec2';
import { FakeEc2 } from './fake-ec2';

/** Inventory files run through both real Ansible's aws_ec2 and tsible's, over the same fake account. */
const CASES: Record<string, string> = {
  'defaults in two regions': 'plugin: aws_ec2\nregions: [us-east-1, us-west-2]\n',
  'every region when none is named': 'plugin: amazon.aws.aws_ec2\n',
  'hostname preferences and constructed groups': `
plugin: aws_ec2
regions: us-east-1,us-west-2
hostnames: [tag:Name, ip-address, private-ip-address]
keyed_groups:
  - key: tags
    prefix: tag
  - key: instance_type
    prefix: type
  - key: placement.region
    prefix: aws_region
    parent_group: regions
  - key: tags.role
    prefix: role
    default_value: none
  - key: tags
    separator: '-'
    trailing_separator: false
  - key: security_groups | map(attribute='group_id') | list
    prefix: sg
  - key: state.name
groups:
  production: tags.env == 'prod'
  has_public_ip: public_ip_address is defined
  web-servers: "'web' in tags.Name"
compose:
  ansible_host: public_ip_address | default(private_ip_address)
  az: placement.availability_zone
  broken: no_such_variable + 1
`,
  'dict hostnames, tag equality, literals and public ips of interfaces': `
plugin: aws_ec2
regions: [us-east-1]
hostnames:
  - tag:env=dev
  - name: instance-id
    prefix: tag:role
    separator: '-'
  - network-interface.addresses.association.public-ip
  - name: fallback
    prefix: aws
`,
  'filters, include_filters and exclude_filters': `
plugin: aws_ec2
regions: [us-east-1, us-west-2]
hostnames: [instance-id]
filters:
  tag:env: prod
  instance-state-name: [running, stopped, terminated]
include_filters:
  - tag:env: [dev]
exclude_filters:
  - tag:Name: api-1
`,
  'duplicated hosts, prefixed vars and ec2.py compatibility': `
plugin: aws_ec2
regions: [us-west-2]
hostnames: [tag:Name, instance-id, private-dns-name]
allow_duplicated_hosts: true
hostvars_prefix: aws_
hostvars_suffix: _v
use_contrib_script_compatible_ec2_tag_keys: true
leading_separator: false
keyed_groups:
  - key: aws_tags_v.env
`,
  'ec2.py group sanitization keeps dashes': `
plugin: aws_ec2
regions: [us-east-1]
hostnames: [tag:Name, instance-id]
use_contrib_script_compatible_sanitization: true
keyed_groups:
  - {key: tags.Name, prefix: name}
  - {key: placement.availability_zone}
groups:
  web-tier: "'web' in tags.Name | default('')"
`,
  'magic variables in groups and keyed groups': `
plugin: aws_ec2
regions: [us-east-1]
hostnames: [tag:Name, private-dns-name]
groups:
  short_named: inventory_hostname_short == inventory_hostname
  tagged: "'tag_env_prod' in group_names"
  in_ec2: "'aws_ec2' in group_names"
keyed_groups:
  - {key: tags.env, prefix: tag_env}
  - {key: group_names, prefix: member}
  - {key: inventory_hostname_short, prefix: short}
compose:
  who: inventory_hostname | default('unset')
`,
  'the example file': readFileSync(join(__dirname, '../../../../examples/aws_ec2.yml'), 'utf8')
    .replace(/eu-west-3/g, 'us-east-1')
    .replace('tag:app: flaskr', 'tag:env: prod'),
};

describeWithAwsEc2Plugin('aws_ec2 inventory matches amazon.aws.aws_ec2', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-aws-ec2-compat-'));
  const names = Object.keys(CASES);
  const file = (i: number): string => `case${i}.aws_ec2.yml`;
  let reference: AnsibleRun[] = [];
  let ec2: FakeEc2;

  beforeAll(async () => {
    mkdirSync(join(dir, 'home'));
    names.forEach((name, i) => writeFileSync(join(dir, file(i)), CASES[name]));
    const runs = names.flatMap((_, i) => [['-i', file(i), '--list'], ['-i', file(i), '--graph']]);
    reference = await runAnsibleAwsEc2(ACCOUNT, runs, dir, join(dir, 'home'));
    ec2 = new FakeEc2(ACCOUNT);
  }, 60000);
  afterAll(() => ec2?.restore());

  test.each(names.map((name, i) => ({ name, i })))('$name: --list and --graph', async ({ i }) => {
    const [list, graph] = [reference[2 * i], reference[2 * i + 1]];
    expect(list.code).toBe(0);
    expect(list.stderr).not.toMatch(/Failed to parse/);
    const actual = await runTsibleInventory(['-i', file(i), '--list'], dir);
    // Only the sanitization case warns, so no warning is lost to Ansible showing each once per process.
    expect(actual.stderr).toBe(list.stderr);
    expect(JSON.parse(actual.stdout)).toEqual(JSON.parse(list.stdout));
    expect((await runTsibleInventory(['-i', file(i), '--graph'], dir)).stdout).toBe(graph.stdout);
  });
});
