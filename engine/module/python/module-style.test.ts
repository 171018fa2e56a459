import { isPythonShebang, moduleStyle, oldStyleArgs, shebangOf } from './module-style';

describe('telling how a module file runs, as Ansible does', () => {
  it('new-style when it imports module_utils (core or a collection), else by WANT_JSON, else old', () => {
    expect(moduleStyle(Buffer.from('#!/usr/bin/python\nfrom ansible.module_utils.basic import AnsibleModule\n'))).toBe('new');
    expect(moduleStyle(Buffer.from('from ansible_collections.ns.coll.plugins.module_utils.x import y\n'))).toBe('new');
    expect(moduleStyle(Buffer.from('from ..module_utils.basic import AnsibleModule\n'))).toBe('new');
    expect(moduleStyle(Buffer.from('import ansible.module_utils.basic\n'))).toBe('new');
    expect(moduleStyle(Buffer.from('#!/usr/bin/python\n# WANT_JSON\nimport json\n'))).toBe('want_json');
    expect(moduleStyle(Buffer.from('#!/bin/sh\necho "{}"\n'))).toBe('old');
    expect(moduleStyle(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x01, 0x00]))).toBe('binary');
  });

  it('reads the #! line, and which of them name Python', () => {
    expect(shebangOf(Buffer.from('#!/usr/bin/env python3\nx'))).toBe('/usr/bin/env python3');
    expect(shebangOf(Buffer.from('x = 1\n'))).toBeUndefined();
    expect(isPythonShebang('/usr/bin/env python3')).toBe(true);
    expect(isPythonShebang('/usr/bin/python')).toBe(true);
    expect(isPythonShebang('/bin/bash')).toBe(false);
  });

  it('writes key=value arguments with Python values, quoted for a shell', () => {
    expect(oldStyleArgs({ a: 'x y', b: true, c: null, d: 3, e: "it's" })).toBe(`a='x y' b=True c=None d=3 e='it'"'"'s' `);
  });
});
