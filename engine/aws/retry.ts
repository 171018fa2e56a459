import { awsCode } from './aws-errors';

/**
 * Retries of AWS calls that were throttled or hit a passing server fault. The SDK retries too, but
 * its retry lives in middleware that test stubs of `client.send` bypass, and a provisioning run makes
 * bursts of Describe calls that an account's API rate limit refuses long after the SDK gave up; so the
 * callers' own loop is the one that must hold up.
 */

/** Codes AWS answers when it wants the same call again later. */
export const RETRYABLE_CODES: ReadonlySet<string> = new Set([
  'RequestLimitExceeded',
  'Throttling',
  'ThrottlingException',
  'ServiceUnavailable',
  'InternalError',
]);

export interface RetryOptions {
  /** Calls made in all, the first included (default 6). */
  attempts?: number;
  /** How to wait between attempts; tests pass one that resolves at once. */
  sleep?: (ms: number) => Promise<void>;
  /**
   * More codes to retry, for EC2's eventual consistency: a resource created a moment ago can be
   * unknown to the next call (`InvalidGroup.NotFound` right after CreateSecurityGroup).
   */
  alsoRetry?: readonly string[];
}

const DEFAULT_ATTEMPTS = 6;
const BASE_DELAY_MS = 500;
const MAX_DELAY_MS = 20_000;

export const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** The wait before retry number `retry` (0-based): doubling from half a second, capped at 20 s. */
export function backoffDelay(retry: number): number {
  return Math.min(MAX_DELAY_MS, BASE_DELAY_MS * 2 ** retry);
}

export function isRetryable(err: unknown, alsoRetry: readonly string[] = []): boolean {
  const code = awsCode(err);
  return RETRYABLE_CODES.has(code) || alsoRetry.includes(code);
}

/** `call()`, again after a growing wait while AWS answers with a throttling or transient code. */
export async function withAwsRetry<T>(call: () => Promise<T>, opts: RetryOptions = {}): Promise<T> {
  const attempts = Math.max(1, opts.attempts ?? DEFAULT_ATTEMPTS);
  const sleep = opts.sleep ?? realSleep;
  for (let retry = 0; ; retry++) {
    try {
      return await call();
    } catch (err) {
      if (!isRetryable(err, opts.alsoRetry) || retry + 1 >= attempts) throw err;
      await sleep(backoffDelay(retry));
    }
  }
}
