import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { writeInventory } from './inventory';
import { HostRecord } from './state';

const host = (name: string, kind: HostRecord['kind'], index: number, user: string): HostRecord => ({
  name, kind, index, address: `10.231.0.${index}`, user, pid: 0, cmdlineMark: '',
});

const hasAnsible = spawnSync('sh', ['-c', 'command -v ansible-inventory']).status === 0;

describe('test-host inventory', () => {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-inv-')), 'inventory.ini');
  writeInventory(file, [host('db1', 'full', 3, 'ubuntu'), host('l1', 'light', 4, 'root'), host('web1', 'full', 2,
    'ubuntu')], '/cache/id_ed25519');

  (hasAnsible ? test : test.skip)('ansible-inventory reads it: groups, address, user, key and ssh args', () => {
    const parsed = JSON.parse(execFileSync('ansible-inventory', ['-i', file, '--list'], { encoding: 'utf8' }));
    expect(parsed.testhosts.hosts).toEqual(['web1', 'db1', 'l1']);
    expect(parsed.full.hosts).toEqual(['web1', 'db1']);
    expect(parsed.light.hosts).toEqual(['l1']);
    expect(parsed._meta.hostvars.l1).toMatchObject({ ansible_host: '10.231.0.4', ansible_user: 'root',
      ansible_ssh_private_key_file: '/cache/id_ed25519',
      ansible_ssh_common_args: '-o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null' });
    expect(parsed._meta.hostvars.web1.ansible_user).toBe('ubuntu');
  });
});
