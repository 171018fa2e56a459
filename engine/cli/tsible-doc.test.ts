import { main } from './tsible-doc';

async function doc(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { cwd: __dirname, out: (t) => (out += t), err: (t) => (err += t) });
  return { code, out, err };
}

describe('tsible-doc', () => {
  it("prints a module's arguments from its schema, with aliases, defaults and choices, and examples", async () => {
    const { code, out } = await doc('ansible.builtin.file');
    expect(code).toBe(0);
    expect(out).toContain('> FILE    (ansible.builtin.file)');
    expect(out).toContain('= path\n    Path to the file being managed (aliases: dest, name).\n    type: string; aliases: dest, name');
    expect(out).toContain('- recurse\n');
    expect(out).toContain('type: boolean; default: false');
    expect(out).toContain('choices: "file", "directory", "touch", "link", "hard", "absent"');
    expect(out).toContain('EXAMPLES:\n\n- name: Create a directory\n  file:\n    path: /srv/app\n');
  });

  it('lists modules', async () => {
    const { out } = await doc('--list');
    expect(out).toMatch(/^lineinfile +Manage lines in text files$/m);
  });

  it('suggests a name for a typo', async () => {
    const { code, err } = await doc('cpy');
    expect(code).toBe(1);
    expect(err).toContain("module cpy not found");
    expect(err).toContain("did you mean 'copy'?");
  });

  it('prints the definition as JSON', async () => {
    const { out } = await doc('-j', 'ping');
    expect(JSON.parse(out)).toMatchObject({ name: 'ping', schema: { properties: { data: { default: 'pong' } } } });
  });
});
