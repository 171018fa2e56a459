import { spawnSync } from 'child_process';
import { cpSync, mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';

/**
 * tsible-inventory (compiled, in dist/) against real ansible-inventory on Python inventory and vars
 * plug-ins: the compat case's plug-ins, found through ANSIBLE_PLAYBOOK_DIR and ANSIBLE_VARS_PLUGINS,
 * with its ansible.cfg's vars_plugins_enabled.
 */
const ROOT = join(__dirname, '..', '..', '..');
const CASE = join(ROOT, 'test', 'compat', 'cases', 'python-inventory-vars-plugins');
const TSIBLE = [process.execPath, join(ROOT, 'dist', 'engine', 'cli', 'tsible-inventory.js')];
const hasAnsible = spawnSync('ansible-inventory', ['--version'], { stdio: 'ignore' }).status === 0;

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'tsible-pyinv-cli-'));
  cpSync(CASE, join(dir, 'case'), { recursive: true });
  mkdirSync(join(dir, 'deprecated'));
  writeFileSync(join(dir, 'deprecated', 'old_flag.py'), 'from ansible.plugins.vars import BaseVarsPlugin\n\nclass VarsModule(BaseVarsPlugin):\n    REQUIRES_WHITELIST = False\n\n    def get_vars(self, loader, path, entities):\n        return {"flagged": path}\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(command: string[], args: string[], env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command[0], [...command.slice(1), ...args], {
    cwd: join(dir, 'case'),
    env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', ANSIBLE_NOCOLOR: '1', ...env },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const both = (args: string[], env: Record<string, string>) => ({ tsible: run(TSIBLE, args, env), ansible: run(['ansible-inventory'], args, env) });

(hasAnsible ? describe : describe.skip)('tsible-inventory with Python plug-ins, as ansible-inventory', () => {
  test('the plug-ins beside ANSIBLE_PLAYBOOK_DIR give the same hosts, groups and variables', () => {
    const { tsible, ansible } = both(['-i', 'inventory', '--list'], { ANSIBLE_PLAYBOOK_DIR: join(dir, 'case') });
    expect(ansible.code).toBe(0);
    const list = JSON.parse(ansible.stdout) as { _meta: { hostvars: Record<string, Record<string, unknown>> } };
    expect(list._meta.hostvars.w1).toMatchObject({ stamp: 'blue:front', opted_in: true, host_from_plugin: 'w1 in playbook dir' });
    expect({ code: tsible.code, list: JSON.parse(tsible.stdout) as unknown }).toEqual({ code: 0, list });
  });

  test("a vars plug-in's deprecation (REQUIRES_WHITELIST) is printed as Ansible prints it", () => {
    const env = { ANSIBLE_VARS_PLUGINS: join(dir, 'deprecated'), ANSIBLE_PLAYBOOK_DIR: join(dir, 'case'), ANSIBLE_DEPRECATION_WARNINGS: 'True' };
    const { tsible, ansible } = both(['-i', 'localhost,', '--list', '--yaml'], env);
    expect(ansible.stderr).toContain("The VarsModule class variable 'REQUIRES_WHITELIST' is \ndeprecated.");
    expect(tsible).toEqual(ansible);
  });

  test("a collection's inventory plug-in in the playbook directory's collections/ is found by its FQCN", () => {
    const coll = join(dir, 'coll');
    cpSync(join(dir, 'case'), coll, { recursive: true });
    const plugins = join(coll, 'collections', 'ansible_collections', 'acme', 'inv', 'plugins', 'inventory');
    mkdirSync(plugins, { recursive: true });
    // A plug-in checks the name its source gives against its NAME, which is the FQCN in a collection.
    writeFileSync(join(plugins, 'stamp.py'), readFileSync(join(coll, 'inventory_plugins', 'stamp.py'), 'utf8').replace("NAME = 'stamp'", "NAME = 'acme.inv.stamp'"));
    rmSync(join(coll, 'inventory_plugins'), { recursive: true });
    writeFileSync(join(coll, 'inventory', 'z.stamp.yml'), 'plugin: acme.inv.stamp\nlabel: red\n');
    const args = ['-i', join(coll, 'inventory'), '--graph', '--playbook-dir', coll];
    const [tsible, ansible] = [run(TSIBLE, args, {}), run(['ansible-inventory'], args, {})];
    expect(ansible.stdout).toContain('@stamped');
    expect(tsible).toEqual(ansible);
  });

  test('a plug-in nobody has leaves the source unparsed with the same warning', () => {
    writeFileSync(join(dir, 'case', 'none.yml'), 'plugin: no_such_plugin\n');
    const { tsible, ansible } = both(['-i', 'none.yml', '--graph'], {});
    expect(tsible.stdout).toBe(ansible.stdout);
    expect(tsible.stderr).toContain("specifies unknown plugin 'no_such_plugin'");
  });
});
