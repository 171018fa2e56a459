import { describeWithAnsible, FIXTURES, runAnsibleInventory, runTsibleInventory } from './ansible-reference';

/**
 * tsible-inventory against ansible-inventory on the same fixtures: --list compared as parsed JSON
 * (Python writes 1000.0 where JavaScript writes 1000), --graph and --host compared as text.
 */

const cases: { name: string; args: string[]; compare: 'json' | 'text' }[] = [
  { name: 'INI with ranges, literals, vars and children', args: ['-i', 'ini-basic/hosts.ini', '--list'], compare: 'json' },
  { name: 'YAML with nested children, ports and priorities', args: ['-i', 'yaml-basic/hosts.yml', '--list'], compare: 'json' },
  { name: 'a directory with group_vars/ and host_vars/', args: ['-i', 'dir-inventory', '--list'], compare: 'json' },
  { name: 'several -i merged, one of them a host list', args: ['-i', 'diamond/hosts.ini', '-i', 'extra1,extra2:2200,', '-i', 'patterns/hosts.ini', '--list'], compare: 'json' },
  { name: '--list --export', args: ['-i', 'diamond/hosts.ini', '-i', 'dir-inventory', '--list', '--export'], compare: 'json' },
  { name: '--host on a diamond with priorities', args: ['-i', 'diamond/hosts.ini', '--host', 'd1'], compare: 'text' },
  { name: '--host with -e on top', args: ['-i', 'diamond/hosts.ini', '--host', 'd1', '-e', 'who=cli', '-e', '{"n": [1]}'], compare: 'text' },
  { name: '--host for the implicit localhost', args: ['-i', 'dir-inventory', '--host', 'localhost'], compare: 'text' },
  // Python tuples and integral floats have no JavaScript form, so --vars is checked where none occur.
  { name: '--graph', args: ['-i', 'ini-basic/hosts.ini', '--graph'], compare: 'text' },
  { name: '--graph --vars', args: ['-i', 'diamond/hosts.ini', '-i', 'dir-inventory', '--graph', '--vars'], compare: 'text' },
  { name: '--graph from a group', args: ['-i', 'yaml-basic/hosts.yml', '--graph', 'dbservers'], compare: 'text' },
  { name: 'a source that does not exist', args: ['-i', 'no-such-inventory', '--list'], compare: 'json' },
];

describeWithAnsible('tsible-inventory matches ansible-inventory', () => {
  const reference = new Map<string, Promise<{ code: number; stdout: string }>>();
  beforeAll(() => {
    for (const c of cases) reference.set(c.name, runAnsibleInventory(c.args, FIXTURES));
  });

  test.each(cases)('$name', async ({ name, args, compare }) => {
    const expected = await reference.get(name);
    const actual = runTsibleInventory(args, FIXTURES);
    expect(actual.code).toBe(expected?.code);
    if (compare === 'json') expect(JSON.parse(actual.stdout)).toEqual(JSON.parse(expected?.stdout ?? ''));
    else expect(actual.stdout).toBe(expected?.stdout);
  }, 30000);

  test('--yaml writes the same document as ansible-inventory', async () => {
    const args = ['-i', 'dir-inventory', '--list', '--yaml'];
    const [expected, actual] = [await runAnsibleInventory(args, FIXTURES), runTsibleInventory(args, FIXTURES)];
    expect(actual.stdout).toBe(expected.stdout);
  }, 30000);
});
