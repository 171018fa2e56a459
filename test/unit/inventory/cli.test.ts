import { mkdtempSync, readFileSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { FIXTURES, runTsibleInventory } from './ansible-reference';

describe('tsible-inventory command line', () => {
  test.each([
    [[], 'No action selected, at least one of --host, --graph or --list needs to be specified.'],
    [['--list', '--graph'], 'Conflicting options used, only one of --host, --graph or --list can be used at the same time.'],
    [['--graph', 'nosuch'], 'Pattern must be valid group name when using --graph'],
    [['--host', 'nosuch'], 'You must pass a single valid host to --host parameter'],
    [['--host', 'web'], 'You must pass a single valid host to --host parameter'],
  ])('%j is a usage error (exit 5) as in ansible-inventory', async (args, message) => {
    const result = await runTsibleInventory(['-i', 'patterns/hosts.ini', ...args], FIXTURES);
    expect(result.code).toBe(5);
    expect(result.stderr).toContain(`ERROR! ${message}`);
  });

  test('a bad inventory line is reported with its file, line and column (exit 4)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-cli-'));
    writeFileSync(join(dir, 'hosts'), '[web]\nh1 novalue\n');
    const result = await runTsibleInventory(['-i', 'hosts', '--list'], dir);
    expect(result.code).toBe(4);
    expect(result.stderr).toContain('ERROR! Expected key=value host variable assignment, got: novalue');
    expect(result.stderr).toContain(`at ${join(dir, 'hosts')}:2:4`);
    expect(result.stdout).toBe('');
  });

  test('without -i the inventory comes from ansible.cfg', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-cli-'));
    writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\ninventory = ./hosts, ./more\n');
    writeFileSync(join(dir, 'hosts'), '[web]\nw1\n');
    writeFileSync(join(dir, 'more'), '[db]\nd1\n');
    const result = await runTsibleInventory(['--graph'], dir);
    expect(result.stdout).toBe('@all:\n  |--@ungrouped:\n  |--@web:\n  |  |--w1\n  |--@db:\n  |  |--d1\n');
  });

  test('--version names the version and the ansible.cfg in use, and needs no action', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-cli-'));
    writeFileSync(join(dir, 'ansible.cfg'), '[defaults]\n');
    const result = await runTsibleInventory(['--version'], dir);
    expect(result.code).toBe(0);
    expect(result.stdout.split('\n').slice(0, 2)).toEqual([
      expect.stringMatching(/^tsible-inventory \d+\.\d+\.\d+ \[ansible-core 2\.14 compatible\]$/),
      `  config file = ${join(dir, 'ansible.cfg')}`,
    ]);
  });

  test('an unknown option is a usage error (exit 2, as argparse)', async () => {
    expect((await runTsibleInventory(['--bogus'], FIXTURES)).code).toBe(2);
  });

  test('--output writes --list to a file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-cli-'));
    const result = await runTsibleInventory(['-i', 'a,b,', '--list', '--output', 'out.json'], dir);
    expect(result.stdout).toBe('');
    expect(JSON.parse(readFileSync(join(dir, 'out.json'), 'utf8')).ungrouped).toEqual({ hosts: ['a', 'b'] });
  });

  test('--playbook-dir adds that directory\'s group_vars and host_vars', async () => {
    const dir = join(FIXTURES, 'precedence');
    const result = await runTsibleInventory(['-i', 'inv/hosts.ini', '--host', 'w1', '--playbook-dir', 'pb'], dir);
    expect(JSON.parse(result.stdout)).toMatchObject({ x: 'inv_gv_all', y: 'pb_gv_all', z: 'pb_gv_web', h: 'pb_hv' });
  });
});
