import { existsSync, readFileSync } from 'fs';
import { extname } from 'path';
import { parseYaml } from '../../playbook/yaml';
import { unvaultText } from '../../vault/vault';
import { createTemplar } from '../../template/templar';
import { ResolvedSource, sourceFiles } from '../sources';
import { isMapping } from '../yaml';
import { pythonPluginSource } from '../python/inventory-plugin';
import { InventoryPlugin, PluginContext, PreparedPlugins, PreparedSource } from './types';

export type { InventoryPlugin, PluginContext, PreparedPlugins, PreparedSource } from './types';

type PluginLoader = () => Promise<InventoryPlugin>;

/**
 * Inventory plug-ins tsible has, by every name a `plugin:` key may give. Loaded only when a source
 * names one: the AWS SDK alone would add a third to every run's start-up time and memory.
 */
const AWS_PLUGINS = ['aws_ec2', 'amazon.aws.aws_ec2'];

const PLUGINS: ReadonlyMap<string, PluginLoader> = new Map([
  ...AWS_PLUGINS.map((name) => [name, async () => (await import('./aws-ec2')).awsEc2Plugin] as const),
  ...['constructed', 'ansible.builtin.constructed'].map((name) => [name, async () => (await import('./constructed-plugin')).constructedPlugin] as const),
]);

/** Only YAML files can configure a plug-in (Ansible's `auto` reader looks at no others). */
const PLUGIN_EXTENSIONS = ['.yml', '.yaml'];

/**
 * The slow, asynchronous half of reading inventory sources: every file among `sources` that
 * configures a known plug-in is prepared (its cloud API called) so that the synchronous loader only
 * has to add the results. Files naming an unknown plug-in are left to the loader, which warns.
 */
export async function preparePluginSources(sources: ResolvedSource[], ctx: Partial<PluginContext> & Pick<PluginContext, 'warn'>): Promise<PreparedPlugins> {
  const found: Array<{ file: string; doc: Record<string, unknown>; plugin: PluginLoader }> = [];
  // Any other plug-in name is Ansible's loader's to find, in Python (see pythonPluginSource).
  const inPython = new Map<string, PreparedSource>();
  for (const source of sources.filter((s) => !s.hostList && existsSync(s.path))) {
    for (const file of sourceFiles(source.path)) {
      const config = pluginConfig(file);
      const plugin = config && PLUGINS.get(String(config.plugin));
      if (config && plugin) found.push({ file, doc: config, plugin });
      else if (config) inPython.set(file, pythonPluginSource(String(config.plugin), file, ctx.python ?? {}));
    }
  }
  if (!found.length) return inPython;
  // The AWS SDK is only loaded for a source that needs it: it alone doubles the start-up time.
  const ec2Client = ctx.ec2Client ?? (found.some((f) => AWS_PLUGINS.includes(String(f.doc.plugin))) ? (await import('../../aws/ec2-client')).createEc2Client : noEc2Client);
  const context: PluginContext = { templar: ctx.templar ?? createTemplar(), ec2Client, ...ctx };
  const prepared = await Promise.all(found.map(async ({ file, doc, plugin }) => (await plugin()).prepare(doc, file, context)));
  return new Map([...inPython, ...found.map(({ file }, i): [string, PreparedSource] => [file, prepared[i]])]);
}

function noEc2Client(): never {
  throw new Error('no inventory source needs EC2');
}

/** The file's YAML mapping when it has a `plugin` key; anything else is for the static readers. */
function pluginConfig(file: string): Record<string, unknown> | undefined {
  if (!PLUGIN_EXTENSIONS.includes(extname(file))) return undefined;
  const text = unvaultText(readFileSync(file, 'utf8'), file);
  if (!/^plugin\s*:/m.test(text)) return undefined;
  try {
    const doc = parseYaml(text, file);
    return isMapping(doc) && 'plugin' in doc ? doc : undefined;
  } catch {
    // The static readers report a broken file with the right message.
    return undefined;
  }
}
