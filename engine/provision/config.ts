import { existsSync } from 'fs';
import { dirname, resolve } from 'path';
import Ajv, { ErrorObject } from 'ajv';
import { ExitCode, Origin, TsibleError } from '../errors';
import { didYouMean } from '../module/did-you-mean';
import { PlaybookError } from '../playbook/load';
import { loadYamlFile, originOf } from '../playbook/yaml';
import { PROVISION_KEYS, PROVISION_SCHEMA } from './config-schema';
import { IngressRule } from './types';

/** provision.yml, checked and with its defaults filled in. */
export interface ProvisionConfig {
  file: string;
  name: string;
  region?: string;
  profile?: string;
  endpoint?: string;
  ami: string | { name: string; owner: string };
  instanceType: string;
  instanceCount: number;
  keyName: string;
  tags: Record<string, string>;
  ingress: IngressRule[];
  subnetId?: string;
  vpcId?: string;
  inventoryGroup: string;
  /** Absolute path of the inventory file the hosts are written to. */
  inventoryFile: string;
  waitTimeoutSeconds: number;
  /** Where `ami` is written, to point at it when no image matches. */
  amiOrigin?: Origin;
}

type Raw = Record<string, unknown>;
type RawIngress = number | { port: number; protocol?: 'tcp' | 'udp'; cidr?: string };

const SSH_PORT = 22;
const ajv = new Ajv({ allErrors: true, strict: false });
const validate = ajv.compile(PROVISION_SCHEMA);

const ONE_OF: Record<string, string> = {
  ami: 'must be an AMI id (ami-…) or a mapping {name: <name filter>, owner: <account id>}',
  ingress: 'must be a port number or a mapping {port, protocol: tcp|udp, cidr}',
};

/** Reads and checks provision.yml; every problem is reported at once, each at its file:line:column. */
export function loadProvisionConfig(file: string): ProvisionConfig {
  const raw = loadYamlFile(file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new TsibleError(`${file} must be a mapping of settings (name, ami, instance_type, key_name, …)`, {
      origin: originOf(raw) ?? { file, line: 1, column: 1 },
      exitCode: ExitCode.parserError,
    });
  }
  const settings = raw as Raw;
  if (!validate(settings)) throw new PlaybookError(schemaProblems(file, settings, validate.errors ?? []));
  return normalise(file, settings);
}

function schemaProblems(file: string, raw: Raw, errors: ErrorObject[]): TsibleError[] {
  const seen = new Set<string>();
  const problems: TsibleError[] = [];
  for (const err of errors) {
    // A failed oneOf also reports why each alternative failed; the oneOf's own message says it better.
    if (err.schemaPath.includes('/oneOf/')) continue;
    const { message, origin, hint } = describe(file, raw, err);
    const key = `${origin.line}:${origin.column}:${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(new TsibleError(`provision.yml: ${message}`, { origin, hint, exitCode: ExitCode.parserError }));
  }
  return problems;
}

function describe(file: string, raw: Raw, err: ErrorObject): { message: string; origin: Origin; hint?: string } {
  const path = err.instancePath.split('/').slice(1);
  const parent = path.slice(0, -1).reduce<unknown>((node, k) => (node as Raw)?.[k], raw);
  const node = path.reduce<unknown>((n, k) => (n as Raw)?.[k], raw);
  const last = path[path.length - 1];
  const at = (o: Origin | undefined) => o ?? { file, line: 1, column: 1 };
  const where = path.join('.') || '(top level)';
  if (err.keyword === 'additionalProperties') {
    const extra = (err.params as { additionalProperty: string }).additionalProperty;
    const guess = path.length === 0 ? didYouMean(extra, PROVISION_KEYS) : undefined;
    return {
      message: `${[...path, extra].join('.')}: unknown setting`,
      origin: at(originOf(node, extra)),
      hint: guess ? `did you mean '${guess}'?` : path.length === 0 ? `known settings: ${PROVISION_KEYS.join(', ')}` : undefined,
    };
  }
  if (err.keyword === 'required') {
    const missing = (err.params as { missingProperty: string }).missingProperty;
    return { message: `${path.length ? `${where}.` : ''}${missing}: required setting is missing`, origin: at(originOf(node)) };
  }
  const origin = at(last === undefined ? originOf(raw) : originOf(parent, /^\d+$/.test(last) ? Number(last) : last, 'value'));
  const oneOfKey = path.find((k) => k in ONE_OF);
  if (err.keyword === 'oneOf' && oneOfKey) return { message: `${where}: ${ONE_OF[oneOfKey]}`, origin };
  if (err.keyword === 'enum') {
    const allowed = (err.params as { allowedValues: unknown[] }).allowedValues.join(', ');
    return { message: `${where}: must be one of: ${allowed}`, origin };
  }
  return { message: `${where}: ${err.message ?? 'is invalid'}`, origin };
}

function normalise(file: string, raw: Raw): ProvisionConfig {
  const dir = dirname(file);
  const str = (k: string) => (raw[k] === undefined ? undefined : String(raw[k]));
  const tags = Object.fromEntries(Object.entries((raw.tags as Raw | undefined) ?? {}).map(([k, v]) => [k, String(v)]));
  const ingress = raw.ingress === undefined ? defaultIngress(dir) : (raw.ingress as RawIngress[]).map(toRule);
  return {
    file,
    name: String(raw.name),
    region: str('region'),
    profile: str('profile'),
    endpoint: str('endpoint'),
    ami: raw.ami as ProvisionConfig['ami'],
    instanceType: String(raw.instance_type),
    instanceCount: (raw.instance_count as number | undefined) ?? 1,
    keyName: String(raw.key_name),
    tags,
    ingress: dedupe(ingress),
    subnetId: str('subnet_id'),
    vpcId: str('vpc_id'),
    inventoryGroup: str('inventory_group') ?? 'webservers',
    inventoryFile: resolve(dir, str('inventory_file') ?? 'inventory/hosts'),
    waitTimeoutSeconds: (raw.wait_timeout as number | undefined) ?? 300,
    amiOrigin: originOf(raw, 'ami', 'value'),
  };
}

function toRule(item: RawIngress): IngressRule {
  if (typeof item === 'number') return { protocol: 'tcp', port: item, cidr: '0.0.0.0/0' };
  return { protocol: item.protocol ?? 'tcp', port: item.port, cidr: item.cidr ?? '0.0.0.0/0' };
}

/** ssh, and the application's port as the playbook deploys it (variable.yml beside provision.yml). */
function defaultIngress(dir: string): IngressRule[] {
  const ports = [SSH_PORT];
  const vars = resolve(dir, 'variable.yml');
  if (existsSync(vars)) {
    const loaded = loadYamlFile(vars) as Raw | null;
    const appPort = Number(loaded?.app_port);
    if (Number.isInteger(appPort) && appPort > 0 && appPort < 65536) ports.push(appPort);
  }
  return ports.map((port) => ({ protocol: 'tcp', port, cidr: '0.0.0.0/0' }));
}

function dedupe(rules: IngressRule[]): IngressRule[] {
  const seen = new Set<string>();
  return rules.filter((r) => {
    const key = `${r.protocol}/${r.port} ${r.cidr}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
