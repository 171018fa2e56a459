import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { InventoryData } from '../inventory-data';
import { PluginVars, varsPluginsWanted } from './vars-plugins';

const own = (vars: Record<string, Record<string, unknown>>) => ({ groupVars: { get: (n: string) => vars[n] }, hostVars: { get: (n: string) => vars[n] } });

describe('Python vars plug-ins', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-pyvars-'));
    mkdirSync(join(dir, 'vars_plugins'));
    mkdirSync(join(dir, 'empty'));
    writeFileSync(join(dir, 'empty', '__init__.py'), '');
    const plugin = (name: string, body: string) => writeFileSync(join(dir, 'vars_plugins', `${name}.py`), `from ansible.plugins.vars import BaseVarsPlugin\n\nclass VarsModule(BaseVarsPlugin):\n${body}`);
    plugin('by_name', `
    def get_vars(self, loader, path, entities):
        return dict(('seen_' + e.name, path) for e in entities)
`);
    plugin('opt_in', `
    REQUIRES_ENABLED = True

    def get_vars(self, loader, path, entities):
        return {'opted': True}
`);
    // Old style: no get_vars, and not built on BaseVarsPlugin (whose get_vars returns nothing).
    writeFileSync(join(dir, 'vars_plugins', 'old_style.py'), `
class VarsModule(object):
    def __init__(self, *args, **kwargs):
        pass

    def get_host_vars(self, name):
        return {'shared': 'plugin', 'old': name}

    def get_group_vars(self, name):
        return {'old_group': name}
`);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  test('only a .py plug-in in a vars plug-in directory, or an enabled collection plug-in, makes a run ask Python', () => {
    expect(varsPluginsWanted([join(dir, 'empty')], ['host_group_vars'])).toBe(false);
    expect(varsPluginsWanted([], ['host_group_vars'], dir)).toBe(true);
    expect(varsPluginsWanted([dir], ['ansible.builtin.host_group_vars'])).toBe(true);
    expect(varsPluginsWanted([], ['host_group_vars', 'my.coll.vars'])).toBe(true);
  });

  test("each entity gets the plug-ins' variables for the path, old-style ones too, under host_group_vars'", () => {
    const data = new InventoryData();
    data.addGroup('web');
    data.addHost('w1', 'web');
    const warnings: string[] = [];
    const vars = new PluginVars(data, { basedir: dir, varsPlugins: true }, (m) => warnings.push(m)).wrap('/some/path', own({ w1: { shared: 'host_vars' } }));
    expect(vars.hostVars.get('w1')).toEqual({ seen_w1: '/some/path', shared: 'host_vars', old: 'w1' });
    expect(vars.groupVars.get('web')).toEqual({ seen_web: '/some/path', old_group: 'web' });
    // A host added by add_host during the run is asked for when it is looked up.
    expect(vars.hostVars.get('later')).toEqual({ seen_later: '/some/path', shared: 'plugin', old: 'later' });
    expect(warnings).toEqual([]);
  });

  test('without vars plug-ins the directory lookups are returned as they are', () => {
    const lookups = own({});
    expect(new PluginVars(new InventoryData(), {}, () => undefined).wrap('/x', lookups)).toBe(lookups);
  });
});
