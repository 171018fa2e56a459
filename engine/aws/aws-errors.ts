import { ExitCode, TsibleError } from '../errors';

/**
 * AWS failures turned into messages an operator can act on. The SDK's own messages name codes
 * ("AuthFailure", "InvalidKeyPair.NotFound") that say what went wrong but not what to do.
 */

interface AwsLikeError {
  name?: string;
  Code?: string;
  message?: string;
}

const HINTS: Array<[RegExp, string]> = [
  [/CredentialsProviderError|Could not load credentials/i,
    'set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, AWS_PROFILE, or run on a host with an instance role'],
  [/^(AuthFailure|InvalidClientTokenId|SignatureDoesNotMatch)$/, 'the credentials were refused: check the access key and secret'],
  [/^(UnauthorizedOperation|AccessDenied|AccessDeniedException)$/, 'the credentials lack the EC2 permission this call needs'],
  [/^InvalidKeyPair\.NotFound$/, 'create or import the key pair in this region, or set key_name to one that exists'],
  [/^(InstanceLimitExceeded|VcpuLimitExceeded|MaxSpotInstanceCountExceeded)$/, 'an account quota was reached: lower instance_count or ask AWS for a higher limit'],
  [/^InvalidAMIID\./, 'the AMI does not exist in this region'],
  [/^(RequestLimitExceeded|Throttling|ThrottlingException)$/, 'AWS kept throttling the calls; wait a little and run again'],
  [/Region is missing|region is missing/i, 'set region in the configuration, AWS_REGION, or the profile'],
  [/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|EAI_AGAIN|ECONNRESET/,
    'the EC2 endpoint could not be reached: check the network, the region, and AWS_ENDPOINT_URL or the endpoint setting'],
];

export function awsCode(err: unknown): string {
  const e = err as AwsLikeError;
  return e?.Code ?? e?.name ?? 'Error';
}

/** A TsibleError saying what `action` was doing, what AWS answered, and what to do about it. */
export function describeAwsError(action: string, err: unknown): TsibleError {
  if (err instanceof TsibleError) return err;
  const code = awsCode(err);
  const message = (err as AwsLikeError)?.message ?? String(err);
  const hint = HINTS.find(([re]) => re.test(code) || re.test(message))?.[1];
  return new TsibleError(`${action} failed: ${code}: ${message}`, { hint, exitCode: ExitCode.error, cause: err });
}
