import { DeleteSecurityGroupCommand, TerminateInstancesCommand } from '@aws-sdk/client-ec2';
import { awsCode } from '../aws/aws-errors';
import { TsibleError } from '../errors';
import { ProvisionConfig } from './config';
import { aws, ProvisionDeps } from './context';
import { discoverState } from './discover';
import { writeInventory } from './operations';
import { describeInstance } from './render-plan';
import { waitForTerminated } from './wait';

const GROUP_RETRY_SECONDS = 10;

export interface DestroyResult {
  terminated: string[];
  deletedGroup?: string;
}

/** Terminates every instance of the configuration, then deletes its group and its inventory lines. */
export async function destroyProvision(deps: ProvisionDeps, config: ProvisionConfig): Promise<DestroyResult> {
  const state = await discoverState(deps, config);
  const ids = state.instances.map((i) => i.id);
  if (ids.length) {
    await aws(deps, 'TerminateInstances', () => deps.ec2.send(new TerminateInstancesCommand({ InstanceIds: ids })));
    state.instances.forEach((i) => deps.report(`terminating ${describeInstance(i)}`));
    await waitForTerminated(deps, ids, config.waitTimeoutSeconds);
  }
  if (state.group) {
    await deleteGroup(deps, state.group.id, config.waitTimeoutSeconds);
    deps.report(`deleted security group ${state.group.name} (${state.group.id})`);
  }
  writeInventory(config, []);
  return { terminated: ids, deletedGroup: state.group?.id };
}

/** A group is in use until the network interfaces of its terminated instances are released. */
async function deleteGroup(deps: ProvisionDeps, groupId: string, timeoutSeconds: number): Promise<void> {
  const deadline = deps.now() + timeoutSeconds * 1000;
  for (;;) {
    try {
      await aws(deps, 'DeleteSecurityGroup', () => deps.ec2.send(new DeleteSecurityGroupCommand({ GroupId: groupId })));
      return;
    } catch (err) {
      const code = awsCode((err as TsibleError).cause);
      if (code === 'InvalidGroup.NotFound') return;
      if (code !== 'DependencyViolation') throw err;
      if (deps.now() >= deadline) throw stillInUse(err as TsibleError, groupId);
      await deps.sleep(GROUP_RETRY_SECONDS * 1000);
    }
  }
}

function stillInUse(err: TsibleError, groupId: string): TsibleError {
  return new TsibleError(err.message, {
    hint: `something besides this configuration's instances still uses ${groupId} (an instance started another way, a network interface, a rule of another group): remove that, then run destroy again`,
    cause: err.cause,
  });
}
