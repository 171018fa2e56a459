import type { IpPermission } from '@aws-sdk/client-ec2';

/** One inbound rule as provision.yml asks for it: a single port from one CIDR. */
export interface IngressRule {
  protocol: 'tcp' | 'udp';
  port: number;
  cidr: string;
}

/** One inbound rule the security group has now, with the exact permission needed to revoke it. */
export interface ExistingRule {
  /** `tcp/8080 0.0.0.0/0`, the same text a configured rule has when they are the same rule. */
  key: string;
  permission: IpPermission;
}

export interface GroupState {
  id: string;
  name: string;
  ingress: ExistingRule[];
  /** Whether all outbound traffic is allowed (the default of a new group). */
  egressAllOut: boolean;
  tags: Record<string, string>;
}

export interface InstanceState {
  id: string;
  state: string;
  launchTime?: Date;
  instanceType?: string;
  imageId?: string;
  publicIp?: string;
  privateIp?: string;
  tags: Record<string, string>;
}

/** What exists in the account for one provision.yml name, found by its tag. */
export interface ProvisionState {
  group?: GroupState;
  /** Not terminated (nor shutting down), oldest first. */
  instances: InstanceState[];
}

/** What apply would do: computed from the configuration and the state, touching nothing. */
export interface Plan {
  name: string;
  groupName: string;
  /** The existing group, or undefined when it is to be created. */
  group?: GroupState;
  /** Rules to authorize: all of them for a new group. */
  addRules: IngressRule[];
  revokeRules: ExistingRule[];
  addEgressAllOut: boolean;
  launch: { count: number; imageId: string; instanceType: string; keyName: string };
  start: InstanceState[];
  /** Resources that lack some configured tags (or have another value), with the tags to set. */
  retag: Retag[];
  terminate: InstanceState[];
  /** Instances kept whose type is not the configured one: reported, not replaced. */
  otherType: InstanceState[];
  /** The instances that remain, oldest first. */
  keep: InstanceState[];
}

export interface Retag {
  id: string;
  tags: Record<string, string>;
}

/** The tag that marks everything a provision.yml created; its value is the configuration's name. */
export const PROVISION_TAG = 'tsible:provision';

export function ruleKey(rule: IngressRule): string {
  return `${rule.protocol}/${rule.port} ${rule.cidr}`;
}
