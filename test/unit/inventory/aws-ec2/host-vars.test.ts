import { execFileSync } from 'child_process';
import { camelToSnake, ec2HostVars, tagDict } from '../../../../engine/inventory/plugins/aws-ec2/host-vars';
import { describeWithAnsible } from '../ansible-reference';

/** Field names of DescribeInstances with every casing pattern the conversion meets. */
const NAMES = [
  'InstanceId', 'PublicIpAddress', 'Ipv6Address', 'Ipv4Prefixes', 'EbsOptimized', 'EnaSupport', 'SriovNetSupport',
  'AmiLaunchIndex', 'CpuOptions', 'HttpPutResponseHopLimit', 'InstanceMetadataTags', 'TargetGroupARNs',
  'EnableResourceNameDnsAAAARecord', 'EnableResourceNameDnsARecord', 'CurrentInstanceBootMode', 'TpmSupport',
  'AmdSevSnp', 'DNSName', 'ARN', 'VPCs', 'ENIs', 'SGId', 'UsageOperationUpdateTime', 'NetworkCardIndex', 'Tags',
];

describe('aws_ec2 host variables', () => {
  test('CamelCase field names become snake_case as boto users know them', () => {
    expect(NAMES.slice(0, 12).map(camelToSnake)).toEqual([
      'instance_id', 'public_ip_address', 'ipv6_address', 'ipv4_prefixes', 'ebs_optimized', 'ena_support', 'sriov_net_support',
      'ami_launch_index', 'cpu_options', 'http_put_response_hop_limit', 'instance_metadata_tags', 'target_group_arns',
    ]);
  });

  test('tags are a plain mapping, placement gets the region, times are Python isoformat, nested lists are converted', () => {
    const vars = ec2HostVars({
      InstanceId: 'i-1',
      LaunchTime: new Date('2024-05-06T07:08:09.250Z'),
      Placement: { AvailabilityZone: 'eu-west-3b' },
      Tags: [{ Key: 'Name', Value: 'web' }, { Key: 'CamelKey', Value: 'x' }],
      BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1', DeleteOnTermination: true } }],
    });
    expect(vars).toEqual({
      instance_id: 'i-1',
      launch_time: '2024-05-06T07:08:09.250000+00:00',
      placement: { availability_zone: 'eu-west-3b', region: 'eu-west-3' },
      tags: { Name: 'web', CamelKey: 'x' },
      block_device_mappings: [{ device_name: '/dev/xvda', ebs: { volume_id: 'vol-1', delete_on_termination: true } }],
    });
    expect(tagDict(undefined)).toEqual({});
  });

  test('hostvars_prefix/suffix rename every variable; ec2.py tag keys are added on request', () => {
    const vars = ec2HostVars({ InstanceId: 'i-1', Tags: [{ Key: 'env', Value: 'dev' }] }, { prefix: 'aws_', suffix: '_x', contribTagKeys: true });
    expect(vars).toEqual({ aws_instance_id_x: 'i-1', aws_tags_x: { env: 'dev' }, aws_ec2_tag_env_x: 'dev' });
  });
});

describeWithAnsible('aws_ec2 host variable names match Ansible', () => {
  test("camelToSnake agrees with ansible's camel_dict_to_snake_dict", () => {
    const script = 'import json,sys\nfrom ansible.module_utils.common.dict_transformations import _camel_to_snake as c\nprint(json.dumps([c(n) for n in json.load(sys.stdin)]))';
    const theirs = JSON.parse(execFileSync('/usr/bin/python3', ['-c', script], { input: JSON.stringify(NAMES) }).toString()) as string[];
    expect(NAMES.map(camelToSnake)).toEqual(theirs);
  });
});
