import { hasAnsible, runAnsible, runTsible, TwinCase, verdict } from './files-twins';

/**
 * file: state=link/hard with force over something in the way. Before the fix a non-empty directory
 * was removed with `rm -rf` to make room for a symlink; Ansible refuses, and so must we.
 */
const cases: [string, TwinCase][] = [
  ['symlink with force over a non-empty directory', { module: 'file', args: { path: '@T/d', src: '@T/f', state: 'link', force: true }, files: { f: 'x', 'd/sub/keep': 'precious' } }],
  ['symlink with force over an empty directory', { module: 'file', args: { path: '@T/d', src: '@T/f', state: 'link', force: true }, files: { f: 'x', d: { dir: true } } }],
  ['symlink without force over an empty directory', { module: 'file', args: { path: '@T/d', src: '@T/f', state: 'link' }, files: { f: 'x', d: { dir: true } } }],
  ['symlink over a link to a directory', { module: 'file', args: { path: '@T/l', src: '@T/f', state: 'link' }, files: { f: 'x', 'd/keep': 'k', l: { link: '@T/d' } } }],
  ['symlink without force over a hard link', { module: 'file', args: { path: '@T/h', src: '@T/f', state: 'link' }, files: { f: 'x', g: 'y' }, hardlinks: { h: 'g' } }],
  ['hard link with force over a non-empty directory goes inside it', { module: 'file', args: { path: '@T/d', src: '@T/f', state: 'hard', force: true }, files: { f: 'x', 'd/keep': 'k' } }],
  ['hard link without force into a directory', { module: 'file', args: { path: '@T/d', src: '@T/f', state: 'hard' }, files: { f: 'x', 'd/keep': 'k' } }],
  ['hard link without force over a file', { module: 'file', args: { path: '@T/g', src: '@T/f', state: 'hard' }, files: { f: 'x', g: 'y' } }],
  ['hard link over a symlink', { module: 'file', args: { path: '@T/l', src: '@T/f', state: 'hard' }, files: { f: 'x', l: { link: '@T/nowhere' } } }],
  ['directory over a file', { module: 'file', args: { path: '@T/f', state: 'directory' }, files: { f: 'x' } }],
];

describe('file: force never removes what Ansible keeps', () => {
  jest.setTimeout(60_000);

  it('refuses to replace a non-empty directory with a symlink, keeping its content', async () => {
    const ours = await runTsible(cases[0][1]);
    expect(verdict(ours.result)).toEqual({ changed: false, failed: true, msg: 'the directory @T/d is not empty, refusing to convert it' });
    expect(ours.tree['d/sub/keep']).toMatchObject({ type: 'file', content: 'precious' });
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same verdict and files as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect(verdict(ours.result)).toEqual(verdict(theirs.result));
    expect(ours.tree).toEqual(theirs.tree);
  });
});
