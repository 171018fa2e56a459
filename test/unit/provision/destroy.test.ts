import { writeFileSync } from 'fs';
import { DeleteSecurityGroupCommand } from '@aws-sdk/client-ec2';
import { TsibleError } from '../../../engine/errors';
import { destroyProvision } from '../../../engine/provision/destroy';
import { applyProvision } from '../../../engine/provision/operations';
import { FakeAccount } from './fake-ec2';
import { fakeDeps, INVENTORY, freshEachTest, Project } from './project';

let account: FakeAccount;
let project: Project;
freshEachTest((a, p) => ([account, project] = [a, p]));

describe('destroy', () => {
  it('terminates the instances, waits, deletes the group once its interfaces are released, and empties its hosts', async () => {
    project.set({ instance_count: 2 });
    await applyProvision(fakeDeps(), project.config());
    const ids = account.live().map((i) => i.InstanceId);
    account.eniDelay = 2;
    const deps = fakeDeps();
    const result = await destroyProvision(deps, project.config());
    expect(result.terminated).toEqual(ids);
    expect(account.live()).toEqual([]);
    expect(account.groups.size).toBe(0);
    expect(account.mock.commandCalls(DeleteSecurityGroupCommand)).toHaveLength(3);
    expect(project.hosts()).toBe(INVENTORY);
    expect(deps.lines).toContain(`deleted security group tsible-flaskr (${result.deletedGroup})`);
  });

  it('leaves the user\'s own hosts and groups in the inventory', async () => {
    await applyProvision(fakeDeps(), project.config());
    const own = project.hosts().replace('[webservers]\n', '[webservers]\nlegacy ansible_host=192.0.2.1\n') + '\n[db]\ndb1\n';
    writeFileSync(`${project.dir}/inventory/hosts`, own);
    await destroyProvision(fakeDeps(), project.config());
    expect(project.hosts()).toBe(`${INVENTORY.replace('[webservers]\n', '[webservers]\nlegacy ansible_host=192.0.2.1\n')}\n[db]\ndb1\n`);
  });

  it('on an account with nothing of its own does nothing', async () => {
    const result = await destroyProvision(fakeDeps(), project.config());
    expect(result).toEqual({ terminated: [], deletedGroup: undefined });
    expect(account.calls).toEqual([]);
    expect(project.hosts()).toBe(INVENTORY);
  });
});

describe('destroy, when something else holds the group', () => {
  it('gives up after the wait and says what may still use it', async () => {
    const account = new FakeAccount();
    const project = new Project();
    try {
      await applyProvision(fakeDeps(), project.config());
      account.eniDelay = Infinity;
      const err = await destroyProvision(fakeDeps(), project.config()).catch((e: TsibleError) => e) as TsibleError;
      expect(err.message).toMatch(/^DeleteSecurityGroup failed: DependencyViolation/);
      expect(err.hint).toMatch(/still uses sg-\w+ .*run destroy again/);
      expect(account.live()).toEqual([]);
    } finally {
      account.restore();
      project.remove();
    }
  });
});
