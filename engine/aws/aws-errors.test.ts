import { describeAwsError } from './aws-errors';

describe('AWS failures as the operator sees them', () => {
  test.each([
    [Object.assign(new Error('Could not load credentials from any providers'), { name: 'CredentialsProviderError' }), /AWS_ACCESS_KEY_ID/],
    [Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:4566'), { code: 'ECONNREFUSED' }), /AWS_ENDPOINT_URL or the endpoint setting/],
    [Object.assign(new Error("The key pair 'k' does not exist"), { name: 'InvalidKeyPair.NotFound' }), /import the key pair/],
    [Object.assign(new Error('You have requested more instances'), { Code: 'InstanceLimitExceeded' }), /quota/],
  ])('%s says what to do', (err, hint) => {
    const e = describeAwsError('RunInstances', err);
    expect(e.message).toContain(`RunInstances failed: `);
    expect(e.message).toContain(err.message);
    expect(e.hint).toMatch(hint);
  });

  test('an error nothing is known about keeps its code and message, without a hint', () => {
    const e = describeAwsError('DescribeImages', Object.assign(new Error('odd'), { name: 'SomethingNew' }));
    expect(e.message).toBe('DescribeImages failed: SomethingNew: odd');
    expect(e.hint).toBeUndefined();
  });
});
