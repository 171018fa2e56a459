import { Account, instance, reservations } from './fake-ec2';

/** Two regions of instances in every shape the plug-in treats differently. */
export const ACCOUNT: Account = {
  'us-east-1': reservations(
    instance('i-0a01', {
      PublicDnsName: 'ec2-3-1-1-1.compute-1.amazonaws.com',
      PublicIpAddress: '3.1.1.1',
      Tags: [{ Key: 'Name', Value: 'web-1' }, { Key: 'env', Value: 'prod' }, { Key: 'role', Value: 'web' }],
    }),
    instance('i-0a02', {
      InstanceType: 'r5.large',
      State: { Code: 80, Name: 'stopped' },
      Tags: [{ Key: 'Name', Value: 'db-1' }, { Key: 'env', Value: 'prod' }, { Key: 'role', Value: '' }],
      Placement: { AvailabilityZone: 'us-east-1c', GroupName: '', Tenancy: 'default' },
    }),
    instance('i-0a03'),
    instance('i-0a04', { State: { Code: 48, Name: 'terminated' }, Tags: [{ Key: 'Name', Value: 'gone' }] }),
    instance('i-0a05', {
      Tags: [{ Key: 'Name', Value: 'web 2:x' }, { Key: 'env', Value: 'dev' }],
      NetworkInterfaces: [{ NetworkInterfaceId: 'eni-5', PrivateIpAddresses: [{ Primary: true, PrivateIpAddress: '10.0.0.5', Association: { PublicIp: '3.5.5.5' } }] }],
    }),
  ),
  'us-west-2': reservations(
    instance('i-0b10', {
      Tags: [{ Key: 'Name', Value: 'api-1' }, { Key: 'env', Value: 'dev' }],
      Placement: { AvailabilityZone: 'us-west-2b', GroupName: '', Tenancy: 'default' },
    }),
  ),
};
