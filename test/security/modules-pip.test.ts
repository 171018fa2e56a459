import { hasAnsible, runAnsible, runTsible, TwinCase } from './files-twins';

/**
 * pip: an executable is one path. Before the fix the probe printed pip's command as text and split it
 * again, so an executable whose path held a space was run as two words (and one holding a quote failed).
 */
const FAKE_PIP = `#!/bin/sh
printf '%s\\n' "$*" >> "$(dirname "$0")/calls"
case "$1" in
  --version) echo "pip 23.0.1 from /x (python 3.11)";;
  list|freeze) echo "other==1.0";;
  install) echo "Successfully installed six-1.16.0";;
esac
`;

const at = (dir: string): TwinCase => ({ module: 'pip', args: { name: 'six', executable: `@T/${dir}/pip` }, files: { [`${dir}/pip`]: { content: FAKE_PIP, mode: 0o755 } } });

const cases: [string, TwinCase][] = [
  ['a path with a space', at('my bin')],
  ["a path with a quote, $() and unicode", at("q'$(touch @T/p1)é")],
];

describe('pip: the executable is one word', () => {
  jest.setTimeout(60_000);

  it.each(cases)('%s: runs that pip and nothing else', async (_name, c) => {
    const ours = await runTsible(c);
    const dir = Object.keys(c.files)[0].replace(/\/pip$/, '');
    expect(ours.result).toMatchObject({ changed: true, cmd: [`@T/${dir}/pip`, 'install', 'six'] });
    expect(ours.tree[`${dir}/calls`]).toMatchObject({ content: expect.stringContaining('install six\n') });
    expect(Object.keys(ours.tree).filter((k) => /^p\d$/.test(k))).toEqual([]);
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same verdict and command as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    const keys = (r: Record<string, unknown>) => ({ changed: r.changed, failed: r.failed ?? false, cmd: r.cmd });
    expect(keys(ours.result)).toEqual(keys(theirs.result));
    expect(Object.keys(ours.tree).filter((k) => /^p\d$/.test(k))).toEqual([]);
  });
});
