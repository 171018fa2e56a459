import { mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { withPluginFilters } from '../cli/module-filters';
import { loadConfig } from './ansible-cfg';
import { loadPluginFilters } from './plugin-filters';

/** A directory with an ansible.cfg setting plugin_filters_cfg = filters.yml, holding `filters` when given. */
function configWith(filters?: string) {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-filters-'));
  writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\nplugin_filters_cfg = ./filters.yml\n');
  if (filters !== undefined) writeFileSync(join(dir, 'filters.yml'), filters);
  return { dir, config: loadConfig({ cwd: dir, env: { HOME: dir }, home: dir, systemFile: '/nonexistent/ansible.cfg' }) };
}

describe('plugin_filters_cfg', () => {
  test('module_blacklist names the modules refused, matched as written', () => {
    const { config } = configWith('filter_version: 1.0\nmodule_blacklist: [copy, pause]\n');
    const filters = loadPluginFilters(config);
    expect([...filters.modules]).toEqual(['copy', 'pause']);
    const checks = withPluginFilters({ isKnownModule: (name: string) => name !== '', moduleNames: () => ['copy', 'file'] }, filters);
    expect(checks.isKnownModule?.('copy')).toBe(false);
    expect(checks.isKnownModule?.('ansible.builtin.copy')).toBe(true);
    expect([...(checks.moduleNames?.() ?? [])]).toEqual(['file']);
  });

  test('files Ansible cannot use are skipped with its warnings', () => {
    const cases: Array<[string | undefined, string]> = [
      [undefined, 'The plugin filter file, <dir>/filters.yml does not exist. Skipping.'],
      ['module_blacklist: [copy]\n', 'The plugin filter file, <dir>/filters.yml was invalid. Skipping.'],
      ['filter_version: 1\nmodule_blacklist: [copy]\n', 'The plugin filter file, <dir>/filters.yml was a version not recognized by this version of Ansible. Skipping.'],
      ['filter_version: 1.0\nmodule_blacklist:\n', 'Unable to parse the plugin filter file <dir>/filters.yml as module_blacklist is not a list. Skipping.'],
    ];
    for (const [text, warning] of cases) {
      const { dir, config } = configWith(text);
      const filters = loadPluginFilters(config);
      expect(filters.modules.size).toBe(0);
      expect(filters.warnings.map((w) => w.split(dir).join('<dir>'))).toEqual([warning]);
    }
  });

  test("the string '1.0' is a version too, as Python's str() of either is", () => {
    expect(loadPluginFilters(configWith("filter_version: '1.0'\nmodule_blacklist: [copy]\n").config).modules.has('copy')).toBe(true);
  });

  test('stat in the list stops the command; a file without module_blacklist is refused (2.14 crashes on it)', () => {
    expect(() => loadPluginFilters(configWith('filter_version: 1.0\nmodule_blacklist: [stat]\n').config)).toThrow(
      /The stat module was specified in the module blacklist file, .*filters\.yml, but Ansible will not function without the stat module\. {2}Please remove stat from the blacklist\./,
    );
    expect(() => loadPluginFilters(configWith('filter_version: 1.0\nmodule_rejectlist: [copy]\n').config)).toThrow('has no module_blacklist');
  });
});
