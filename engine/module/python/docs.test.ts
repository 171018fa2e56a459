import { mkdtempSync, rmSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { controllerAnsible } from './ansible-core';
import { collectionOfFile, readPythonDocs } from './docs';

const withCore = controllerAnsible() ? it : it.skip;

describe('readPythonDocs', () => {
  let dir: string;
  beforeAll(() => (dir = mkdtempSync(join(tmpdir(), 'python-docs-'))));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  withCore("reads a literal argument_spec when there are no docs, without running the module, once per mtime", () => {
    const file = join(dir, 'plain.py');
    const spec = "dict(name=dict(type='str'), **extra)";
    writeFileSync(file, `raise SystemExit('never run')\nm = AnsibleModule(argument_spec=dict(name=dict(type='str', required=True, aliases=['n']), state=dict(choices=['on', 'off'])))\n`);
    const first = readPythonDocs([{ file, name: 'plain' }]).get(file);
    expect(first?.argument_spec).toEqual({ name: { type: 'str', required: true, aliases: ['n'] }, state: { choices: ['on', 'off'] } });
    expect(readPythonDocs([{ file, name: 'plain' }]).get(file)).toBe(first);
    // A spread or a computed spec cannot be read: the module keeps its own check.
    writeFileSync(file, `m = AnsibleModule(argument_spec=${spec})\n`);
    utimesSync(file, new Date(), new Date(Date.now() + 5000));
    expect(readPythonDocs([{ file, name: 'plain' }]).get(file)?.argument_spec).toBeNull();
  });

  withCore('merges doc fragments into DOCUMENTATION and reads what the source spells and requires', () => {
    const file = join(dir, 'documented.py');
    writeFileSync(
      file,
      "DOCUMENTATION = '''\nmodule: documented\nshort_description: x\ndescription: x\noptions:\n  name: {type: str, required: true, description: x}\nextends_documentation_fragment: files\n'''\n" +
        "from ansible.module_utils.basic import AnsibleModule\nAnsibleModule(argument_spec=dict(name=dict(required=True)), add_file_common_args=True)\n",
    );
    const doc = readPythonDocs([{ file, name: 'documented' }]).get(file);
    expect(Object.keys(doc?.doc?.options ?? {})).toEqual(expect.arrayContaining(['name', 'mode', 'owner', 'attributes']));
    expect(doc?.evidence?.required).toContain('name');
    expect(doc?.evidence?.words).toContain('name');
  });
});

describe('collectionOfFile', () => {
  it('names the collection of a module under ansible_collections/ns/coll/plugins/modules', () => {
    expect(collectionOfFile('/x/ansible_collections/community/general/plugins/modules/ini_file.py')).toBe('community.general');
    expect(collectionOfFile('/play/library/ini_file.py')).toBeUndefined();
  });
});
