import { backoffDelay, withAwsRetry } from './retry';

const awsError = (name: string) => Object.assign(new Error(`${name} happened`), { name });

describe('withAwsRetry', () => {
  it('calls again after throttling, waiting longer each time, and returns the answer', async () => {
    const waits: number[] = [];
    let calls = 0;
    const result = await withAwsRetry(async () => {
      calls++;
      if (calls <= 3) throw awsError(['RequestLimitExceeded', 'Throttling', 'ServiceUnavailable'][calls - 1]);
      return 'done';
    }, { sleep: async (ms) => void waits.push(ms) });
    expect(result).toBe('done');
    expect(calls).toBe(4);
    expect(waits).toEqual([backoffDelay(0), backoffDelay(1), backoffDelay(2)]);
    expect(waits[0]).toBeLessThan(waits[1]);
  });

  it('gives up after the attempts and throws the last AWS error', async () => {
    let calls = 0;
    const p = withAwsRetry(async () => {
      calls++;
      throw awsError('ThrottlingException');
    }, { attempts: 3, sleep: async () => undefined });
    await expect(p).rejects.toMatchObject({ name: 'ThrottlingException' });
    expect(calls).toBe(3);
  });

  it('does not retry an error that another call would not fix', async () => {
    let calls = 0;
    const p = withAwsRetry(async () => {
      calls++;
      throw awsError('InvalidKeyPair.NotFound');
    }, { sleep: async () => undefined });
    await expect(p).rejects.toMatchObject({ name: 'InvalidKeyPair.NotFound' });
    expect(calls).toBe(1);
  });

  it('retries the extra codes it is given, for a resource that was just created', async () => {
    let calls = 0;
    const result = await withAwsRetry(async () => {
      if (++calls === 1) throw awsError('InvalidGroup.NotFound');
      return calls;
    }, { sleep: async () => undefined, alsoRetry: ['InvalidGroup.NotFound'] });
    expect(result).toBe(2);
  });

  it('caps the wait so a long outage is retried at a steady pace', () => {
    expect(backoffDelay(20)).toBe(20_000);
  });
});
