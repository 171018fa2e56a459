import { existsSync } from 'fs';
import { main } from './tsible-doc';

const COLLECTIONS = '/usr/lib/python3/dist-packages/ansible_collections';
const withPosix = existsSync(`${COLLECTIONS}/ansible/posix/plugins/modules/sysctl.py`) ? it : it.skip;

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

  it('says that the native module runs where ansible-core has a Python one of the same name', async () => {
    const { out } = await doc('copy');
    expect(out).toMatch(/^ {2}runs: tsible's native module \(ansible-core's \S+\/modules\/copy\.py is not used\)$/m);
  });

  withPosix("prints a collection's Python module as ansible-doc does, its doc fragments merged", async () => {
    const { code, out } = await doc('ansible.posix.sysctl');
    expect(code).toBe(0);
    expect(out).toContain(`> ANSIBLE.POSIX.SYSCTL    (${COLLECTIONS}/ansible/posix/plugins/modules/sysctl.py)`);
    expect(out).toContain('runs: the Python module');
    expect(out).toMatch(/^= name\n/m);
    expect(out).toContain('EXAMPLES:');
  });

  withPosix('lists one collection by FQCN, and refuses a collection nobody has', async () => {
    const { out } = await doc('-l', 'ansible.posix');
    expect(out).toMatch(/^ansible\.posix\.sysctl +Manage entries in sysctl\.conf$/m);
    expect(out).not.toMatch(/^lineinfile /m);
    const missing = await doc('-l', 'nosuch.coll');
    expect(missing.code).toBe(1);
    expect(missing.err).toContain('Cannot use supplied collection nosuch.coll');
  });

  it('refuses plug-in types it does not document, and names nobody has', async () => {
    expect((await doc('-t', 'lookup', 'file')).err).toContain("plug-in type 'lookup' is not supported");
    const { code, err } = await doc('nosuch.coll.thing');
    expect(code).toBe(1);
    expect(err).toContain('module nosuch.coll.thing not found');
  });

  it('prints the definition as JSON', async () => {
    const { out } = await doc('-j', 'ping');
    expect(JSON.parse(out)).toMatchObject({ name: 'ping', schema: { properties: { data: { default: 'pong' } } } });
  });
});
