import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadInventory, loadInventoryWithPlugins } from '../../../engine/inventory';

function load(files: Record<string, string>, enabledPlugins: string[]) {
  const cwd = mkdtempSync(join(tmpdir(), 'tsible-enabled-'));
  for (const [name, text] of Object.entries(files)) writeFileSync(join(cwd, name), text);
  const warnings: string[] = [];
  const inv = loadInventory(Object.keys(files), { cwd, enabledPlugins, onWarning: (w) => warnings.push(w.split(cwd).join('<dir>')) });
  return { hosts: [...inv.hosts.keys()], warnings };
}

describe('INVENTORY_ENABLED (enable_plugins)', () => {
  const files = { 'hosts.ini': '[g]\nini1\n', 'hosts.yml': 'all:\n  hosts:\n    yaml1:\n' };

  test("a file is read only when the reader it needs is enabled (ansible.builtin. names too)", () => {
    expect(load(files, ['ini']).hosts).toEqual(['ini1']);
    expect(load(files, ['ansible.builtin.yaml']).hosts).toEqual(['yaml1']);
    expect(load(files, ['ini']).warnings).toEqual(['Unable to parse <dir>/hosts.yml as an inventory source']);
  });

  test('a plug-in configuration is read by auto, or by the plug-in named in it', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'tsible-enabled-'));
    writeFileSync(join(cwd, 'hosts.yml'), 'all:\n  hosts:\n    h1: {role: web}\n');
    writeFileSync(join(cwd, 'c.yml'), "plugin: constructed\ngroups:\n  web: role == 'web'\n");
    const groups = async (enabledPlugins: string[]) => {
      const inv = await loadInventoryWithPlugins(['hosts.yml', 'c.yml'], { cwd, enabledPlugins });
      return [...inv.groups.keys()];
    };
    expect(await groups(['yaml', 'constructed'])).toContain('web');
    expect(await groups(['yaml', 'auto'])).toContain('web');
    expect(await groups(['yaml'])).not.toContain('web');
  });

  test('with neither host-list reader enabled, `a,b` values are not read', () => {
    expect(load({}, ['ini']).hosts).toEqual([]);
    const cwd = mkdtempSync(join(tmpdir(), 'tsible-enabled-'));
    const warnings: string[] = [];
    const inv = loadInventory(['a,b'], { cwd, enabledPlugins: ['yaml'], onWarning: (w) => warnings.push(w) });
    expect([...inv.hosts.keys()]).toEqual([]);
    expect(warnings).toEqual(['Unable to parse a,b as an inventory source', 'No inventory was parsed, only implicit localhost is available']);
  });
});
