import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { inflateRawSync } from 'zlib';
import { controllerAnsible } from './ansible-core';
import { packageModule } from './package';

/** The entries of a zip (central directory), enough to see what a package holds. */
function zipEntries(zip: Buffer): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  let at = 0;
  while (zip.readUInt32LE(at) === 0x04034b50) {
    const method = zip.readUInt16LE(at + 8);
    const size = zip.readUInt32LE(at + 18);
    const nameLen = zip.readUInt16LE(at + 26);
    const extraLen = zip.readUInt16LE(at + 28);
    const name = zip.subarray(at + 30, at + 30 + nameLen).toString();
    const data = zip.subarray(at + 30 + nameLen + extraLen, at + 30 + nameLen + extraLen + size);
    out.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 30 + nameLen + extraLen + size;
  }
  return out;
}

const maybe = controllerAnsible() ? describe : describe.skip;

maybe('packaging a Python module with the module_utils it imports', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-pkg-'));
    mkdirSync(join(dir, 'module_utils'));
    writeFileSync(join(dir, 'module_utils', 'mine.py'), 'from ansible.module_utils.common.text.converters import to_text\nX = 1\n');
    const coll = join(dir, 'root', 'ansible_collections', 'ns', 'coll', 'plugins', 'module_utils');
    mkdirSync(coll, { recursive: true });
    writeFileSync(join(coll, 'helper.py'), 'from . import other\n');
    writeFileSync(join(coll, 'other.py'), 'Y = 2\n');
    writeFileSync(
      join(dir, 'mod.py'),
      [
        'from ansible.module_utils.basic import AnsibleModule',
        'from ansible.module_utils.mine import X',
        'from ansible.module_utils.six.moves import range',
        'from ansible_collections.ns.coll.plugins.module_utils.helper import other',
        '',
      ].join('\n'),
    );
    writeFileSync(join(dir, 'bad.py'), 'from ansible.module_utils.does_not_exist import x\n');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const request = (file: string) => ({ file: join(dir, file), fqn: 'ansible.modules.mod', importRoots: [join(dir, 'root')], moduleUtilsDirs: [join(dir, 'module_utils')] });

  it('collects imports recursively, from module_utils dirs, ansible-core and collections, with package inits', async () => {
    const pkg = await packageModule(request('mod.py'));
    const entries = zipEntries(pkg.zip);
    expect([...entries.keys()]).toEqual(pkg.files);
    expect(pkg.files).toEqual(
      expect.arrayContaining([
        'ansible/__init__.py',
        'ansible/modules/mod.py',
        'ansible/module_utils/basic.py',
        'ansible/module_utils/mine.py',
        'ansible/module_utils/common/text/converters.py',
        'ansible/module_utils/six/__init__.py',
        'ansible_collections/__init__.py',
        'ansible_collections/ns/coll/plugins/module_utils/helper.py',
        'ansible_collections/ns/coll/plugins/module_utils/other.py',
      ]),
    );
    expect(entries.get('ansible/module_utils/mine.py')?.toString()).toContain('X = 1');
    expect(entries.get('ansible/__init__.py')?.toString()).toBe(`__version__ = '${pkg.version}'\n`);
  });

  it('gives the same bytes, and so the same name, for the same sources', async () => {
    const a = await packageModule(request('mod.py'));
    const b = await packageModule({ ...request('mod.py'), moduleUtilsDirs: [join(dir, 'module_utils'), join(dir, 'none')] });
    expect(b.sha).toBe(a.sha);
  });

  it('names an import it cannot find as Ansible does: the module, or the module and its package', async () => {
    await expect(packageModule(request('bad.py'))).rejects.toThrow(
      "Could not find imported module support code for ansible.modules.mod.  Looked for (['ansible.module_utils.does_not_exist.x', 'ansible.module_utils.does_not_exist'])",
    );
    writeFileSync(join(dir, 'bad-module.py'), 'from ansible.module_utils import not_there\n');
    await expect(packageModule(request('bad-module.py'))).rejects.toThrow("Looked for (['ansible.module_utils.not_there'])");
  });

  it('leaves out a missing import nested in a statement (try, if, def), as Ansible does', async () => {
    writeFileSync(join(dir, 'optional.py'), 'try:\n    from ansible.module_utils.not_there import x\nexcept ImportError:\n    x = None\n');
    const pkg = await packageModule(request('optional.py'));
    expect(pkg.files).not.toContain('ansible/module_utils/not_there.py');
  });
});
