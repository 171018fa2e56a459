import { describeWithAnsible, FIXTURES, RunResult, runAnsibleInventoryBatch, runTsibleInventory } from './ansible-reference';

/**
 * tsible-inventory against ansible-inventory on the same fixtures: exit codes always, --list compared
 * as parsed JSON (Python writes 1000.0 where JavaScript writes 1000), --graph, --host and --yaml as text.
 */

const cases: { name: string; args: string[]; compare: 'json' | 'text' | 'code'; stderr?: boolean }[] = [
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
  { name: 'a source that does not exist', args: ['-i', 'no-such-inventory', '--list'], compare: 'json', stderr: true },
  { name: '--list --yaml with values shared by several hosts', args: ['-i', 'shared-values/hosts.ini', '--list', '--yaml'], compare: 'text' },
  { name: '--list --yaml of a directory', args: ['-i', 'dir-inventory', '--list', '--yaml'], compare: 'text' },
  { name: 'the constructed plug-in: compose, groups, keyed_groups', args: ['-i', 'constructed/static.yml', '-i', 'constructed/constructed.yml', '--graph'], compare: 'text' },
  { name: 'the constructed plug-in: composed variables in --list', args: ['-i', 'constructed/static.yml', '-i', 'constructed/constructed.yml', '--list'], compare: 'json' },
  { name: 'the constructed plug-in without a leading separator', args: ['-i', 'constructed/static.yml', '-i', 'constructed/no-leading.yml', '--graph'], compare: 'text' },
  { name: 'the constructed plug-in seeing group_vars/host_vars (use_vars_plugins)', args: ['-i', 'constructed/vars-dir/hosts.yml', '-i', 'constructed/plugin-dir/constructed.yml', '--graph'], compare: 'text' },
  { name: 'the constructed plug-in seeing -e (use_extra_vars)', args: ['-i', 'constructed/static.yml', '-i', 'constructed/extra-vars.yml', '--list', '-e', 'who=cli'], compare: 'json' },
  { name: 'an inventory script with _meta', args: ['-i', 'script/with-meta.sh', '--list'], compare: 'json' },
  { name: 'an inventory script with _meta, --graph', args: ['-i', 'script/with-meta.sh', '--graph'], compare: 'text' },
  { name: 'an inventory script asked --host for each host', args: ['-i', 'script/per-host.sh', '--list', '--export'], compare: 'json' },
  // Ansible prints its whole --help after the error; tsible only the error.
  { name: '--graph of a group that does not exist', args: ['-i', 'patterns/hosts.ini', '--graph', 'nosuch'], compare: 'code' },
];

describeWithAnsible('tsible-inventory matches ansible-inventory', () => {
  let reference: RunResult[] = [];
  beforeAll(async () => {
    reference = await runAnsibleInventoryBatch(
      cases.map((c) => c.args),
      FIXTURES,
    );
  }, 60000);

  test.each(cases.map((c, i) => ({ ...c, i })))('$name', async ({ args, compare, stderr, i }) => {
    const expected = reference[i];
    const actual = await runTsibleInventory(args, FIXTURES);
    expect(actual.code).toBe(expected?.code);
    if (compare === 'json') expect(JSON.parse(actual.stdout)).toEqual(JSON.parse(expected?.stdout ?? ''));
    else if (compare === 'text') expect(actual.stdout).toBe(expected?.stdout);
    // Ansible shows a warning once per process, so only a case whose warnings no other case repeats can compare them.
    if (stderr) expect(actual.stderr).toBe(expected?.stderr);
  });
});
