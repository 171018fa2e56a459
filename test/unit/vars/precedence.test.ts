import { join } from 'path';
import { loadGroupHostVarsDir, loadInventory } from '../../../engine/inventory';
import { loadPlaybook } from '../../../engine/playbook/load';
import { allTasks } from '../../../engine/playbook/notify';
import { Block } from '../../../engine/playbook/types';
import { loadYamlFile } from '../../../engine/playbook/yaml';
import { buildVarStack } from '../../../engine/vars/host-vars';
import { VarStack } from '../../../engine/vars/precedence';
import { FIXTURES, hasAnsible, runAnsible } from '../playbook/helpers';

/**
 * fixtures/playbooks/precedence sets each variable pN in two or more places, its value naming the
 * place (the layer). Whatever wins must be the layer Ansible picks: the expected values were printed by
 * ansible-playbook, which the last test runs again.
 */

const DIR = join(FIXTURES, 'precedence');
const EXTRA = { p12: 'extra_vars', p16: 'extra_vars' };

const ANSIBLE_SAYS: Record<string, string> = {
  p1: 'all_inventory', // role defaults < inventory [all:vars]
  p2: 'groups_inventory', // [all:vars] < [web:vars]
  p3: 'all_plugins_play', // [web:vars] < playbook group_vars/all
  p4: 'groups_plugins_inventory', // playbook group_vars/all < inventory group_vars/web
  p5: 'host_inventory', // playbook group_vars/web < inventory host var
  p6: 'host_plugins_play', // inventory host var < playbook host_vars
  p7: 'play_vars', // playbook host_vars < play vars
  p8: 'play_vars_files', // play vars < vars_files
  p9: 'role_vars', // vars_files < role vars
  p10: 'block_vars', // role vars < block vars
  p11: 'task_vars', // block vars < task vars
  p12: 'extra_vars', // task vars < extra vars
  p13: 'play_vars', // role defaults < play vars
  p14: 'role_params', // role vars < role params
  p15: 'all_plugins_inventory', // [web:vars] in the inventory file < inventory group_vars/all
  p16: 'extra_vars', // role params < extra vars
};

function stackForTheRoleTask(): VarStack {
  const inventory = loadInventory([join(DIR, 'inventory/hosts.ini')], { cwd: DIR });
  const book = loadPlaybook(join(DIR, 'site.yml'));
  const play = book.plays[0];
  const role = play.roles[0];
  const block = role.tasks[0] as Block;
  const task = allTasks(role.tasks)[0];
  const entities = { groups: [...inventory.groups.keys()], hosts: [...inventory.hosts.keys()] };
  return buildVarStack({
    inventory,
    host: 'h1',
    playbookAdjacent: loadGroupHostVarsDir(DIR, entities),
    play,
    varsFiles: play.varsFiles.map((f) => loadYamlFile(join(DIR, String(f))) as Record<string, unknown>),
    roles: [role],
    roleChain: [role],
    blocks: [block],
    task,
    extraVars: EXTRA,
  });
}

test('each variable comes from the layer Ansible picks', () => {
  const stack = stackForTheRoleTask();
  const vars = stack.fold();
  const got = Object.fromEntries(Object.keys(ANSIBLE_SAYS).map((k) => [k, vars[k]]));
  expect(got).toEqual(ANSIBLE_SAYS);
  for (const [key, layer] of Object.entries(ANSIBLE_SAYS)) expect(stack.winner(key)?.name).toBe(layer);
});

(hasAnsible() ? test : test.skip)('ansible-playbook still prints the same winners', async () => {
  const args = ['-i', 'inventory/hosts.ini', 'site.yml', ...Object.entries(EXTRA).flatMap(([k, v]) => ['-e', `${k}=${v}`])];
  const run = await runAnsible(args, DIR, { ANSIBLE_STDOUT_CALLBACK: 'json' });
  expect(run.code).toBe(0);
  const out = JSON.parse(run.stdout);
  expect(out.plays[0].tasks[0].hosts.h1.msg).toEqual(ANSIBLE_SAYS);
}, 60_000);
