import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { controllerAnsible } from '../module/python/ansible-core';
import { connectionTypeNamed } from './connection-plugins';

const PLUGIN = `
DOCUMENTATION = '''
name: dummy
short_description: test
description: [test]
author: tsible
options:
  where:
    description: a place
    vars:
      - name: ansible_dummy_where
'''
from ansible.plugins.connection import ConnectionBase
class Connection(ConnectionBase):
    transport = 'dummy'
    def _connect(self): return self
    def exec_command(self, cmd, in_data=None, sudoable=True): return 0, b'', b''
    def put_file(self, in_path, out_path): pass
    def fetch_file(self, in_path, out_path): pass
    def close(self): pass
`;

describe('connectionTypeNamed', () => {
  it('knows the connections tsible has under Ansible\'s names', () => {
    expect(['local', 'ansible.builtin.local', 'ssh', 'smart', 'ansible.builtin.ssh', 'paramiko_ssh'].map((n) => connectionTypeNamed(n, []))).toEqual(['local', 'local', 'ssh', 'ssh', 'ssh', 'ssh']);
  });

  (controllerAnsible() ? describe : describe.skip)('with ansible-core on the controller', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(join(tmpdir(), 'tsible-conn-plugins-'));
      mkdirSync(join(dir, 'connection_plugins'));
      writeFileSync(join(dir, 'connection_plugins', 'dummy.py'), PLUGIN);
      const coll = join(dir, 'collections', 'ansible_collections', 'ns', 'name');
      mkdirSync(join(coll, 'plugins', 'connection'), { recursive: true });
      mkdirSync(join(coll, 'meta'));
      writeFileSync(join(coll, 'plugins', 'connection', 'dummy2.py'), PLUGIN.replace('name: dummy', 'name: dummy2').replace(/ansible_dummy_where/, 'ansible_dummy2_where'));
      writeFileSync(join(coll, 'meta', 'runtime.yml'), 'plugin_routing:\n  connection:\n    moved:\n      redirect: ns.name.dummy2\n');
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    it('finds a plug-in beside the playbook, with the variables its options are read from', () => {
      // A role without plug-ins of its own changes nothing, so it is not a place to look.
      const found = connectionTypeNamed('dummy', [join(dir, 'collections'), dir]);
      expect(found).toMatchObject({ kind: 'python', name: 'dummy', dirs: [dir] });
      expect(typeof found === 'object' && found.vars).toContain('ansible_dummy_where');
      expect(typeof found === 'object' && found.shellVars).toContain('ansible_remote_tmp');
    });

    it('finds a collection\'s plug-in, through its runtime.yml redirect too', () => {
      expect(connectionTypeNamed('ns.name.dummy2', [dir])).toMatchObject({ kind: 'python', vars: expect.arrayContaining(['ansible_dummy2_where']) });
      expect(connectionTypeNamed('ns.name.moved', [dir])).toMatchObject({ kind: 'python', name: 'ns.name.moved', vars: expect.arrayContaining(['ansible_dummy2_where']) });
    });

    it('refuses a Windows connection, where tsible\'s modules cannot run', () => {
      expect(() => connectionTypeNamed('ansible.builtin.winrm', [])).toThrow("unsupported: the connection plugin 'ansible.builtin.winrm' reaches Windows hosts");
    });

    it('fails with Ansible\'s message for a connection nobody provides', () => {
      expect(() => connectionTypeNamed('dummy', [])).toThrow("the connection plugin 'dummy' was not found");
      expect(() => connectionTypeNamed('ns.name.nothing', [dir])).toThrow("the connection plugin 'ns.name.nothing' was not found");
    });
  });

  it('does not ask Python about a name no plug-in can have', () => {
    expect(() => connectionTypeNamed('no such/thing', [])).toThrow("the connection plugin 'no such/thing' was not found");
  });
});
