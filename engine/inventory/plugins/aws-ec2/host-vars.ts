/**
 * An EC2 instance as the aws_ec2 plug-in exposes it to Ansible: DescribeInstances' PascalCase fields
 * turned into snake_case keys at every depth, tags as a plain `{Key: Value}` mapping, and two
 * additions that make grouping easy (the reservation's ids on the instance, `placement.region`).
 */

type Dict = Record<string, unknown>;

/** One instance as DescribeInstances answers it, with its reservation's OwnerId/RequesterId/ReservationId. */
export type Ec2Instance = Dict & { InstanceId?: string; Tags?: { Key?: string; Value?: string }[] };

export interface HostVarsOptions {
  prefix?: string;
  suffix?: string;
  /** ec2.py's `ec2_tag_<Key>` variables beside `tags`. */
  contribTagKeys?: boolean;
}

/**
 * boto's CamelCase → snake_case: `InstanceId` → `instance_id`, `Ipv6Address` → `ipv6_address`, and a
 * trailing plural acronym stays one word (`TargetGroupARNs` → `target_group_arns`).
 */
export function camelToSnake(name: string): string {
  let s = name.replace(/[A-Z]{3,}s$/, (m) => `_${m.toLowerCase()}`);
  if (s.startsWith('_') && !name.startsWith('_')) s = s.slice(1);
  s = s.replace(/(.)([A-Z][a-z]+)/g, '$1_$2');
  return s.replace(/([a-z0-9])([A-Z]+)/g, '$1_$2').toLowerCase();
}

/** `Tags: [{Key, Value}]` as `{Key: Value}`. */
export function tagDict(tags: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!Array.isArray(tags)) return out;
  for (const tag of tags as Dict[]) {
    if (typeof tag?.Key === 'string') out[tag.Key] = String(tag.Value ?? '');
  }
  return out;
}

export function ec2HostVars(instance: Ec2Instance, opts: HostVarsOptions = {}): Dict {
  const vars = snakeDict(instance);
  vars.tags = tagDict(instance.Tags);
  const placement = vars.placement as Dict | undefined;
  if (placement && typeof placement.availability_zone === 'string') {
    placement.region = placement.availability_zone.slice(0, -1);
  }
  if (opts.contribTagKeys) {
    for (const [key, value] of Object.entries(vars.tags as Dict)) vars[`ec2_tag_${key}`] = value;
  }
  if (!opts.prefix && !opts.suffix) return vars;
  return Object.fromEntries(Object.entries(vars).map(([k, v]) => [`${opts.prefix ?? ''}${k}${opts.suffix ?? ''}`, v]));
}

function snakeDict(dict: Dict): Dict {
  const out: Dict = {};
  for (const [key, value] of Object.entries(dict)) {
    if (value !== undefined) out[camelToSnake(key)] = snakeValue(value);
  }
  return out;
}

function snakeValue(value: unknown): unknown {
  if (value instanceof Date) return pythonIsoFormat(value);
  if (Array.isArray(value)) return value.map(snakeValue);
  if (value !== null && typeof value === 'object') return snakeDict(value as Dict);
  return value;
}

/**
 * boto3 gives times as timezone-aware datetimes, which Ansible prints with Python's isoformat:
 * `2024-03-01T12:00:00+00:00`, microseconds only when there are some.
 */
function pythonIsoFormat(date: Date): string {
  const iso = date.toISOString();
  const ms = date.getUTCMilliseconds();
  return `${iso.slice(0, 19)}${ms ? `.${String(ms * 1000).padStart(6, '0')}` : ''}+00:00`;
}
