import { DescribeInstancesCommand } from '@aws-sdk/client-ec2';
import { awsCode } from '../aws/aws-errors';
import { ExitCode, TsibleError } from '../errors';
import { aws, ProvisionDeps } from './context';
import { oldestFirst, toInstanceState } from './discover';
import { InstanceState } from './types';

const DEFAULT_POLL_SECONDS = 5;
const PROBE_TIMEOUT_MS = 3000;

/** Polls until every instance is running; an instance that stops on its way there, or never arrives, is an error. */
export async function waitForRunning(deps: ProvisionDeps, ids: string[], timeoutSeconds: number): Promise<InstanceState[]> {
  return pollInstances(deps, ids, timeoutSeconds, 'running', (i) => {
    if (['shutting-down', 'terminated', 'stopping', 'stopped'].includes(i.state)) {
      throw new TsibleError(`instance ${i.id} went ${i.state} instead of running`, {
        hint: 'its console output (EC2 console, "Get system log") says why; `tsible-provision apply` starts a replacement',
      });
    }
  });
}

export async function waitForTerminated(deps: ProvisionDeps, ids: string[], timeoutSeconds: number): Promise<void> {
  await pollInstances(deps, ids, timeoutSeconds, 'terminated', () => undefined);
}

async function pollInstances(
  deps: ProvisionDeps, ids: string[], timeoutSeconds: number, target: string, check: (i: InstanceState) => void,
): Promise<InstanceState[]> {
  const deadline = deps.now() + timeoutSeconds * 1000;
  let last: InstanceState[] = [];
  while (ids.length) {
    last = await describe(deps, ids);
    last.forEach(check);
    const waiting = ids.filter((id) => last.find((i) => i.id === id)?.state !== target);
    if (!waiting.length) return last.sort(oldestFirst);
    if (deps.now() >= deadline) throw timeoutError(waiting, last, target, timeoutSeconds);
    await deps.sleep((deps.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000);
  }
  return last;
}

async function describe(deps: ProvisionDeps, ids: string[]): Promise<InstanceState[]> {
  try {
    const out = await aws(deps, 'DescribeInstances', () => deps.ec2.send(new DescribeInstancesCommand({ InstanceIds: ids })));
    return (out.Reservations ?? []).flatMap((r) => r.Instances ?? []).map(toInstanceState);
  } catch (err) {
    // EC2 is eventually consistent: an instance just launched may be unknown to Describe for a moment.
    if (awsCode((err as TsibleError).cause) === 'InvalidInstanceID.NotFound') return [];
    throw err;
  }
}

function timeoutError(waiting: string[], seen: InstanceState[], target: string, timeoutSeconds: number): TsibleError {
  const states = waiting.map((id) => `${id} (${seen.find((i) => i.id === id)?.state ?? 'not visible yet'})`).join(', ');
  return new TsibleError(`instance ${states} not ${target} after ${timeoutSeconds}s`, {
    hint: target === 'running'
      ? 'run `tsible-provision apply` again to keep waiting (nothing is launched twice), or `tsible-provision destroy` to remove it'
      : 'run `tsible-provision destroy` again to keep waiting',
    exitCode: ExitCode.error,
  });
}

/** Waits until each address accepts TCP connections on `port`, which is when ssh can log in. */
export async function waitForPort(deps: ProvisionDeps, hosts: Array<{ host: string; address: string }>, port: number, timeoutSeconds: number): Promise<void> {
  const deadline = deps.now() + timeoutSeconds * 1000;
  let pending = hosts.filter((h) => h.address);
  while (pending.length) {
    const answers = await Promise.all(pending.map((h) => deps.probePort(h.address, port, PROBE_TIMEOUT_MS)));
    pending = pending.filter((_, n) => !answers[n]);
    if (!pending.length) return;
    if (deps.now() >= deadline) {
      const names = pending.map((h) => `${h.host} (${h.address})`).join(', ');
      throw new TsibleError(`port ${port} of ${names} did not answer within ${timeoutSeconds}s`, {
        hint: 'check that the subnet routes to an internet gateway and that nothing else blocks the port; rerun `tsible-provision apply` to wait again',
      });
    }
    await deps.sleep((deps.pollSeconds ?? DEFAULT_POLL_SECONDS) * 1000);
  }
}
