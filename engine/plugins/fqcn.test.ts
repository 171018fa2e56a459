import { mkdirSync, mkdtempSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { dirname, join } from 'path';
import { CollectionSearch } from './collections';
import { isFqcn, resolvePlugin, ResolveOptions, withLegacy } from './fqcn';

/** Writes files under a fresh directory: { 'a/b.py': 'text' }. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'tsible-fqcn-'));
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

const RUNTIME = `
plugin_routing:
  modules:
    old: {redirect: my.coll.hello}
    dep: {redirect: my.coll.hello, deprecation: {removal_version: '3.0.0', warning_text: use my.coll.hello instead}}
    gone: {tombstone: {removal_date: '2024-01-01', warning_text: gone for good}}
    to_builtin: {redirect: ansible.builtin.ping}
    loop_a: {redirect: my.coll.loop_b}
    loop_b: {redirect: my.coll.loop_a}
    short: {redirect: hello}
  filter:
    old_upper: {redirect: my.coll.upper}
`;

const BUILTIN_RUNTIME = `
plugin_routing:
  modules:
    ini_file: {redirect: other.coll.ini_file}
`;

const root = tree({
  'pb/collections/ansible_collections/my/coll/plugins/modules/hello.py': '',
  'pb/collections/ansible_collections/my/coll/plugins/modules/sub/deep.py': '',
  'pb/collections/ansible_collections/my/coll/plugins/modules/README.md': '',
  'pb/collections/ansible_collections/my/coll/plugins/filter/upper.py': '',
  'pb/collections/ansible_collections/my/coll/meta/runtime.yml': RUNTIME,
  'site/ansible_collections/my/coll/plugins/modules/shadowed.py': '',
  'site/ansible_collections/other/coll/plugins/modules/ini_file.py': '',
  'site/ansible/config/ansible_builtin_runtime.yml': BUILTIN_RUNTIME,
});
const coll = join(root, 'pb/collections/ansible_collections/my/coll');

function options(deprecations: string[] = []): ResolveOptions {
  const search = new CollectionSearch({ configured: [join(root, 'missing')], playbookDirs: [join(root, 'pb')], scanSysPath: true }, () => ({
    sysPath: [join(root, 'site')],
    ansiblePackage: join(root, 'site/ansible'),
  }));
  const builtins = new Set(['ping', 'copy', 'debug']);
  return {
    search,
    sources: { legacy: (n) => n === 'mylib' || builtins.has(n), builtin: (n) => builtins.has(n) },
    onDeprecation: (m) => deprecations.push(m),
  };
}

describe('resolvePlugin: modules', () => {
  it('finds a collection module by FQCN, also in a subdirectory', () => {
    expect(resolvePlugin('modules', 'my.coll.hello', [], options())).toEqual({ name: 'my.coll.hello', file: join(coll, 'plugins/modules/hello.py') });
    expect(resolvePlugin('modules', 'my.coll.sub.deep', [], options())).toEqual({ name: 'my.coll.sub.deep', file: join(coll, 'plugins/modules/sub/deep.py') });
    expect(resolvePlugin('modules', 'my.coll.deep', [], options())).toBeUndefined();
    expect(resolvePlugin('modules', 'my.coll.README', [], options())).toBeUndefined();
  });

  it('takes a collection from the first root that has it, as Python imports it', () => {
    expect(resolvePlugin('modules', 'my.coll.shadowed', [], options())).toBeUndefined();
  });

  it('finds short names through the collections list, then ansible.legacy', () => {
    const list = withLegacy(['my.coll']);
    expect(list).toEqual(['my.coll', 'ansible.legacy']);
    expect(resolvePlugin('modules', 'hello', list, options())?.name).toBe('my.coll.hello');
    expect(resolvePlugin('modules', 'copy', list, options())).toEqual({ name: 'copy' });
    expect(resolvePlugin('modules', 'hello', [], options())).toBeUndefined();
    expect(resolvePlugin('modules', 'mylib', ['my.coll', 'ansible.builtin'], options())).toBeUndefined();
  });

  it('keeps the builtin names for tsible: ansible.builtin and ansible.legacy give the short name', () => {
    expect(resolvePlugin('modules', 'ansible.builtin.copy', [], options())).toEqual({ name: 'copy' });
    expect(resolvePlugin('modules', 'ansible.legacy.mylib', [], options())).toEqual({ name: 'mylib' });
    expect(resolvePlugin('modules', 'ansible.builtin.mylib', [], options())).toBeUndefined();
  });

  it('follows redirects, to a collection or a builtin, and ansible-core routing of old short names', () => {
    expect(resolvePlugin('modules', 'my.coll.old', [], options())?.name).toBe('my.coll.hello');
    expect(resolvePlugin('modules', 'my.coll.to_builtin', [], options())).toEqual({ name: 'ping' });
    expect(resolvePlugin('modules', 'ini_file', [], options())?.file).toBe(join(root, 'site/ansible_collections/other/coll/plugins/modules/ini_file.py'));
    expect(resolvePlugin('modules', 'ansible.builtin.ini_file', [], options())?.name).toBe('other.coll.ini_file');
  });

  it('warns of a deprecated name in Ansible words', () => {
    const told: string[] = [];
    expect(resolvePlugin('modules', 'my.coll.dep', [], options(told))?.name).toBe('my.coll.hello');
    expect(told).toEqual([
      'my.coll.dep has been deprecated. use my.coll.hello instead. This feature will be removed from my.coll in version 3.0.0. Deprecation warnings can be disabled by setting deprecation_warnings=False in ansible.cfg.',
    ]);
  });

  it('fails on a tombstone with the collection message, a loop, and a short redirect', () => {
    expect(() => resolvePlugin('modules', 'my.coll.gone', [], options())).toThrow(
      '[DEPRECATED]: my.coll.gone has been removed. gone for good. This feature was removed from my.coll in a release after 2024-01-01. Please update your playbooks.',
    );
    expect(() => resolvePlugin('modules', 'my.coll.loop_a', [], options())).toThrow("plugin redirect loop resolving my.coll.loop_a (path: ['my.coll.loop_a', 'my.coll.loop_b', 'my.coll.loop_a'])");
    expect(() => resolvePlugin('modules', 'my.coll.short', [], options())).toThrow('Collection my.coll contains invalid redirect for my.coll.short: hello. Redirects must use fully qualified collection names.');
  });

  it('routes each plug-in type by its own section, to its own directory', () => {
    expect(resolvePlugin('filter', 'my.coll.old_upper', [], options())).toEqual({ name: 'my.coll.upper', file: join(coll, 'plugins/filter/upper.py') });
    expect(resolvePlugin('modules', 'my.coll.old_upper', [], options())).toBeUndefined();
  });
});

describe('isFqcn', () => {
  it.each([
    ['my.coll.name', true],
    ['my.coll.sub.name', true],
    ['copy', false],
    ['my.name', false],
    ['my.coll.na-me', false],
  ])('%s → %s', (name, expected) => expect(isFqcn(name)).toBe(expected));
});
