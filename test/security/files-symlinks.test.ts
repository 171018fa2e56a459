import { hasAnsible, runAnsible, runTsible, TwinCase, verdict } from './files-twins';

/**
 * Writing to a path that is a symlink: which file ends up changed, and whether the link survives. Each
 * case is run by ansible-playbook 2.14 and by tsible in twin directories; files and verdicts must agree.
 */
const link = { f: 'old\n', l: { link: '@T/f' } };
const dangling = { l: { link: '@T/missing' } };
const toDir = { 'd/x': 'x\n', l: { link: '@T/d' } };
const relative = { 'sub/f': 'old\n', 'sub/l': { link: 'f' } };

const cases: [string, TwinCase][] = [
  ['copy content over a link', { module: 'copy', args: { content: 'new\n', dest: '@T/l' }, files: link }],
  ['copy content over a link, follow: yes', { module: 'copy', args: { content: 'new\n', dest: '@T/l', follow: true }, files: link }],
  ['copy content over a link, follow: no', { module: 'copy', args: { content: 'new\n', dest: '@T/l', follow: false }, files: link }],
  ['copy content over a dangling link', { module: 'copy', args: { content: 'new\n', dest: '@T/l' }, files: dangling }],
  ['copy content over a dangling link, follow: yes', { module: 'copy', args: { content: 'new\n', dest: '@T/l', follow: true }, files: dangling }],
  ['copy content over a relative link, follow: yes', { module: 'copy', args: { content: 'new\n', dest: '@T/sub/l', follow: true }, files: relative }],
  ['copy src into a link to a directory', { module: 'copy', args: { src: '@T/s', dest: '@T/l' }, files: { ...toDir, s: 'src\n' } }],
  ['copy unchanged content over a link', { module: 'copy', args: { content: 'old\n', dest: '@T/l' }, files: link }],
  ['template over a link, follow: yes', { module: 'template', args: { src: '@T/t.j2', dest: '@T/l', follow: true }, files: { ...link, 't.j2': 'new\n' } }],
  ['template over a link', { module: 'template', args: { src: '@T/t.j2', dest: '@T/l' }, files: { ...link, 't.j2': 'new\n' } }],
  ['lineinfile through a link', { module: 'lineinfile', args: { path: '@T/l', line: 'new' }, files: link }],
  ['lineinfile through a relative link', { module: 'lineinfile', args: { path: '@T/sub/l', line: 'new' }, files: relative }],
  ['lineinfile create through a dangling link', { module: 'lineinfile', args: { path: '@T/l', line: 'new', create: true }, files: dangling }],
  ['blockinfile through a link', { module: 'blockinfile', args: { path: '@T/l', block: 'new' }, files: link }],
  ['replace through a link', { module: 'replace', args: { path: '@T/l', regexp: 'old', replace: 'new' }, files: link }],
];

describe('writing through symlinks as Ansible does', () => {
  jest.setTimeout(120_000);

  it('lineinfile changes the file a link points to and keeps the link', async () => {
    const ours = await runTsible(cases.find(([n]) => n === 'lineinfile through a link')![1]);
    expect(ours.tree.l).toEqual({ type: 'link', link: '@T/f' });
    expect(ours.tree.f).toMatchObject({ content: 'old\nnew\n' });
  });

  it('template accepts follow', async () => {
    const ours = await runTsible(cases.find(([n]) => n === 'template over a link, follow: yes')![1]);
    expect(verdict(ours.result)).toMatchObject({ failed: false });
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same files and verdict as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect(ours.tree).toEqual(theirs.tree);
    expect(verdict(ours.result)).toEqual(verdict(theirs.result));
  });
});
