import { basename } from 'path';
import { InventoryData } from '../../inventory-data';
import { construct } from '../constructed';
import { InventoryPlugin, PluginContext, PreparedSource } from '../types';
import { fetchInstances } from './fetch';
import { allHostnames, preferredHostname } from './hostnames';
import { ec2HostVars, Ec2Instance } from './host-vars';
import { Ec2InventoryOptions, readEc2Options } from './options';

/**
 * Ansible's amazon.aws.aws_ec2 inventory plug-in: EC2 instances as hosts, all in the group `aws_ec2`,
 * with their DescribeInstances fields as snake_case host variables, plus compose/groups/keyed_groups.
 */

/** The group every instance is in. */
export const EC2_GROUP = 'aws_ec2';

export const awsEc2Plugin: InventoryPlugin = {
  async prepare(doc, file, ctx) {
    // The plug-in only claims files named for it, so a stray `plugin: aws_ec2` elsewhere is not read.
    if (!/aws_ec2\.ya?ml$/.test(basename(file))) {
      return skipped(`Skipping ${file}: the aws_ec2 inventory plugin only reads files whose names end in 'aws_ec2.yml' or 'aws_ec2.yaml'`);
    }
    const options = readEc2Options(doc, file, ctx.templar, ctx.warn);
    const instances = await fetchInstances(options, {
      client: (region) => ctx.ec2Client({ region: region ?? defaultRegion(), endpoint: options.endpoint, profile: options.profile }),
      sleep: ctx.sleep,
    });
    return { populate: (data) => populate(data, instances, options, ctx) };
  },
};

function populate(data: InventoryData, instances: Ec2Instance[], options: Ec2InventoryOptions, ctx: PluginContext): boolean {
  data.addGroup(EC2_GROUP);
  for (const instance of instances) {
    const preferred = preferredHostname(instance, options.hostnames);
    // An instance nothing names (no DNS name yet, say) is left out, as the plug-in does.
    const names = options.allowDuplicatedHosts ? allHostnames(instance, options.hostnames) : preferred ? [preferred] : [];
    const vars = ec2HostVars(instance, { prefix: options.hostvarsPrefix, suffix: options.hostvarsSuffix, contribTagKeys: options.contribTagKeys });
    for (const name of names) {
      const host = data.addHost(name, EC2_GROUP);
      Object.assign(host.vars, structuredClone(vars));
      construct(data, name, vars, options.constructed, ctx.templar);
    }
  }
  return true;
}

/** DescribeRegions needs some region to ask; the plug-in asks us-east-1 unless one is configured. */
function defaultRegion(): string {
  return process.env.AWS_REGION || process.env.AWS_DEFAULT_REGION || 'us-east-1';
}

function skipped(message: string): PreparedSource {
  return {
    populate(_data, warn) {
      warn(message);
      return false;
    },
  };
}
