import { mkdtempSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { loadConfig } from '../config/ansible-cfg';
import { UnsafeText } from '../playbook/yaml';
import { factCacheFor, factCachePlugin, JsonFileFactCache, MemoryFactCache } from './fact-cache';

const home = mkdtempSync(join(tmpdir(), 'tsible-fact-cache-'));
const config = (env: NodeJS.ProcessEnv) => loadConfig({ cwd: home, env: { HOME: home, ...env }, home, systemFile: '/nonexistent/ansible.cfg' });

describe('choosing the cache (fact_caching)', () => {
  test('memory is the default; jsonfile needs ANSIBLE_CACHE_PLUGIN_CONNECTION; others are refused', () => {
    expect(factCacheFor(config({}))).toBeInstanceOf(MemoryFactCache);
    expect(factCachePlugin(config({ ANSIBLE_CACHE_PLUGIN: 'ansible.builtin.memory' }))).toBe('memory');
    expect(() => factCachePlugin(config({ ANSIBLE_CACHE_PLUGIN: 'jsonfile' }))).toThrow("'jsonfile' cache plugin requires the 'fact_caching_connection' config option");
    expect(() => factCachePlugin(config({ ANSIBLE_CACHE_PLUGIN: 'redis' }))).toThrow('fact_caching = redis (ANSIBLE_CACHE_PLUGIN) is not supported by tsible');
  });

  test('jsonfile writes <fact_caching_connection>/<fact_caching_prefix><host>, created if missing', () => {
    const dir = join(home, 'made', 'here');
    const cache = factCacheFor(config({ ANSIBLE_CACHE_PLUGIN: 'jsonfile', ANSIBLE_CACHE_PLUGIN_CONNECTION: dir, ANSIBLE_CACHE_PLUGIN_PREFIX: 'prefix_' }));
    cache.set('web1', { b: 1, a: { z: 1, y: 2 } });
    expect(readdirSync(dir)).toEqual(['prefix_web1']);
    // As Ansible's jsonfile writes it: keys sorted, indented by 4.
    expect(readFileSync(join(dir, 'prefix_web1'), 'utf8')).toBe('{\n    "a": {\n        "y": 2,\n        "z": 1\n    },\n    "b": 1\n}');
    const unset = factCacheFor(config({ ANSIBLE_CACHE_PLUGIN: 'jsonfile', ANSIBLE_CACHE_PLUGIN_CONNECTION: dir }));
    unset.set('web1', {});
    expect(readdirSync(dir).sort()).toEqual(['ansible_factsweb1', 'prefix_web1']);
  });
});

describe('jsonfile across runs', () => {
  const dir = mkdtempSync(join(tmpdir(), 'tsible-jsonfile-'));

  test('a later run reads what an earlier one wrote, as host data (unsafe)', () => {
    new JsonFileFactCache(dir, 'p_', 0).set('h', { ansible_os: 'linux', tpl: '{{ x }}' });
    const facts = new JsonFileFactCache(dir, 'p_', 0).get('h');
    expect(facts?.tpl).toBeInstanceOf(UnsafeText);
    expect(String(facts?.ansible_os)).toBe('linux');
  });

  test('a file older than ANSIBLE_CACHE_PLUGIN_TIMEOUT seconds has expired; 0 never expires', () => {
    new JsonFileFactCache(dir, 'old_', 0).set('h', { a: 1 });
    const longAgo = new Date(Date.now() - 3600_000);
    utimesSync(join(dir, 'old_h'), longAgo, longAgo);
    expect(new JsonFileFactCache(dir, 'old_', 60).get('h')).toBeUndefined();
    expect(new JsonFileFactCache(dir, 'old_', 7200).get('h')).toBeDefined();
    expect(new JsonFileFactCache(dir, 'old_', 0).get('h')).toBeDefined();
    expect(config({ ANSIBLE_CACHE_PLUGIN_TIMEOUT: '60' }).defaults.fact_caching_timeout).toBe(60);
    expect(config({}).defaults.fact_caching_timeout).toBe(86400);
  });

  test('delete removes the file (meta: clear_facts, --flush-cache)', () => {
    const cache = new JsonFileFactCache(dir, 'del_', 0);
    cache.set('h', { a: 1 });
    cache.delete('h');
    expect(readdirSync(dir).filter((f) => f.startsWith('del_'))).toEqual([]);
    expect(new JsonFileFactCache(dir, 'del_', 0).get('h')).toBeUndefined();
  });

  test('a corrupt file is removed and the run stops, with Ansible\'s message', () => {
    writeFileSync(join(dir, 'bad_h'), '{not json');
    expect(() => new JsonFileFactCache(dir, 'bad_', 0).get('h')).toThrow(`The cache file ${join(dir, 'bad_h')} was corrupt`);
    expect(readdirSync(dir).filter((f) => f.startsWith('bad_'))).toEqual([]);
  });
});
