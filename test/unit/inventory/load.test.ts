import { execFile } from 'child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadGroupHostVarsDir, loadInventory } from '../../../engine/inventory';
import { TsibleError } from '../../../engine/errors';
import { VarsLookup } from '../../../engine/inventory/types';
import { encryptVault } from '../../../engine/vault/format';
import { setRunVault, Vault } from '../../../engine/vault/vault';
import { cleanEnv, describeWithAnsible, FIXTURES } from './ansible-reference';

function tempDir(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, name, '..'), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

function load(sources: string[], cwd: string) {
  const warnings: string[] = [];
  const inv = loadInventory(sources, { cwd, onWarning: (w) => warnings.push(w) });
  return { inv, warnings, hosts: [...inv.hosts.keys()] };
}

describe('inventory sources', () => {
  test('a source that does not exist warns, and only the implicit localhost is left', () => {
    const cwd = tempDir({});
    const { inv, warnings, hosts } = load(['nope'], cwd);
    expect(warnings).toEqual([`Unable to parse ${join(cwd, 'nope')} as an inventory source`, 'No inventory was parsed, only implicit localhost is available']);
    expect(hosts).toEqual([]);
    expect(inv.getHosts('localhost').map((h) => h.name)).toEqual(['localhost']);
    expect(inv.getHosts('all')).toEqual([]);
  });

  test('a host list is split on commas, keeps ports, and is ungrouped', () => {
    const { inv, hosts } = load(['a, b:2200,,10.0.0.1,'], tempDir({}));
    expect(hosts).toEqual(['a', 'b', '10.0.0.1']);
    expect(inv.hosts.get('b')?.vars).toEqual({ ansible_port: 2200 });
    expect(inv.groups.get('ungrouped')?.hosts).toEqual(['a', 'b', '10.0.0.1']);
  });

  test('a directory reads its files in order, skipping what Ansible skips', () => {
    const cwd = tempDir({
      'inv/a-hosts': '[web]\nw1\n',
      'inv/b.yml': 'web:\n  hosts:\n    w2:\n',
      'inv/sub/c.yaml': 'db:\n  hosts:\n    d1:\n',
      'inv/skipped.ini': 'x1\n',
      'inv/notes.md': 'x2\n',
      'inv/old.bak': 'x3\n',
      'inv/.hidden': 'x4\n',
      'inv/backup~': 'x5\n',
      'inv/group_vars/web': 'v: 1\n',
    });
    const { hosts, inv } = load(['inv'], cwd);
    expect(hosts).toEqual(['w1', 'w2', 'd1']);
    expect(inv.hostVars('w2')).toMatchObject({ v: 1, inventory_file: join(cwd, 'inv/b.yml'), inventory_dir: join(cwd, 'inv') });
  });

  test('an executable script is run; a broken answer is an error in the words of Python\'s json', () => {
    const cwd = tempDir({ 'inv/script.sh': '#!/bin/sh\necho \'{"g": ["s1"]}\'\n', 'inv/hosts': 'h1\n', 'bad.sh': '#!/bin/sh\necho \'{"g": ["s1"],}\'\n', 'fails.sh': '#!/bin/sh\necho oops >&2\nexit 3\n' });
    for (const f of ['inv/script.sh', 'bad.sh', 'fails.sh']) chmodSync(join(cwd, f), 0o755);
    expect(load(['inv'], cwd).hosts).toEqual(['h1', 's1']);
    expect(() => load(['bad.sh'], cwd)).toThrow(`failed to parse executable inventory script results from ${join(cwd, 'bad.sh')}: Expecting property name enclosed in double quotes: line 1 column 14 (char 13)`);
    expect(() => load(['fails.sh'], cwd)).toThrow(`Inventory script (${join(cwd, 'fails.sh')}) had an execution error: oops`);
  });

  test('a plugin written in Python beside the inventory stops the load, naming it', () => {
    const cwd = tempDir({ 'inv.yml': 'plugin: my_plugin\n', 'inventory_plugins/my_plugin.py': 'class InventoryModule: pass\n' });
    expect(() => load(['inv.yml'], cwd)).toThrow(`unsupported: Python inventory plugin 'my_plugin' (${join(cwd, 'inventory_plugins/my_plugin.py')})`);
  });

  test('a plugin configuration the synchronous loader was not given is skipped with a warning', () => {
    const cwd = tempDir({ 'inv/aws_ec2.yml': 'plugin: amazon.aws.aws_ec2\n', 'inv/hosts': 'h1\n' });
    const { hosts, warnings } = load(['inv'], cwd);
    expect(hosts).toEqual(['h1']);
    expect(warnings).toContain(`Skipping ${join(cwd, 'inv/aws_ec2.yml')}: inventory plugin 'amazon.aws.aws_ec2' is not supported`);
  });

  test('a file without extension is YAML when it holds a mapping and INI otherwise; a .yml holding INI is read as INI', () => {
    const cwd = tempDir({ yamlish: 'g:\n  hosts:\n    y1:\n', iniish: '[g]\ni1 a=1\n', 'ini.yml': '[g]\ni2\n' });
    expect(load(['yamlish', 'iniish', 'ini.yml'], cwd).inv.groups.get('g')?.hosts).toEqual(['y1', 'i1', 'i2']);
  });

  test('YAML errors carry file:line:col', () => {
    const cwd = tempDir({ 'bad.yml': 'web:\n  hosts:\n    - h1\n', 'broken.yml': 'web: [\n' });
    const error = (src: string) => {
      try {
        load([src], cwd);
      } catch (err) {
        return err as TsibleError;
      }
      throw new Error('expected an error');
    };
    expect(error('bad.yml').message).toBe('Invalid "hosts" entry for "web" group, requires a dictionary, found "list" instead.');
    expect(error('bad.yml').origin).toEqual({ file: join(cwd, 'bad.yml'), line: 2, column: 3 });
    expect(error('broken.yml').origin?.file).toBe(join(cwd, 'broken.yml'));
  });

  test('a host written as a number in YAML is refused, as Ansible refuses it; quoted it is a host', () => {
    const cwd = tempDir({ 'int.yml': 'all:\n  hosts:\n    1234: {}\n', 'quoted.yml': 'all:\n  hosts:\n    "1234": {}\n' });
    expect(() => load(['int.yml'], cwd)).toThrow('Host pattern 1234 must be a string. Enclose integers/floats in quotation marks.');
    expect(load(['quoted.yml'], cwd).hosts).toEqual(['1234']);
  });

  test('YAML keys Ansible does not know are skipped with its warnings', () => {
    const cwd = tempDir({ 'h.yml': 'web:\n  hosts:\n    h1:\n  extra: {a: 1}\n  listy: [1]\nnot_a_group: [1]\n' });
    const { warnings, hosts } = load(['h.yml'], cwd);
    expect(hosts).toEqual(['h1']);
    expect(warnings).toEqual([
      'Skipping unexpected key (extra) in group (web), only "vars", "children" and "hosts" are valid',
      'Skipping key (listy) in group (web) as it is not a mapping, it is a list',
      "Skipping 'not_a_group' as this is not a valid group definition",
    ]);
  });

  test('a host named like a group, group names Python cannot use, and two localhosts are warned about', () => {
    const cwd = tempDir({ hosts: '[web-servers]\nweb\n127.0.0.1\n[web]\nw1\nlocalhost\n' });
    expect(load(['hosts'], cwd).warnings).toEqual([
      'Invalid characters were found in group names but not replaced, use -vvvv to see details',
      'A duplicate localhost-like entry was found (localhost). First found localhost was 127.0.0.1',
      'Found both group and host with same name: web',
    ]);
  });
});

/** Stand-in groups and hosts: only their names matter for finding vars files. */
function entities(groups: string[], hosts: string[]) {
  return {
    groups: new Map(groups.map((name) => [name, { name, vars: {}, children: [], hosts: [] }])),
    hosts: new Map(hosts.map((name) => [name, { name, vars: {}, groups: [] }])),
  };
}

describe('group_vars and host_vars', () => {
  test('the first of name, name.yml, name.yaml, name.json wins; a directory is merged in sorted order', () => {
    const dir = tempDir({
      'group_vars/all.yml': 'a: yml\n',
      'group_vars/all.yaml': 'a: yaml\n',
      'group_vars/web/2.json': '{"m": "json", "j": true}',
      'group_vars/web/1.yml': 'm: yml\n',
      'group_vars/web/3.txt': 'm: txt\n',
      'group_vars/web/.4.yml': 'm: hidden\n',
      'group_vars/web/deeper/x': 'deep: 1\n',
      'host_vars/h1': '---\n',
      'host_vars/h2.json': '{"h": 2}',
    });
    const vars = loadGroupHostVarsDir(dir, entities(['all', 'web', 'db'], ['h1', 'h2']));
    const found = (lookup: VarsLookup, names: string[]) => Object.fromEntries(names.map((n) => [n, lookup.get(n)]).filter(([, v]) => v));
    expect(found(vars.groupVars, ['all', 'web', 'db'])).toEqual({ all: { a: 'yml' }, web: { m: 'json', j: true, deep: 1 } });
    expect(found(vars.hostVars, ['h1', 'h2'])).toEqual({ h2: { h: 2 } });
  });

  test('a group or host the run creates later (group_by, add_host) gets its group_vars/host_vars', () => {
    const dir = tempDir({ 'group_vars/made.yml': 'x: 1\n', 'host_vars/new': 'y: 2\n' });
    const vars = loadGroupHostVarsDir(dir, entities(['all'], ['h1']));
    expect(vars.groupVars.get('made')).toEqual({ x: 1 });
    expect(vars.hostVars.get('new')).toEqual({ y: 2 });
  });

  test('a vault-encrypted inventory or vars file is decrypted with the run\'s secrets, or refused naming it', () => {
    const vaulted = (text: string) => encryptVault(text, Buffer.from('pw'));
    const dir = tempDir({ 'group_vars/all.yml': vaulted('x: 1\n'), hosts: vaulted('h1\n'), ok: 'h2\n' });
    const message = (f: string) => `Decryption failed (no vault secrets were found that could decrypt) on ${join(dir, f)}`;
    setRunVault(new Vault([{ id: 'default', password: Buffer.from('wrong') }]));
    try {
      expect(() => load(['hosts'], dir)).toThrow(message('hosts'));
      expect(() => load(['ok'], dir)).toThrow(message('group_vars/all.yml'));
      setRunVault(new Vault([{ id: 'default', password: Buffer.from('pw') }]));
      expect(load(['hosts'], dir).hosts).toContain('h1');
      expect(loadGroupHostVarsDir(dir, entities(['all'], [])).groupVars.get('all')).toEqual({ x: 1 });
    } finally {
      setRunVault(new Vault());
    }
  });

  test('a vars file that is not a mapping is an error naming it', () => {
    const dir = tempDir({ 'group_vars/all.yml': '- 1\n' });
    expect(() => loadGroupHostVarsDir(dir, entities(['all'], []))).toThrow(`vars file ${join(dir, 'group_vars/all.yml')} must be a dictionary of variables, got: list`);
  });
});

describeWithAnsible('variable layers', () => {
  const dir = join(FIXTURES, 'precedence');

  test('playbook group_vars/host_vars slot between the inventory layers as ansible-playbook merges them', async () => {
    const stdout = await new Promise<string>((done, fail) => {
      const env = { ...cleanEnv(), ANSIBLE_STDOUT_CALLBACK: 'json' };
      execFile('ansible-playbook', ['-i', 'inv/hosts.ini', 'pb/pb.yml'], { cwd: dir, env }, (err, out) => (err ? fail(err) : done(out)));
    });
    const expected = JSON.parse(stdout).plays[0].tasks[0].hosts.w1.msg;
    const inv = loadInventory(['inv/hosts.ini'], { cwd: dir });
    const play = loadGroupHostVarsDir(join(dir, 'pb'), inv);
    const layers = inv.hostVarLayers('w1', play);
    const merged = Object.assign({}, ...layers.map((l) => l.vars));
    expect({ x: merged.x, y: merged.y, z: merged.z, h: merged.h }).toEqual(expected);
    expect(inv.hostVars('w1')).toMatchObject({ x: 'inv_gv_all', y: 'inv_gv_all', h: 'inv_hv' });
  }, 30000);
});
