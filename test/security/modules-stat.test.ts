import { hasAnsible, runAnsible, runTsible, TwinCase } from './files-twins';

/**
 * stat: link targets and names are data. Before the fix each value was a line of output, so a link
 * whose target held a newline was reported with its target cut at the newline, and the rest of the
 * target was read as the next field.
 */
const KEYS = ['exists', 'islnk', 'isreg', 'lnk_target', 'lnk_source', 'size', 'checksum', 'mode'];

const cases: [string, TwinCase][] = [
  ['a link whose target holds a newline', { module: 'stat', args: { path: '@T/l' }, files: { l: { link: 'a\nb\nc' } } }],
  ['a link whose target ends in newlines', { module: 'stat', args: { path: '@T/l' }, files: { 'f\n\n': 'x', l: { link: 'f\n\n' } } }],
  ['a name with quotes, $(), backticks, a newline and unicode', { module: 'stat', args: { path: "@T/a'$(touch @T/p1)`touch @T/p2`\né" }, files: { "a'$(touch @T/p1)`touch @T/p2`\né": 'xyz' } }],
  ['a name starting with a dash', { module: 'stat', args: { path: '@T/-n', follow: true }, files: { '-n': 'xyz' } }],
];

const pick = (result: Record<string, unknown>) => {
  const st = (result.stat ?? {}) as Record<string, unknown>;
  return Object.fromEntries(KEYS.filter((k) => k in st).map((k) => [k, st[k]]));
};

describe('stat: no name or link target can shift a field', () => {
  jest.setTimeout(60_000);

  it('reports a link target holding newlines whole', async () => {
    const ours = await runTsible(cases[0][1]);
    expect(pick(ours.result)).toMatchObject({ exists: true, islnk: true, lnk_target: 'a\nb\nc', lnk_source: '@T/a\nb\nc' });
    const trailing = await runTsible(cases[1][1]);
    expect(pick(trailing.result)).toMatchObject({ lnk_target: 'f\n\n', lnk_source: '@T/f\n\n' });
  });

  it('runs nothing a path holds and stats the file', async () => {
    const ours = await runTsible(cases[2][1]);
    expect(pick(ours.result)).toMatchObject({ exists: true, isreg: true, size: 3 });
    expect(Object.keys(ours.tree).filter((k) => /^p\d$/.test(k))).toEqual([]);
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same stat as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect(pick(ours.result)).toEqual(pick(theirs.result));
    expect(ours.tree).toEqual(theirs.tree);
  });
});
