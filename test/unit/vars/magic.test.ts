import { join } from 'path';
import { loadInventory } from '../../../engine/inventory';
import { buildVarStack } from '../../../engine/vars/host-vars';
import { magicVars, MagicContext } from '../../../engine/vars/magic';
import { FIXTURES, hasAnsible, runAnsible } from '../playbook/helpers';

/** The magic variables of host h1 in fixtures/playbooks/precedence/magic.yml, as ansible-playbook prints them. */

const DIR = join(FIXTURES, 'precedence');
const ARGS = ['-i', 'inventory/hosts.ini', 'magic.yml', '--check', '--diff', '-t', 'all', '--skip-tags', 'nope'];

const ANSIBLE_SAYS = {
  ansible_check_mode: true,
  ansible_diff_mode: true,
  ansible_play_batch: ['h1'],
  ansible_play_hosts: ['h1'],
  ansible_play_hosts_all: ['h1'],
  ansible_run_tags: ['all'],
  ansible_skip_tags: ['nope'],
  ansible_version: { full: '2.14.18', major: 2, minor: 14, revision: 18, string: '2.14.18' },
  group_names: ['web'],
  groups: { all: ['h1'], ungrouped: [], web: ['h1'] },
  hostvars_p5: 'host_inventory',
  inventory_dir: join(DIR, 'inventory'),
  inventory_file: join(DIR, 'inventory/hosts.ini'),
  inventory_hostname: 'h1',
  inventory_hostname_short: 'h1',
  omit_prefix: '__omit_place_holder__',
  play_hosts: ['h1'],
  playbook_dir: DIR,
};

function tsibleSays(): Record<string, unknown> {
  const inventory = loadInventory([join(DIR, 'inventory/hosts.ini')], { cwd: DIR });
  const ctx = (host: string): MagicContext => ({
    inventory,
    host,
    playbookDir: DIR,
    play: { hostsAll: ['h1'], hosts: ['h1'], batch: ['h1'] },
    checkMode: true,
    diffMode: true,
    runTags: ['all'],
    skipTags: ['nope'],
    hostVarsOf: (other) => buildVarStack({ inventory, host: other, magic: magicVars(ctx(other)) }).fold(),
  });
  const vars = buildVarStack({ inventory, host: 'h1', magic: magicVars(ctx('h1')) }).fold();
  const hostvars = vars.hostvars as Record<string, Record<string, unknown>>;
  const pick = Object.fromEntries(Object.keys(ANSIBLE_SAYS).filter((k) => k in vars).map((k) => [k, vars[k]]));
  return { ...pick, hostvars_p5: hostvars.h1.p5, omit_prefix: String(vars.omit).slice(0, 21) };
}

test('magic variables are what Ansible gives a host', () => {
  expect(tsibleSays()).toEqual(ANSIBLE_SAYS);
});

/** The magic context of host h1 of the precedence fixture's inventory, with the given hostvars source. */
function h1Context(hostVarsOf: MagicContext['hostVarsOf']): MagicContext {
  const inventory = loadInventory([join(DIR, 'inventory/hosts.ini')], { cwd: DIR });
  return { inventory, host: 'h1', playbookDir: DIR, checkMode: false, diffMode: false, runTags: ['all'], skipTags: [], hostVarsOf };
}

test('hostvars knows every inventory host and nothing else', () => {
  const seen: string[] = [];
  const magic = magicVars(h1Context((h) => {
    seen.push(h);
    return { me: h };
  }));
  const hostvars = magic.hostvars as Record<string, unknown>;
  expect(Object.keys(hostvars)).toEqual(['h1']);
  expect(seen).toEqual([]);
  expect(hostvars.h1).toEqual({ me: 'h1' });
  expect(hostvars.nope).toBeUndefined();
});

test("a host's variables in hostvars leave out hostvars itself, as Ansible's do, so printing them ends", () => {
  const ctx: MagicContext = h1Context((h) => ({ me: h, hostvars: magicVars(ctx).hostvars }));
  const h1 = (magicVars(ctx).hostvars as Record<string, Record<string, unknown>>).h1;
  expect(h1).toEqual({ me: 'h1' });
  expect('hostvars' in h1).toBe(false);
});

(hasAnsible() ? test : test.skip)('ansible-playbook still prints the same', async () => {
  const run = await runAnsible(ARGS, DIR, { ANSIBLE_STDOUT_CALLBACK: 'json' });
  expect(JSON.parse(run.stdout).plays[0].tasks[0].hosts.h1.msg).toEqual(ANSIBLE_SAYS);
}, 60_000);
