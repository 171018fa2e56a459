import { hasAnsible, runAnsible, runTsible, TwinCase } from './files-twins';

/**
 * command, shell and script: creates/removes are data, and command expands only defined variables. Before
 * the fix creates/removes reached the shell unquoted (a `for f in <pattern>` loop): $(…) and backticks in
 * them ran, and a quote broke the loop so the check failed and the command ran anyway; `command: echo
 * $UNDEF` printed an empty line where Ansible prints `$UNDEF`.
 */
const cases: [string, TwinCase][] = [
  ['$() in creates', { module: 'command', args: { cmd: 'touch @T/ran', creates: '@T/x$(touch${IFS}@T/p1)' }, files: {} }],
  ['backticks in removes', { module: 'shell', args: { cmd: 'touch @T/ran', removes: '@T/x`touch${IFS}@T/p1`' }, files: {} }],
  ["a quote in creates, the file there", { module: 'command', args: { cmd: 'touch ran', chdir: '@T', creates: "it's here" }, files: { "it's here": '' } }],
  ['a glob in creates matching a name with a quote', { module: 'shell', args: { cmd: 'touch @T/ran', creates: "@T/*'*" }, files: { "a'b": '' } }],
  ['~ and $HOME in creates', { module: 'command', args: { cmd: 'touch @T/ran', creates: '~/.tsible-none-*', removes: '$HOME' }, files: {} }],
  ['an undefined variable in command', { module: 'command', args: { cmd: 'echo $TSIBLE_UNDEFINED ${TSIBLE_UNDEFINED} "$HOME"' }, files: {} }],
  ['script: creates is a path, not a glob', { module: 'script', args: { cmd: '@T/s.sh', creates: '@T/s.*' }, files: { 's.sh': { content: '#!/bin/sh\necho ran\n', mode: 0o755 } } }],
  ['script: $() in removes', { module: 'script', args: { cmd: '@T/s.sh', removes: '@T/$(touch @T/p1)' }, files: { 's.sh': { content: '#!/bin/sh\necho ran\n', mode: 0o755 } } }],
];

const markers = (tree: Record<string, unknown>) => Object.keys(tree).filter((k) => /^p\d$/.test(k));
const keys = (r: Record<string, unknown>) => ({ changed: r.changed, failed: r.failed === true, skipped: r.skipped === true, msg: r.msg ?? null, stdout: r.stdout ?? null });

describe('command, shell, script: creates/removes and variables are data', () => {
  jest.setTimeout(60_000);

  it('runs nothing creates or removes hold; the command runs or not as the literal path says', async () => {
    const created = await runTsible(cases[0][1]);
    expect([markers(created.tree), created.result.changed, created.tree.ran !== undefined]).toEqual([[], true, true]);
    const removed = await runTsible(cases[1][1]);
    expect([markers(removed.tree), removed.result.changed, removed.tree.ran !== undefined]).toEqual([[], false, false]);
  });

  it('a quote in creates is part of the name: the file is found and the command not run', async () => {
    const ours = await runTsible(cases[2][1]);
    expect(keys(ours.result)).toMatchObject({ changed: false, msg: "Did not run command since 'it's here' exists" });
    expect(ours.tree.ran).toBeUndefined();
  });

  it('command leaves an undefined variable as written', async () => {
    const ours = await runTsible(cases[5][1]);
    expect(ours.result.stdout).toBe(`$TSIBLE_UNDEFINED \${TSIBLE_UNDEFINED} ${process.env.HOME}`);
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same result and files as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect(keys(ours.result)).toEqual(keys(theirs.result));
    expect(ours.tree).toEqual(theirs.tree);
  });
});
