import { computePlan, countPlan, hasChanges } from '../../../engine/provision/plan';
import { ProvisionConfig } from '../../../engine/provision/config';
import { GroupState, InstanceState, ProvisionState } from '../../../engine/provision/types';

const config: ProvisionConfig = {
  file: 'provision.yml', name: 'web', ami: 'ami-0abc', instanceType: 't3.small', instanceCount: 2, keyName: 'k', tags: {},
  ingress: [{ protocol: 'tcp', port: 22, cidr: '0.0.0.0/0' }, { protocol: 'tcp', port: 8080, cidr: '0.0.0.0/0' }],
  inventoryGroup: 'webservers', inventoryFile: '/x/inventory/hosts', waitTimeoutSeconds: 300,
};
const rule = (key: string) => ({ key, permission: {} });
const group = (keys: string[], egressAllOut = true): GroupState => ({
  id: 'sg-1', name: 'tsible-web', ingress: keys.map(rule), egressAllOut, tags: { Name: 'tsible-web', 'tsible:provision': 'web' },
});
const inst = (id: string, minute: number, state = 'running'): InstanceState => ({
  id, state, launchTime: new Date(Date.UTC(2026, 0, 1, 0, minute)), tags: { Name: 'web', 'tsible:provision': 'web', backup: 'daily' },
});
const state = (g: GroupState | undefined, instances: InstanceState[]): ProvisionState => ({ group: g, instances });

describe('computePlan', () => {
  it('sets tags that are missing or different, leaving tags set by others alone', () => {
    const plan = computePlan({ ...config, tags: { team: 'blog' } }, state(group(['tcp/22 0.0.0.0/0', 'tcp/8080 0.0.0.0/0']), [inst('i-a', 1), inst('i-b', 2)]), '');
    expect(plan.retag).toEqual([{ id: 'sg-1', tags: { team: 'blog' } }, { id: 'i-a', tags: { team: 'blog' } }, { id: 'i-b', tags: { team: 'blog' } }]);
    expect(countPlan(plan)).toEqual({ add: 0, change: 3, destroy: 0 });
  });

  it('a matching account gives nothing to do', () => {
    const plan = computePlan(config, state(group(['tcp/22 0.0.0.0/0', 'tcp/8080 0.0.0.0/0']), [inst('i-a', 1), inst('i-b', 2)]), '');
    expect(hasChanges(plan)).toBe(false);
    expect(plan.keep.map((i) => i.id)).toEqual(['i-a', 'i-b']);
  });

  it('counts a new group and each new instance as added', () => {
    const plan = computePlan(config, state(undefined, []), 'ami-0abc');
    expect(plan.addRules).toHaveLength(2);
    expect(countPlan(plan)).toEqual({ add: 3, change: 0, destroy: 0 });
  });

  it('terminates the newest instances first when there are too many', () => {
    const plan = computePlan({ ...config, instanceCount: 1 }, state(group(['tcp/22 0.0.0.0/0', 'tcp/8080 0.0.0.0/0']), [inst('i-a', 1), inst('i-b', 2), inst('i-c', 3)]), '');
    expect(plan.terminate.map((i) => i.id)).toEqual(['i-c', 'i-b']);
    expect(plan.keep.map((i) => i.id)).toEqual(['i-a']);
    expect(countPlan(plan)).toEqual({ add: 0, change: 0, destroy: 2 });
  });

  it('counts rule drift, a missing all-out egress and stopped instances as changes', () => {
    const plan = computePlan(config, state(group(['tcp/22 0.0.0.0/0', 'tcp/22 ::/0'], false), [inst('i-a', 1, 'stopped'), inst('i-b', 2)]), '');
    expect(plan.addRules).toEqual([{ protocol: 'tcp', port: 8080, cidr: '0.0.0.0/0' }]);
    expect(plan.revokeRules.map((r) => r.key)).toEqual(['tcp/22 ::/0']);
    expect(plan.addEgressAllOut).toBe(true);
    expect(plan.start.map((i) => i.id)).toEqual(['i-a']);
    expect(countPlan(plan)).toEqual({ add: 0, change: 2, destroy: 0 });
  });
});
