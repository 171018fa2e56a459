import getent, { parseGetent } from '../../../modules/getent';
import { fakeHost, runOn, sections } from './system-fake';

const found = { bin_paths: '/usr/bin:/usr/sbin', 'bin:getent': '/usr/bin/getent' };

describe('parseGetent', () => {
  it('keys records by their first field; a key met again gets a list of every record', () => {
    expect(parseGetent('root:x:0:0:root:/root:/bin/bash\n', ':')).toEqual({ root: ['x', '0', '0', 'root', '/root', '/bin/bash'] });
    const hosts = '127.0.0.1   localhost\n::1 localhost ip6-localhost\n127.0.0.1 other\n127.0.0.1\tthird\n';
    expect(parseGetent(hosts, undefined)).toEqual({
      '127.0.0.1': [['localhost'], ['other'], ['third']],
      '::1': ['localhost', 'ip6-localhost'],
    });
  });

  it('splits on whitespace runs without empty fields, and on the separator exactly', () => {
    expect(parseGetent('  http  80/tcp www \r\n', undefined)).toEqual({ http: ['80/tcp', 'www'] });
    expect(parseGetent('a::b', ':')).toEqual({ a: ['', 'b'] });
  });

  it('takes a key such as __proto__ as data', () => {
    const parsed = parseGetent('__proto__:x\n', ':');
    expect(Object.keys(parsed)).toEqual(['__proto__']);
    expect(parsed.__proto__).toEqual(['x']);
  });
});

describe('module getent on a fake host', () => {
  it('returns the records as the getent_<database> fact; the key and service reach getent quoted', async () => {
    const h = fakeHost([[/getent/, { stdout: sections({ ...found, out: "o'k:x:0", rc: '0' }) }]]);
    expect(await runOn(h, getent, { database: 'passwd', key: "o'k", service: 'files' })).toEqual({ changed: false, ansible_facts: { getent_passwd: { "o'k": ['x', '0'] } } });
    expect(h.commands[0]).toContain(`getent passwd 'o'"'"'k' -s files`);
  });

  it("a missing key fails, or with fail_key false is returned as null with getent's message", async () => {
    const h = () => fakeHost([[/getent/, { stdout: sections({ ...found, out: '', rc: '2' }) }]]);
    expect(await runOn(h(), getent, { database: 'passwd', key: 'nobody2' })).toEqual({ changed: false, failed: true, msg: 'One or more supplied key could not be found in the database.' });
    expect(await runOn(h(), getent, { database: 'passwd', key: 'nobody2', fail_key: false })).toEqual({
      changed: false,
      ansible_facts: { getent_passwd: { nobody2: null } },
      msg: 'One or more supplied key could not be found in the database.',
    });
  });

  it('an unknown database, a missing getent and an empty separator fail with their messages', async () => {
    const unknown = fakeHost([[/getent/, { stdout: sections({ ...found, out: '', rc: '1' }) }]]);
    expect(await runOn(unknown, getent, { database: 'nosuch' })).toMatchObject({ failed: true, msg: 'Missing arguments, or database unknown.' });
    const none = fakeHost([[/getent/, { stdout: sections({ bin_paths: '/usr/bin', 'bin:getent': '' }) }]]);
    expect(await runOn(none, getent, { database: 'passwd' })).toMatchObject({ failed: true, msg: 'Failed to find required executable "getent" in paths: /usr/bin' });
    expect(await runOn(fakeHost([]), getent, { database: 'hosts', split: '' })).toMatchObject({ failed: true, msg: 'empty separator' });
  });
});

describe('module getent on this machine', () => {
  it('reads the real passwd database', async () => {
    const { LocalConnection } = await import('../../../engine/connection/local');
    const result = await runOn(new LocalConnection('localhost'), getent, { database: 'passwd', key: 'root' });
    expect(result).toEqual({ changed: false, ansible_facts: { getent_passwd: { root: ['x', '0', '0', expect.any(String), '/root', expect.any(String)] } } });
  });
});
