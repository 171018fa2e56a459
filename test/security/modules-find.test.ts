import { hasAnsible, runAnsible, runTsible, TwinCase } from './files-twins';

/**
 * find: names are data. Before the fix find's output was one line per field, so a directory whose name
 * held newlines and a fake stat line made find report a file outside the searched path (which a cleanup
 * loop over the results then deleted), and a file name holding a newline made `contains` match a file
 * whose content does not.
 */
const FAKE_STAT = '644|0|0|root|root|1|0|0|0|1|1|1|0|512|0|0';

const cases: [string, TwinCase][] = [
  [
    'a name faking a result outside the searched path',
    { module: 'find', args: { paths: '@T/uploads', recurse: true }, files: { victim: 'keep me', [`uploads/x\n${FAKE_STAT}\nf @T/victim`]: 'planted' } },
  ],
  [
    'a name faking a contains match',
    { module: 'find', args: { paths: '@T/uploads', recurse: true, contains: 'needle' }, files: { 'uploads/secret': 'nothing here', 'uploads/q\n@T/uploads/secret': 'needle' } },
  ],
  ['names with quotes, $(), backticks and unicode', { module: 'find', args: { paths: "@T/d'$(touch @T/p1)`touch @T/p2`é", patterns: "*'$(x)*" }, files: { "d'$(touch @T/p1)`touch @T/p2`é/a'$(x)`y`\n.txt": '', "d'$(touch @T/p1)`touch @T/p2`é/b": '' } }],
];

const paths = (result: Record<string, unknown>) => ((result.files ?? []) as { path: string }[]).map((f) => f.path).sort();

describe('find: no file name can fake a result', () => {
  jest.setTimeout(60_000);

  it('reports only what is under the searched path, by its true name', async () => {
    const ours = await runTsible(cases[0][1]);
    expect(paths(ours.result)).toEqual([`@T/uploads/x\n${FAKE_STAT}\nf @T/victim`]);
  });

  it('matches contains on the file that holds it, not on a file a name points at', async () => {
    const ours = await runTsible(cases[1][1]);
    expect(paths(ours.result)).toEqual(['@T/uploads/q\n@T/uploads/secret']);
  });

  it('runs nothing a path or pattern holds and finds the file', async () => {
    const ours = await runTsible(cases[2][1]);
    expect(paths(ours.result)).toEqual(["@T/d'$(touch @T/p1)`touch @T/p2`é/a'$(x)`y`\n.txt"]);
    expect(Object.keys(ours.tree).filter((k) => /^p\d$/.test(k))).toEqual([]);
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same files as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect(paths(ours.result)).toEqual(paths(theirs.result));
    expect(ours.result.matched).toEqual(theirs.result.matched);
    expect(ours.tree).toEqual(theirs.tree);
  });
});
