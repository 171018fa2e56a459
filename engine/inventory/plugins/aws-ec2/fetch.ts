import { DescribeInstancesCommand, DescribeRegionsCommand, EC2Client, Filter } from '@aws-sdk/client-ec2';
import { describeAwsError } from '../../../aws/aws-errors';
import { withAwsRetry } from '../../../aws/retry';
import { Ec2Instance } from './host-vars';

/**
 * The instances an aws_ec2 inventory file selects: DescribeInstances in each region (all of the
 * account's when none are named), once per include filter, minus those an exclude filter matches,
 * sorted by instance id so the inventory's order does not depend on AWS's.
 */

export interface FetchRequest {
  file: string;
  regions: string[];
  includeFilters: Record<string, unknown>[];
  excludeFilters: Record<string, unknown>[];
  strictPermissions: boolean;
}

export interface FetchDeps {
  /** A client for a region; undefined asks for the default region (used for DescribeRegions). */
  client: (region: string | undefined) => EC2Client;
  /** Waits between throttled attempts (tests pass one that does not wait). */
  sleep?: (ms: number) => Promise<void>;
}

/** Without a state filter the plug-in lists every instance that is not terminated or terminating. */
const LIVE_STATES = ['running', 'pending', 'stopping', 'stopped'];

const FORBIDDEN = 403;

export async function fetchInstances(req: FetchRequest, deps: FetchDeps): Promise<Ec2Instance[]> {
  const regions = req.regions.length ? req.regions : await accountRegions(req, deps);
  const ignored = new Set<string>();
  for (const filter of req.excludeFilters) {
    for (const instance of await inRegions(regions, filter, req, deps)) ignored.add(String(instance.InstanceId));
  }
  const found: Ec2Instance[] = [];
  for (const filter of req.includeFilters) {
    for (const instance of await inRegions(regions, filter, req, deps)) {
      const id = String(instance.InstanceId);
      if (ignored.has(id)) continue;
      ignored.add(id);
      found.push(instance);
    }
  }
  return found.sort((a, b) => (String(a.InstanceId) < String(b.InstanceId) ? -1 : String(a.InstanceId) > String(b.InstanceId) ? 1 : 0));
}

/** Ansible's filter dict as EC2 Filters: a scalar is a one-value list, booleans are `true`/`false`. */
export function toEc2Filters(filters: Record<string, unknown>): Filter[] {
  const out = Object.entries(filters).map(([Name, value]) => ({
    Name,
    Values: (Array.isArray(value) ? value : [value]).map(String),
  }));
  if (!out.some((f) => f.Name === 'instance-state-name')) out.push({ Name: 'instance-state-name', Values: [...LIVE_STATES] });
  return out;
}

async function accountRegions(req: FetchRequest, deps: FetchDeps): Promise<string[]> {
  const client = deps.client(undefined);
  try {
    const answer = await withAwsRetry(() => client.send(new DescribeRegionsCommand({})), { sleep: deps.sleep });
    return (answer.Regions ?? []).map((r) => r.RegionName).filter((r): r is string => Boolean(r));
  } catch (err) {
    throw describeAwsError(`aws_ec2 inventory ${req.file}: DescribeRegions (set 'regions' to skip it)`, err);
  }
}

async function inRegions(regions: string[], filter: Record<string, unknown>, req: FetchRequest, deps: FetchDeps): Promise<Ec2Instance[]> {
  const perRegion = await Promise.all(regions.map((region) => inRegion(region, toEc2Filters(filter), req, deps)));
  return perRegion.flat();
}

async function inRegion(region: string, Filters: Filter[], req: FetchRequest, deps: FetchDeps): Promise<Ec2Instance[]> {
  const client = deps.client(region);
  const instances: Ec2Instance[] = [];
  let NextToken: string | undefined;
  try {
    do {
      const page = await withAwsRetry(() => client.send(new DescribeInstancesCommand({ Filters, NextToken })), { sleep: deps.sleep });
      for (const reservation of page.Reservations ?? []) {
        const ids = { OwnerId: reservation.OwnerId, RequesterId: reservation.RequesterId ?? '', ReservationId: reservation.ReservationId };
        for (const instance of reservation.Instances ?? []) instances.push({ ...instance, ...ids } as Ec2Instance);
      }
      NextToken = page.NextToken;
    } while (NextToken);
  } catch (err) {
    if (!req.strictPermissions && httpStatus(err) === FORBIDDEN) return [];
    throw describeAwsError(`aws_ec2 inventory ${req.file}: DescribeInstances in ${region}`, err);
  }
  return instances;
}

function httpStatus(err: unknown): number | undefined {
  return (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
}
