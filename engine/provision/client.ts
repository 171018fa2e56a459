import type { Ec2ClientOptions } from '../aws/ec2-client';
import { ProvisionConfig } from './config';

/**
 * The EC2 client settings for a configuration. The settings file wins over the environment, as an
 * explicit argument wins over AWS_ENDPOINT_URL in the AWS CLI. The environment is read here rather
 * than by the SDK so a command run in-process with its own environment gets what it was given.
 */
export function clientOptions(config: ProvisionConfig, env: NodeJS.ProcessEnv): Ec2ClientOptions {
  return {
    region: config.region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION,
    endpoint: config.endpoint ?? env.AWS_ENDPOINT_URL_EC2 ?? env.AWS_ENDPOINT_URL,
    profile: config.profile,
  };
}
