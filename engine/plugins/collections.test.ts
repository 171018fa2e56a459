import { mkdirSync, mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '../config/ansible-cfg';
import { CollectionSearch, collectionSearchFor } from './collections';

function dirs(...paths: string[]): string {
  const root = mkdtempSync(join(tmpdir(), 'tsible-coll-'));
  for (const p of paths) mkdirSync(join(root, p), { recursive: true });
  return root;
}

describe('CollectionSearch', () => {
  const root = dirs('pb/collections/ansible_collections/a/b', 'conf/ansible_collections', 'site/ansible_collections/a/b', 'empty');
  const search = (configured: string[], scanSysPath = true) =>
    new CollectionSearch({ configured, playbookDirs: [join(root, 'pb')], scanSysPath }, () => ({ sysPath: [join(root, 'site'), join(root, 'conf')] }));

  it("searches the playbook's collections/, the configured paths, then Python's path, each once", () => {
    expect(search([join(root, 'conf/ansible_collections'), join(root, 'empty')]).roots()).toEqual([join(root, 'pb/collections'), join(root, 'conf'), join(root, 'site')]);
    expect(search([join(root, 'conf')], false).roots()).toEqual([join(root, 'pb/collections'), join(root, 'conf')]);
  });

  it('finds a collection in the first root that has it', () => {
    expect(search([]).collectionDir('a.b')).toBe(join(root, 'pb/collections/ansible_collections/a/b'));
    expect(search([]).collectionDir('a.c')).toBeUndefined();
    expect(search([]).collectionDir('a.b.c')).toBeUndefined();
  });

  it('reads collections_path and ANSIBLE_COLLECTIONS_PATH(S) as Ansible does', () => {
    const cwd = dirs('x');
    const env = { HOME: '/home/u', ANSIBLE_COLLECTIONS_PATHS: `${root}/conf:${root}/site` };
    const config = loadConfig({ cwd, env });
    expect(config.defaults.collections_path).toEqual([join(root, 'conf'), join(root, 'site')]);
    expect(loadConfig({ cwd, env: { HOME: '/home/u' } }).defaults.collections_path).toEqual(['/home/u/.ansible/collections', '/usr/share/ansible/collections']);
    expect(collectionSearchFor({ ...config, defaults: { ...config.defaults, collections_scan_sys_path: false } }, [join(root, 'pb'), join(root, 'pb')]).roots()).toEqual([
      join(root, 'pb/collections'),
      join(root, 'conf'),
      join(root, 'site'),
    ]);
  });
});
