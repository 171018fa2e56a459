import knownHosts, { hashHostKey, normalizeKey, searchOutput } from '../../../modules/known_hosts';
import { testModule } from './module-tester';

const K1 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIKyhHEadvvn6fAS9QmBGeSG3WXVhzQuGbYkfhzJGMyR8';
const K2 = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIGBYUT1QV0PwOEkqtUaOiKNs/Y115w/Z67nDk+Nl+/3H';
const OTHER = `other.example ${K2}\n`;

describe('known_hosts helpers', () => {
  it('normalizes a line to marker, host, type and key', () => {
    expect(normalizeKey(`@cert-authority *.example ${K1} comment\n`)).toEqual({ options: '@cert-authority', host: '*.example', type: 'ssh-ed25519', key: K1.split(' ')[1] });
  });

  it("hashes the host as OpenSSH does (HMAC-SHA1 keyed by the salt)", () => {
    const salt = Buffer.alloc(20, 1);
    expect(hashHostKey('example.com', `example.com ${K1}`, salt)).toBe(`|1|AQEBAQEBAQEBAQEBAQEBAQEBAQE=|AqgERpE7/atQuHzpEGc1XodOnYc= ${K1}`);
  });

  it("reads ssh-keygen -F's output: the same key, another of the type (to replace), or none of it", () => {
    const out = `# Host a found: line 3\na ${K1}\n`;
    expect(searchOutput(out, `a ${K1}\n`)).toEqual({ found: true, replaceOrAdd: false, foundLine: 3 });
    expect(searchOutput(out, `a ${K2}\n`)).toEqual({ found: true, replaceOrAdd: true, foundLine: 3 });
    expect(searchOutput(out, `a ssh-rsa AAAA\n`)).toEqual({ found: true, replaceOrAdd: true });
  });
});

testModule(knownHosts, [
  {
    name: 'adds a key to a new file, 0644',
    args: { name: 'Host.Example', key: `host.example ${K1}`, path: '@T/kh' },
    diff: true,
    expect: { changed: true, result: { name: 'Host.Example', path: '@T/kh', state: 'file', mode: '0644', diff: { before_header: '/dev/null', after: `host.example ${K1}\n` } }, files: { kh: { content: `host.example ${K1}\n`, mode: 0o644 } } },
  },
  {
    name: 'is idempotent',
    args: { name: 'host.example', key: `host.example ${K1}`, path: '@T/kh' },
    files: { kh: `${OTHER}host.example ${K1}\n` },
    expect: { changed: false, files: { kh: `${OTHER}host.example ${K1}\n` } },
  },
  {
    name: 'replaces the key of the same type in its place at the end, keeping the mode',
    args: { name: 'host.example', key: `host.example ${K2}`, path: '@T/kh' },
    files: { kh: { content: `host.example ${K1}\n${OTHER}`, mode: 0o600 } },
    expect: { changed: true, files: { kh: { content: `${OTHER}host.example ${K2}\n`, mode: 0o600 } } },
  },
  {
    name: 'removes the host by its key',
    args: { name: 'host.example', key: `host.example ${K1}`, path: '@T/kh', state: 'absent' },
    files: { kh: `host.example ${K1}\n${OTHER}` },
    expect: { changed: true, files: { kh: OTHER } },
  },
  {
    name: 'removes every key of the host with ssh-keygen -R when no key is given',
    args: { name: 'host.example', path: '@T/kh', state: 'absent' },
    files: { kh: `host.example ${K1}\n${OTHER}` },
    expect: { changed: true, result: { key: null }, files: { kh: OTHER } },
  },
  {
    name: 'a key whose host field is not the name fails',
    args: { name: 'host.example', key: `other.example ${K1}`, path: '@T/kh' },
    expect: { failed: true, msg: 'Host parameter does not match hashed host field in supplied key', files: { kh: null } },
  },
  {
    name: 'a hashed host is found by its name',
    args: { name: 'host.example', key: `host.example ${K1}`, path: '@T/kh', hash_host: true },
    files: { kh: `${hashHostKey('host.example', `host.example ${K1}`)}\n` },
    expect: { changed: false },
  },
  {
    name: 'a key is required to add',
    args: { name: 'host.example', path: '@T/kh' },
    expect: { failed: true, msg: 'No key specified when adding a host' },
  },
  {
    name: 'a comma-separated name is refused',
    args: { name: 'a.example,b.example', key: `a.example ${K1}`, path: '@T/kh' },
    expect: { failed: true, msg: 'Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.' },
  },
]);
