import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { connectionTypeNamed } from './connection-plugins';

describe('connectionTypeNamed', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-conn-plugins-'));
    mkdirSync(join(dir, 'connection_plugins'));
    writeFileSync(join(dir, 'connection_plugins', 'dummy.py'), '');
    const coll = join(dir, 'collections', 'ansible_collections', 'ns', 'name', 'plugins', 'connection');
    mkdirSync(coll, { recursive: true });
    writeFileSync(join(coll, 'dummy.py'), '');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('knows the connections tsible has under Ansible\'s names', () => {
    expect(['local', 'ansible.builtin.local', 'ssh', 'smart', 'ansible.builtin.ssh', 'paramiko_ssh'].map((n) => connectionTypeNamed(n, []))).toEqual(['local', 'local', 'ssh', 'ssh', 'ssh', 'ssh']);
  });

  it('names a Python plugin beside the playbook or in a collection as unsupported instead of using ssh', () => {
    expect(() => connectionTypeNamed('dummy', [dir])).toThrow(`unsupported: Python connection plugin 'dummy' (${join(dir, 'connection_plugins', 'dummy.py')})`);
    expect(() => connectionTypeNamed('ns.name.dummy', [dir])).toThrow("unsupported: Python connection plugin 'ns.name.dummy'");
  });

  it('fails with Ansible\'s message for a connection nobody provides', () => {
    expect(() => connectionTypeNamed('dummy', [])).toThrow("the connection plugin 'dummy' was not found");
    expect(() => connectionTypeNamed('__proto__', [])).toThrow("the connection plugin '__proto__' was not found");
  });
});
