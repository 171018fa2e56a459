import { safeGroupName } from '../group-names';
import { Ec2Instance, tagDict } from './host-vars';

/**
 * Naming EC2 instances as inventory hosts. Each preference is an EC2 DescribeInstances filter name
 * (read from the matching field of the instance), `tag:Key` / `tag:Key=Value` (a comma-separated
 * list of them), or, when it is neither, the literal text. The first preference that gives a
 * non-empty value names the host; an instance that none names is left out of the inventory.
 */

export type HostnamePreference = string | { name: string; prefix?: string; separator?: string };

/** The plug-in's default: public DNS name, else private DNS name. */
export const DEFAULT_HOSTNAMES: HostnamePreference[] = ['dns-name', 'private-dns-name'];

/** Filter names → the path of the field they match in an instance. */
const FIELD_OF_FILTER: Record<string, string[]> = {
  'architecture': ['Architecture'],
  'availability-zone': ['Placement', 'AvailabilityZone'],
  'client-token': ['ClientToken'],
  'dns-name': ['PublicDnsName'],
  'host-id': ['Placement', 'HostId'],
  'hypervisor': ['Hypervisor'],
  'iam-instance-profile.arn': ['IamInstanceProfile', 'Arn'],
  'image-id': ['ImageId'],
  'instance-id': ['InstanceId'],
  'instance-lifecycle': ['InstanceLifecycle'],
  'instance-state-code': ['State', 'Code'],
  'instance-state-name': ['State', 'Name'],
  'instance-type': ['InstanceType'],
  'instance.group-id': ['SecurityGroups', 'GroupId'],
  'instance.group-name': ['SecurityGroups', 'GroupName'],
  'ip-address': ['PublicIpAddress'],
  'kernel-id': ['KernelId'],
  'key-name': ['KeyName'],
  'launch-index': ['AmiLaunchIndex'],
  'network-interface.addresses.association.public-ip': ['NetworkInterfaces', 'PrivateIpAddresses', 'Association', 'PublicIp'],
  'network-interface.addresses.private-ip-address': ['NetworkInterfaces', 'PrivateIpAddress'],
  'network-interface.association.public-ip': ['NetworkInterfaces', 'Association', 'PublicIp'],
  'network-interface.ipv6-addresses.ipv6-address': ['NetworkInterfaces', 'Ipv6Addresses', 'Ipv6Address'],
  'network-interface.mac-address': ['NetworkInterfaces', 'MacAddress'],
  'network-interface.network-interface-id': ['NetworkInterfaces', 'NetworkInterfaceId'],
  'network-interface.private-dns-name': ['NetworkInterfaces', 'PrivateDnsName'],
  'network-interface.subnet-id': ['NetworkInterfaces', 'SubnetId'],
  'network-interface.vpc-id': ['NetworkInterfaces', 'VpcId'],
  'owner-id': ['OwnerId'],
  'placement-group-name': ['Placement', 'GroupName'],
  'platform': ['Platform'],
  'private-dns-name': ['PrivateDnsName'],
  'private-ip-address': ['PrivateIpAddress'],
  'ramdisk-id': ['RamdiskId'],
  'requester-id': ['RequesterId'],
  'reservation-id': ['ReservationId'],
  'root-device-name': ['RootDeviceName'],
  'root-device-type': ['RootDeviceType'],
  'spot-instance-request-id': ['SpotInstanceRequestId'],
  'subnet-id': ['SubnetId'],
  'tenancy': ['Placement', 'Tenancy'],
  'virtualization-type': ['VirtualizationType'],
  'vpc-id': ['VpcId'],
};

/** The host name of an instance: the first preference that gives one (undefined when none does). */
export function preferredHostname(instance: Ec2Instance, preferences: HostnamePreference[]): string | undefined {
  for (const preference of preferences.length ? preferences : DEFAULT_HOSTNAMES) {
    const name = hostnamesFrom(instance, preference)[0];
    if (name) return sanitizeHostname(name);
  }
  return undefined;
}

/** Every name the preferences give (allow_duplicated_hosts): the instance is added under each. */
export function allHostnames(instance: Ec2Instance, preferences: HostnamePreference[]): string[] {
  return (preferences.length ? preferences : DEFAULT_HOSTNAMES).flatMap((p) => hostnamesFrom(instance, p).map(sanitizeHostname));
}

function hostnamesFrom(instance: Ec2Instance, preference: HostnamePreference): string[] {
  if (typeof preference !== 'string') {
    const names = hostnamesFrom(instance, preference.name);
    const prefixes = preference.prefix ? hostnamesFrom(instance, preference.prefix) : [];
    if (!names.length || !prefixes.length) return names.slice(0, 1);
    return [`${prefixes[0]}${preference.separator ?? '_'}${names[0]}`];
  }
  if (preference.startsWith('tag:')) return tagHostnames(instance, preference.slice('tag:'.length));
  const path = FIELD_OF_FILTER[preference];
  if (!path) return [preference];
  const value = path.reduce<unknown>(pick, instance);
  const values = Array.isArray(value) ? value : [value];
  return values.filter((v) => v !== undefined && v !== null && v !== '').map(String);
}

/** `Name` gives the tag's value; `Name=web` gives `Name_web` when the tag has that value. */
function tagHostnames(instance: Ec2Instance, spec: string): string[] {
  const tags = tagDict(instance.Tags);
  const out: string[] = [];
  for (const item of spec.split(',')) {
    const eq = item.indexOf('=');
    if (eq < 0) {
      if (tags[item]) out.push(tags[item]);
    } else if (tags[item.slice(0, eq)] === item.slice(eq + 1)) {
      out.push(`${item.slice(0, eq)}_${item.slice(eq + 1)}`);
    }
  }
  return out;
}

/**
 * One step down a field path. Through a list the step is taken in every item and the non-empty
 * results kept, so a path through network interfaces gathers one value per interface; a single
 * result stands for itself rather than a list of one.
 */
function pick(node: unknown, field: string): unknown {
  if (node === null || node === undefined) return undefined;
  const found = Array.isArray(node) ? node.map((n) => pick(n, field)).filter(Boolean) : (node as Record<string, unknown>)[field];
  return Array.isArray(found) && found.length === 1 ? found[0] : found;
}

/** A name with a colon (an IPv6 address, a `tag:` literal) would read as host:port; Ansible makes it a safe name. */
function sanitizeHostname(name: string): string {
  return name.includes(':') ? safeGroupName(name) : name;
}
