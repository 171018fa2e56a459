import { spawnSync } from 'child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { updateHostsFile } from '../../../engine/provision/inventory-file';
import { INVENTORY } from './project';

describe('updateHostsFile', () => {
  it('adds the hosts under the group of the shipped inventory, keeping its comments', () => {
    expect(updateHostsFile(INVENTORY, 'webservers', 'flaskr', ['flaskr-1 ansible_host=203.0.113.5'])).toBe(
      `${INVENTORY}flaskr-1 ansible_host=203.0.113.5\n`,
    );
  });

  it('replaces only the lines it wrote, where they were, keeping the user\'s hosts, comments and other groups', () => {
    const text = [
      '# mine', '[webservers]', 'legacy ansible_host=192.0.2.1', 'flaskr-1 ansible_host=203.0.113.5',
      'flaskr-2 ansible_host=203.0.113.6', '# a note', 'flaskr-10 ansible_host=203.0.113.7', 'flaskrish ansible_host=192.0.2.9', '',
      '[db]', 'flaskr-1 ansible_host=10.0.0.1', '',
    ].join('\n');
    expect(updateHostsFile(text, 'webservers', 'flaskr', ['flaskr-1 ansible_host=198.51.100.1'])).toBe([
      '# mine', '[webservers]', 'legacy ansible_host=192.0.2.1', 'flaskr-1 ansible_host=198.51.100.1',
      '# a note', 'flaskrish ansible_host=192.0.2.9', '',
      '[db]', 'flaskr-1 ansible_host=10.0.0.1', '',
    ].join('\n'));
  });

  it('puts new hosts below the last host of the group, before the gap that ends it', () => {
    const text = '[webservers]\nlegacy\n\n# next\n[db]\ndb1\n';
    expect(updateHostsFile(text, 'webservers', 'flaskr', ['flaskr-1 ansible_host=203.0.113.5'])).toBe(
      '[webservers]\nlegacy\nflaskr-1 ansible_host=203.0.113.5\n\n# next\n[db]\ndb1\n',
    );
  });

  it('adds the group at the end when the file has none, and writes nothing to remove nothing', () => {
    expect(updateHostsFile('[db]\ndb1\n', 'web', 'flaskr', ['flaskr-1 ansible_host=203.0.113.5'])).toBe('[db]\ndb1\n\n[web]\nflaskr-1 ansible_host=203.0.113.5\n');
    expect(updateHostsFile('', 'web', 'flaskr', ['flaskr-1 ansible_host=203.0.113.5'])).toBe('[web]\nflaskr-1 ansible_host=203.0.113.5\n');
    expect(updateHostsFile('[db]\ndb1\n', 'web', 'flaskr', [])).toBe('[db]\ndb1\n');
  });

  it('removes its lines and keeps the group header', () => {
    expect(updateHostsFile(`${INVENTORY}flaskr-1 ansible_host=203.0.113.5\n`, 'webservers', 'flaskr', [])).toBe(INVENTORY);
  });

  it('keeps Windows line ends', () => {
    expect(updateHostsFile('[webservers]\r\nlegacy\r\n', 'webservers', 'flaskr', ['flaskr-1 ansible_host=203.0.113.5'])).toBe(
      '[webservers]\r\nlegacy\r\nflaskr-1 ansible_host=203.0.113.5\r\n',
    );
  });
});

describe('the written inventory, as ansible-inventory reads it', () => {
  const hasAnsible = spawnSync('ansible-inventory', ['--version']).status === 0;
  (hasAnsible ? it : it.skip)('has the instances in the group beside the user\'s hosts, with their addresses', () => {
    const dir = mkdtempSync(join(tmpdir(), 'tsible-inv-'));
    const before = `${INVENTORY}legacy ansible_host=192.0.2.1\n\n[db]\ndb1\n`;
    writeFileSync(join(dir, 'hosts'), updateHostsFile(before, 'webservers', 'flaskr', ['flaskr-1 ansible_host=203.0.113.5', 'flaskr-2 ansible_host=203.0.113.6']));
    const out = spawnSync('ansible-inventory', ['-i', join(dir, 'hosts'), '--list'], { encoding: 'utf8', cwd: dir });
    rmSync(dir, { recursive: true, force: true });
    const inv = JSON.parse(out.stdout);
    expect(inv.webservers.hosts).toEqual(['legacy', 'flaskr-1', 'flaskr-2']);
    expect(inv._meta.hostvars['flaskr-2']).toEqual({ ansible_host: '203.0.113.6' });
    expect(inv.db.hosts).toEqual(['db1']);
  });
});
