import { hasAnsible, runAnsible, runTsible, TwinCase } from './files-twins';

/**
 * copy with remote_src and a directory: names on the host are data. Before the fix the tree was listed one
 * entry per line, so a directory whose name held a newline was split into made-up directories, and a file
 * under it (which sha1sum prints escaped) was never copied.
 */
const cases: [string, TwinCase][] = [
  ['names with newlines', { module: 'copy', args: { src: '@T/src/', dest: '@T/out', remote_src: true }, files: { 'src/a\nd ./b/f': 'x', 'src/c\nf 0000000000000000000000000000000000000000  ./g': 'y' } }],
  ['names with quotes, $(), backticks and unicode', { module: 'copy', args: { src: "@T/src'$(touch @T/p1)/", dest: '@T/out`id`é', remote_src: true }, files: { "src'$(touch @T/p1)/q'$(id)`id`é/f": 'x' } }],
];

describe('copy remote_src: no name on the host can fake an entry', () => {
  jest.setTimeout(60_000);

  it('copies names holding newlines as they are, and makes up nothing', async () => {
    const ours = await runTsible(cases[0][1]);
    const out = Object.keys(ours.tree).filter((k) => k.startsWith('out/')).sort();
    expect(out).toEqual(['out/a\nd .', 'out/a\nd ./b', 'out/a\nd ./b/f', 'out/c\nf 0000000000000000000000000000000000000000  .', 'out/c\nf 0000000000000000000000000000000000000000  ./g']);
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same files as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect([ours.result.changed, ours.result.msg]).toEqual([theirs.result.changed, theirs.result.msg]);
    expect(ours.tree).toEqual(theirs.tree);
  });
});
