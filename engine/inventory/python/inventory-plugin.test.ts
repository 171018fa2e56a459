import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { UnsafeText } from '../../playbook/yaml';
import { InventoryData } from '../inventory-data';
import { merge, pythonPluginSource } from './inventory-plugin';

describe('merging what a Python inventory plug-in returns', () => {
  const base = () => {
    const data = new InventoryData();
    data.addGroup('web');
    data.addHost('w1', 'web').vars.keep = new UnsafeText('{{ x }}');
    return data;
  };
  const sent = { groups: [{ name: 'all', vars: {}, priority: null, children: ['ungrouped', 'web'], hosts: [] }, { name: 'ungrouped', vars: {}, priority: null, children: [], hosts: [] }, { name: 'web', vars: {}, priority: null, children: [], hosts: ['w1'] }], hosts: [{ name: 'w1', vars: { keep: '{{ x }}' } }] };

  test('new groups, hosts, memberships and variables are added; unchanged values keep their own objects', () => {
    const data = base();
    const got = {
      groups: [...sent.groups.filter((g) => g.name !== 'web'), { name: 'web', vars: { tier: 1 }, priority: 3, children: ['db'], hosts: ['w1', 'w2'] }, { name: 'db', vars: {}, priority: null, children: [], hosts: ['d1'] }],
      hosts: [{ name: 'w1', vars: { keep: '{{ x }}', added: true } }, { name: 'w2', vars: {} }, { name: 'd1', vars: { port: 22 } }],
    };
    merge(data, sent, got, 'demo');
    expect(data.groups.get('web')).toMatchObject({ vars: { tier: 1 }, priority: 3, children: ['db'], hosts: ['w1', 'w2'] });
    expect(data.groups.get('db')?.hosts).toEqual(['d1']);
    expect(data.hosts.get('w1')?.vars.keep).toBeInstanceOf(UnsafeText);
    expect(data.hosts.get('w1')?.vars.added).toBe(true);
    expect(data.hosts.get('d1')?.vars).toEqual({ port: 22 });
  });

  test('a plug-in that removes a host or a variable is refused as unsupported', () => {
    expect(() => merge(base(), sent, { groups: sent.groups, hosts: [] }, 'demo')).toThrow(/unsupported: inventory plugin 'demo' removed w1/);
    expect(() => merge(base(), sent, { groups: sent.groups, hosts: [{ name: 'w1', vars: {} }] }, 'demo')).toThrow(/removed variables keep of w1/);
  });
});

describe('running a Python inventory plug-in', () => {
  let dir: string;
  const plugin = `
from ansible.plugins.inventory import BaseInventoryPlugin

class InventoryModule(BaseInventoryPlugin):
    NAME = 'pairs'

    def verify_file(self, path):
        return path.endswith('.pairs.yml')

    def parse(self, inventory, loader, path, cache=True):
        super(InventoryModule, self).parse(inventory, loader, path, cache)
        config = self._read_config_data(path)
        group = inventory.add_group(config['group'])
        for name in list(inventory.hosts):
            inventory.add_child(group, name)
        for i in range(config['count']):
            inventory.add_host('made%d' % i, group)
            inventory.set_variable('made%d' % i, 'index', i)
`;
  const doc = `
DOCUMENTATION = '''
    name: pairs
    options:
      plugin: {required: true}
      group: {default: made}
      count: {type: int, default: 1}
'''
`;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-pyinv-'));
    mkdirSync(join(dir, 'inventory_plugins'));
    writeFileSync(join(dir, 'inventory_plugins', 'pairs.py'), doc + plugin);
    writeFileSync(join(dir, 'src.pairs.yml'), 'plugin: pairs\ngroup: twins\ncount: 2\n');
    writeFileSync(join(dir, 'bad.yml'), 'plugin: pairs\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test("it sees the hosts read before it and adds its own, with its options read by Ansible's config", () => {
    const data = new InventoryData();
    data.addHost('old', 'ungrouped');
    const warnings: string[] = [];
    const ok = pythonPluginSource('pairs', join(dir, 'src.pairs.yml'), { basedir: dir }).populate(data, (m) => warnings.push(m));
    expect({ ok, warnings }).toEqual({ ok: true, warnings: [] });
    expect(data.groups.get('twins')?.hosts).toEqual(['old', 'made0', 'made1']);
    expect(data.hosts.get('made1')?.vars).toEqual({ index: 1 });
  });

  test("a source the plug-in does not verify, or a plug-in no one has, is unparsed with Ansible's warnings", () => {
    const warnings: string[] = [];
    expect(pythonPluginSource('pairs', join(dir, 'bad.yml'), { basedir: dir }).populate(new InventoryData(), (m) => warnings.push(m))).toBe(false);
    expect(pythonPluginSource('nosuch', join(dir, 'bad.yml'), { basedir: dir }).populate(new InventoryData(), (m) => warnings.push(m))).toBe(false);
    expect(warnings).toEqual([
      ` * Failed to parse ${dir}/bad.yml with auto plugin: inventory source '${dir}/bad.yml' could not be verified by inventory plugin 'pairs'`,
      `Unable to parse ${dir}/bad.yml as an inventory source`,
      ` * Failed to parse ${dir}/bad.yml with auto plugin: inventory config '${dir}/bad.yml' specifies unknown plugin 'nosuch'`,
      `Unable to parse ${dir}/bad.yml as an inventory source`,
    ]);
  });
});
