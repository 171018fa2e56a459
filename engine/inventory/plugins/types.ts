import type { EC2Client } from '@aws-sdk/client-ec2';
import type { Ec2ClientOptions } from '../../aws/ec2-client';
import { Templar } from '../../template/types';
import { InventoryData } from '../inventory-data';
import type { PythonPluginSetup } from '../python/host';

/** An inventory plug-in's source after its slow part (calling a cloud API) is done. */
export interface PreparedSource {
  /** Add the source's hosts and groups; false when the source gave nothing (it was skipped). */
  populate(data: InventoryData, warn: (message: string) => void): boolean;
}

/** Prepared plug-in sources by absolute file path, for the synchronous loader. */
export type PreparedPlugins = ReadonlyMap<string, PreparedSource>;

export interface PluginContext {
  warn: (message: string) => void;
  templar: Templar;
  /** Builds the EC2 clients (tests pass a mocked one). */
  ec2Client: (opts: Ec2ClientOptions) => EC2Client;
  /** -e values, which a plug-in's compose, groups and keyed_groups see with `use_extra_vars`. */
  extraVars?: Record<string, unknown>;
  /** Where plug-ins tsible does not have itself are looked for in Python, and where their notes go. */
  python?: PythonPluginSetup;
  /** Waits between throttled AWS attempts. */
  sleep?: (ms: number) => Promise<void>;
}

/** An inventory plug-in: how to prepare a file whose `plugin:` names it. */
export interface InventoryPlugin {
  prepare(doc: Record<string, unknown>, file: string, ctx: PluginContext): Promise<PreparedSource>;
}
