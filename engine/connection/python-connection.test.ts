import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { controllerAnsible } from '../module/python/ansible-core';
import { isTsibleError } from '../errors';
import { UnreachableError } from './connection';
import { PythonConnection, PythonConnectionSpec } from './python-connection';
import { DisplayEvent, PythonConnectionProcess } from './python-process';

// Runs commands on the controller; `ansible_probe_mode` makes it fail the way a test asks.
const PLUGIN = `
DOCUMENTATION = '''
name: probe
short_description: test
description: [test]
author: tsible
options:
  mode:
    description: how to fail
    default: fine
    vars:
      - name: ansible_probe_mode
'''
import shutil, subprocess
from ansible.errors import AnsibleConnectionFailure, AnsibleError
from ansible.plugins.connection import ConnectionBase
from ansible.utils.display import Display

class Connection(ConnectionBase):
    transport = 'probe'
    has_pipelining = True
    def _connect(self):
        if self.get_option('mode') == 'down':
            raise AnsibleConnectionFailure('probe: host is down')
        self._connected = True
        return self
    def exec_command(self, cmd, in_data=None, sudoable=True):
        super(Connection, self).exec_command(cmd, in_data=in_data, sudoable=sudoable)
        mode = self.get_option('mode')
        if mode == 'error':
            raise AnsibleError('probe: {{ not templated }}')
        if mode == 'crash':
            raise ValueError('probe crashed')
        if mode == 'echo':
            return 0, cmd.encode(), (self.become.name if self.become else 'none').encode()
        Display().vvv('EXEC %s' % cmd, host='probe-address')
        done = subprocess.run(cmd, shell=True, input=in_data, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        return done.returncode, done.stdout, done.stderr
    def put_file(self, in_path, out_path):
        shutil.copyfile(in_path, out_path)
    def fetch_file(self, in_path, out_path):
        shutil.copyfile(in_path, out_path)
    def close(self):
        self._connected = False
`;

(controllerAnsible() ? describe : describe.skip)('PythonConnection', () => {
  let dir: string;
  let python: PythonConnectionProcess;
  const spec = (mode: string): PythonConnectionSpec => ({
    name: 'probe',
    dirs: [dir],
    play: { remote_addr: 'probe-address', timeout: 10 },
    taskKeys: {},
    vars: { ansible_probe_mode: mode },
    shellVars: {},
    verbosity: 0,
  });

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'tsible-pyconn-'));
    mkdirSync(join(dir, 'connection_plugins'));
    writeFileSync(join(dir, 'connection_plugins', 'probe.py'), PLUGIN);
    python = new PythonConnectionProcess(controllerAnsible()?.python);
  });
  afterAll(() => {
    python.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('runs commands through exec_command, with stdin, environment and directory, and shows what the plug-in displays', async () => {
    const shown: DisplayEvent[] = [];
    const conn = new PythonConnection('h', python, spec('fine'), (e) => shown.push(e));
    await conn.connect();
    expect(await conn.exec('cat; echo "$GREETING" >&2; exit 3', { stdin: 'in\n', env: { GREETING: 'hi' } })).toEqual({ rc: 3, stdout: 'in\n', stderr: 'hi\n' });
    expect((await conn.exec('pwd', { cwd: dir })).stdout.trim()).toBe(dir);
    await expect(conn.exec('true', { cwd: join(dir, 'nope') })).rejects.toThrow(`Unable to change directory before execution: [Errno 2] No such file or directory: '${join(dir, 'nope')}'`);
    expect(shown).toContainEqual({ kind: 'verbose', level: 3, message: expect.stringContaining('EXEC GREETING=hi /bin/sh -c'), host: 'probe-address' });
    await conn.close();
  });

  it('writes, reads, stats and fetches files through put_file, exec_command and fetch_file', async () => {
    const conn = new PythonConnection('h', python, spec('fine'));
    const target = join(dir, 'written');
    await conn.putFile(target, Buffer.from([0, 1, 2, 255]), { mode: 0o640 });
    expect(readFileSync(target)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(await conn.readFile(target)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(await conn.readFile(join(dir, 'absent'))).toBeNull();
    expect(await conn.stat(target)).toMatchObject({ exists: true, type: 'file', mode: 0o640, size: 4 });
    const fetched = join(dir, 'fetched');
    expect(await conn.fetchFile(target, fetched)).toMatchObject({ sha1: 'c62c27924f4c967f5eddb1850c091d54c7a2ab58' });
    expect(readFileSync(fetched)).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(await conn.fetchFile(join(dir, 'absent'), join(dir, 'fetched-absent'))).toBeNull();
    await conn.close();
  });

  it('gives the plug-in the task\'s become plug-in, which wraps the command, and takes it away after', async () => {
    const conn = new PythonConnection('h', python, spec('echo'));
    const become = await conn.exec('id', { become: { method: 'sudo', user: 'nobody', flags: '-H -S -n' } });
    expect(become.stdout).toMatch(/^sudo -H -S -n {2}-u nobody \/bin\/sh -c 'echo BECOME-SUCCESS-\w+ ; id'$/);
    expect(become.stderr).toBe('sudo');
    expect(await conn.exec('id')).toMatchObject({ stdout: 'id', stderr: 'none' });
    await conn.close();
  });

  it('sorts what the plug-in raises as Ansible does: unreachable, the task\'s error untouched, or a crash', async () => {
    await expect(new PythonConnection('h', python, spec('down')).exec('true')).rejects.toEqual(new UnreachableError('h', 'probe: host is down'));
    const error = await new PythonConnection('h', python, spec('error')).exec('true').catch((e: unknown) => e);
    expect(isTsibleError(error) && error.message).toBe('probe: {{ not templated }}');
    await expect(new PythonConnection('h', python, spec('crash')).exec('true')).rejects.toThrow('Unexpected failure during module execution: probe crashed');
  });
});
