import type { EC2Client } from '@aws-sdk/client-ec2';
import { describeAwsError } from '../aws/aws-errors';
import { withAwsRetry } from '../aws/retry';

/** What provisioning needs from the world; tests pass fakes so nothing waits or touches the network. */
export interface ProvisionDeps {
  ec2: EC2Client;
  sleep: (ms: number) => Promise<void>;
  /** Milliseconds since the epoch. */
  now: () => number;
  /** Whether a TCP connection to host:port opens within timeoutMs. */
  probePort: (host: string, port: number, timeoutMs: number) => Promise<boolean>;
  /** A line of progress for the user (the engine never prints). */
  report: (line: string) => void;
  /** Seconds between two polls of DescribeInstances or of the ssh port. */
  pollSeconds?: number;
}

/**
 * One EC2 call: retried while throttled (and on `alsoRetry` codes), and any failure turned into an
 * error naming `action`.
 */
export async function aws<T>(deps: ProvisionDeps, action: string, call: () => Promise<T>, alsoRetry?: readonly string[]): Promise<T> {
  try {
    return await withAwsRetry(call, { sleep: deps.sleep, alsoRetry });
  } catch (err) {
    throw describeAwsError(action, err);
  }
}
