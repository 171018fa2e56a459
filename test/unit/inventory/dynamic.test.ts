import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadInventory } from '../../../engine/inventory';

/**
 * add_host and group_by at run time. The expected values are what ansible-playbook 2.14 printed for
 * `groups` and `group_names` after the same add_host / group_by tasks on the same inventory.
 */
function inventory(text = '[web]\nw1\n') {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-dyn-'));
  writeFileSync(join(dir, 'hosts'), text);
  return loadInventory(['hosts'], { cwd: dir });
}

describe('run-time inventory changes', () => {
  test('add_host and group_by on the implicit localhost', () => {
    const inv = inventory();
    expect(inv.addDynamicHost('n1', ['newg', 'web'], { v: 1 })).toBe(true);
    expect(inv.addDynamicHost('n2', [], {})).toBe(true);
    expect(inv.addDynamicGroup('localhost', 'loc', ['par'])).toBe(true);
    expect(inv.groupsMap()).toEqual({
      all: ['n1', 'n2', 'w1'],
      ungrouped: ['n2'],
      web: ['w1', 'n1'],
      newg: ['n1'],
      loc: ['localhost'],
      par: ['localhost'],
    });
    expect(inv.groupNames('localhost')).toEqual(['loc', 'par']);
    expect(inv.groupNames('n1')).toEqual(['newg', 'web']);
    expect(inv.groupNames('n2')).toEqual(['ungrouped']);
    expect(inv.hostVars('n1')).toMatchObject({ v: 1 });
    expect(inv.getHosts('all').map((h) => h.name)).toEqual(['n1', 'n2', 'w1']);
    expect(inv.getHosts('loc').map((h) => h.name)).toEqual(['localhost']);
  });

  test('repeating the same change reports no change', () => {
    const inv = inventory();
    inv.addDynamicHost('n1', ['web'], { v: 1 });
    expect(inv.addDynamicHost('n1', ['web'], { v: 1 })).toBe(false);
    expect(inv.addDynamicHost('n1', ['web'], { v: 2 })).toBe(true);
    inv.addDynamicGroup('w1', 'g', []);
    expect(inv.addDynamicGroup('w1', 'g', [])).toBe(false);
  });

  test('a group moved deeper at run time wins the merge it used to lose', () => {
    const inv = inventory('[web]\nw1\n[db]\nw1\n[web:vars]\nx=web\n[db:vars]\nx=db\n');
    expect(inv.hostVars('w1').x).toBe('web');
    inv.addDynamicGroup('w1', 'db', ['web']);
    expect(inv.hostVars('w1').x).toBe('db');
  });

  test('group_by on a host that is not in the inventory is an error', () => {
    expect(() => inventory().addDynamicGroup('nosuch', 'g', [])).toThrow('nosuch cannot be matched in inventory');
  });
});
