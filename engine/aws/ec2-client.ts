import { EC2Client } from '@aws-sdk/client-ec2';

/**
 * The one place tsible builds an EC2 client, so provisioning and the aws_ec2 inventory agree on
 * credentials, endpoint and retries.
 */

export interface Ec2ClientOptions {
  region?: string;
  /** An explicit endpoint (LocalStack, moto); the SDK already honours AWS_ENDPOINT_URL(_EC2) on its own. */
  endpoint?: string;
  /** A named profile from ~/.aws/config; otherwise the SDK's default chain (env, files, SSO, IMDS). */
  profile?: string;
  /** Attempts per call, throttling included; the SDK backs off between them. */
  maxAttempts?: number;
}

// Callers wrap calls in withAwsRetry (retry.ts); more SDK attempts would multiply with its own.
const DEFAULT_MAX_ATTEMPTS = 2;

export function createEc2Client(opts: Ec2ClientOptions = {}): EC2Client {
  // The SDK warns on Node 20 about its releases of next year; tsible pins its SDK, so the operator
  // could do nothing about the warning but read it on every run.
  process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
  const region = opts.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION;
  return new EC2Client({
    ...(region ? { region } : {}),
    ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
    maxAttempts: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    retryMode: 'adaptive',
  });
}
