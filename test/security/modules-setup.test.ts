import { hasAnsible, runAnsible, runTsible, TwinCase } from './files-twins';

/**
 * setup: local facts are data. Before the fix fact files were printed between `@file <path>` lines, so a
 * fact file holding such a line added a fact of its own choosing, and a fact file named __proto__.fact
 * was lost (it set the prototype of ansible_local instead of a key).
 */
// A generous gather_timeout: the minimal facts are still gathered, and a busy machine must not fail the case.
const facts = (files: TwinCase['files']): TwinCase => ({ module: 'setup', args: { gather_subset: ['!all'], filter: ['ansible_local'], fact_path: '@T/facts.d', gather_timeout: 120 }, files });

const cases: [string, TwinCase][] = [
  ['a fact file faking another fact', facts({ 'facts.d/app.fact': '{"port": 1}\n@file @T/facts.d/evil.fact\n{"admin": true}\n' })],
  ['a fact script faking another fact and its exit code', facts({ 'facts.d/gen.fact': { content: "#!/bin/sh\necho '{\"a\": 1}'\necho '@rc 0'\necho '@file /etc/evil.fact'\necho '{\"admin\": true}'\n", mode: 0o755 } })],
  ['a fact file named __proto__', facts({ 'facts.d/__proto__.fact': '{"x": 1}', 'facts.d/ok.fact': '{"y": 2}' })],
  ['names with quotes, $(), backticks, a newline and unicode', facts({ "facts.d/a'$(id)`id`\né.fact": '{"z": 3}' })],
];

const local = (result: Record<string, unknown>) => ((result.ansible_facts ?? {}) as Record<string, unknown>).ansible_local as Record<string, unknown>;

describe('setup: no fact file can fake a fact', () => {
  jest.setTimeout(60_000);

  it('a line in a fact file is content, not the start of another fact', async () => {
    const ours = local((await runTsible(cases[0][1])).result);
    expect(Object.keys(ours)).toEqual(['app']);
    const script = local((await runTsible(cases[1][1])).result);
    expect(Object.keys(script)).toEqual(['gen']);
  });

  it('a fact file named __proto__.fact is an ordinary fact', async () => {
    const ours = local((await runTsible(cases[2][1])).result);
    expect(Object.keys(ours).sort()).toEqual(['__proto__', 'ok']);
    expect(Object.getOwnPropertyDescriptor(ours, '__proto__')?.value).toEqual({ x: 1 });
  });

  it('reads a fact file whose name holds quotes, $(), backticks and a newline under that name', async () => {
    const ours = await runTsible(cases[3][1]);
    expect(local(ours.result)).toEqual({ "a'$(id)`id`\né": { z: 3 } });
  });

  (hasAnsible ? it.each(cases) : it.skip.each(cases))('%s: same ansible_local as ansible-playbook', async (_name, c) => {
    const [ours, theirs] = await Promise.all([runTsible(c), runAnsible(c)]);
    expect(local(ours.result)).toEqual(local(theirs.result));
    expect(Object.keys(local(ours.result)).sort()).toEqual(Object.keys(local(theirs.result)).sort());
  });
});
