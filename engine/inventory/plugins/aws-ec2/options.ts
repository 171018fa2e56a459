import { PlaybookError } from '../../../playbook/load';
import { Templar } from '../../../template/types';
import { ConstructedOptions } from '../constructed';
import { CONSTRUCTED_KEYS, readConstructed } from '../constructed-options';
import { isDict, OptionReader } from '../option-reader';
import { HostnamePreference } from './hostnames';

/** An aws_ec2 inventory file's options, checked, with the plug-in's defaults. */
export interface Ec2InventoryOptions {
  file: string;
  /** Empty: every region the account has (DescribeRegions). */
  regions: string[];
  /** One DescribeInstances query per entry; an instance matching any is in, unless an exclude matches it. */
  includeFilters: Record<string, unknown>[];
  excludeFilters: Record<string, unknown>[];
  hostnames: HostnamePreference[];
  allowDuplicatedHosts: boolean;
  /** False: a 403 from a region is skipped instead of failing the inventory. */
  strictPermissions: boolean;
  hostvarsPrefix?: string;
  hostvarsSuffix?: string;
  contribTagKeys: boolean;
  profile?: string;
  endpoint?: string;
  constructed: ConstructedOptions;
}

const EC2_KEYS = [
  'plugin', 'regions', 'filters', 'include_filters', 'exclude_filters', 'hostnames', 'allow_duplicated_hosts',
  'strict_permissions', 'hostvars_prefix', 'hostvars_suffix', 'use_contrib_script_compatible_sanitization',
  'use_contrib_script_compatible_ec2_tag_keys', 'aws_profile', 'boto_profile', 'endpoint_url', 'include_extra_api_calls',
  'aws_access_key', 'aws_access_key_id', 'aws_secret_key', 'aws_secret_access_key', 'aws_security_token', 'iam_role_arn',
  'cache', 'cache_plugin', 'cache_timeout', 'cache_connection', 'cache_prefix',
];

/** Options Ansible has that tsible cannot honour: better refused than silently ignored. */
const UNSUPPORTED: Record<string, string> = {
  aws_access_key: 'set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, or use aws_profile',
  aws_access_key_id: 'set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, or use aws_profile',
  aws_secret_key: 'set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, or use aws_profile',
  aws_secret_access_key: 'set AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY in the environment, or use aws_profile',
  aws_security_token: 'set AWS_SESSION_TOKEN in the environment, or use aws_profile',
  iam_role_arn: 'use a profile with role_arn in ~/.aws/config and name it in aws_profile',
};

/** Checks an aws_ec2 file's options; every problem is thrown together, each at its file:line:column. */
export function readEc2Options(doc: Record<string, unknown>, file: string, templar: Templar, warn: (message: string) => void): Ec2InventoryOptions {
  const reader = new OptionReader(doc, file, 'aws_ec2');
  reader.unknownKeys([...EC2_KEYS, ...CONSTRUCTED_KEYS], warn);
  for (const [key, hint] of Object.entries(UNSUPPORTED)) {
    if (doc[key] !== undefined) reader.problem(`${key} is not supported by tsible`, reader.at(doc, key, 'key'), hint);
  }
  if (reader.bool('use_extra_vars', false)) {
    const o = reader.at(doc, 'use_extra_vars', 'key');
    warn(`${o.file}:${o.line}:${o.column}: use_extra_vars is not supported: compose, groups and keyed_groups do not see extra vars`);
  }
  const filters = filterDict(reader, doc.filters, doc, 'filters', 'filters');
  const include = filterList(reader, 'include_filters');
  const options: Ec2InventoryOptions = {
    file,
    regions: reader.list('regions').map(String),
    includeFilters: Object.keys(filters).length ? [filters, ...include] : include.length ? include : [{}],
    excludeFilters: filterList(reader, 'exclude_filters'),
    hostnames: reader.list('hostnames').flatMap((p, i) => hostname(reader, p, i)),
    allowDuplicatedHosts: reader.bool('allow_duplicated_hosts', false),
    strictPermissions: reader.bool('strict_permissions', true),
    hostvarsPrefix: reader.str('hostvars_prefix'),
    hostvarsSuffix: reader.str('hostvars_suffix'),
    contribTagKeys: reader.bool('use_contrib_script_compatible_ec2_tag_keys', false),
    profile: templated(templar, reader.str('aws_profile', 'boto_profile')),
    endpoint: reader.str('endpoint_url'),
    constructed: readConstructed(reader, reader.bool('use_contrib_script_compatible_sanitization', false)),
  };
  if (reader.problems.length) throw new PlaybookError(reader.problems);
  return options;
}

/** Credentials may be written as templates, e.g. `{{ lookup('env', 'AWS_PROFILE') }}`. */
function templated(templar: Templar, value: string | undefined): string | undefined {
  if (value === undefined || !templar.isTemplated(value)) return value;
  return String(templar.template(value, {})) || undefined;
}

function filterDict(reader: OptionReader, value: unknown, parent: unknown, key: string | number, where: string): Record<string, unknown> {
  if (value === undefined || value === null) return {};
  if (isDict(value)) return value;
  reader.problem(`${where} must be a mapping of EC2 filter names to values`, reader.at(parent, key));
  return {};
}

function filterList(reader: OptionReader, name: string): Record<string, unknown>[] {
  const list = reader.doc[name];
  return reader.list(name).map((entry, i) => filterDict(reader, entry, list, i, `${name}[${i}]`));
}

function hostname(reader: OptionReader, preference: unknown, index: number): HostnamePreference[] {
  if (typeof preference === 'string') return [preference];
  const where = reader.at(reader.doc.hostnames, index);
  if (!isDict(preference) || typeof preference.name !== 'string') {
    reader.problem(`hostnames[${index}] must be a name (dns-name, tag:Name, …) or a mapping {name, prefix, separator}`, where);
    return [];
  }
  const extra = Object.keys(preference).filter((k) => !['name', 'prefix', 'separator'].includes(k));
  if (extra.length) reader.problem(`hostnames[${index}]: unknown key ${extra.join(', ')} (expected: name, prefix, separator)`, where);
  const text = (v: unknown): string | undefined => (v === undefined || v === null ? undefined : String(v));
  return [{ name: preference.name, prefix: text(preference.prefix), separator: text(preference.separator) }];
}
