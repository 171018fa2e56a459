import { FILE_SHA256, hasAnsible, HttpCase, HttpTwin } from './http-twin';

const FILE = '@U/file.txt';

const cases: HttpCase[] = [
  { title: 'a new file, then the same again (downloaded, unchanged)', steps: [{ url: FILE, dest: '@T/f.txt' }, { url: FILE, dest: '@T/f.txt' }] },
  { title: 'kept by checksum without a request', steps: [{ url: '@U/status/500', dest: '@T/f.txt', checksum: `sha256:${FILE_SHA256}` }], files: { 'f.txt': 'downloaded file\n' } },
  { title: 'checksum given as a URL of a list', steps: [{ url: FILE, dest: '@T/f.txt', checksum: 'sha256:@U/sums' }] },
  { title: 'a wrong checksum removes the download', steps: [{ url: FILE, dest: '@T/f.txt', checksum: 'sha256:00ff' }] },
  { title: 'a checksum differing from dest forces the download', steps: [{ url: FILE, dest: '@T/f.txt', checksum: `sha1:${'0'.repeat(40)}`, force: false }], files: { 'f.txt': 'old\n' } },
  { title: 'bad checksum arguments', steps: [{ url: FILE, dest: '@T/a', checksum: 'nocolon' }, { url: FILE, dest: '@T/b', checksum: 'sha256:zz' }, { url: FILE, dest: '@T/c', checksum: 'md4:abcd' }] },
  { title: 'a directory dest: the URL name, the attachment name', steps: [{ url: FILE, dest: '@T/d' }, { url: '@U/attach', dest: '@T/d/' }], files: { 'd/keep': 'x' } },
  { title: 'replacing a different file, with a backup', steps: [{ url: FILE, dest: '@T/f.txt', backup: true, mode: '0640' }], files: { 'f.txt': { content: 'old\n', mode: 0o600 } } },
  { title: 'force: no without a checksum still compares (2.14)', steps: [{ url: FILE, dest: '@T/f.txt', force: false }], files: { 'f.txt': 'old\n' } },
  { title: 'a 304 leaves dest alone', steps: [{ url: '@U/cached.txt', dest: '@T/f.txt' }], files: { 'f.txt': 'old\n' } },
  { title: 'failures: status, no server, missing directory', steps: [{ url: '@U/status/404', dest: '@T/x' }, { url: 'http://127.0.0.1:1/f', dest: '@T/y' }, { url: FILE, dest: '@T/no/dir/f' }] },
  { title: 'auth and redirects', steps: [{ url: '@U/auth', dest: '@T/a', url_username: 'user', url_password: 'secret' }, { url: '@U/r302/file.txt', dest: '@T/r' }] },
  { title: 'https without validation, and refused', steps: [{ url: '@S/file.txt', dest: '@T/f', validate_certs: false }, { url: '@S/file.txt', dest: '@T/g' }] },
  { title: 'tmp_dest', steps: [{ url: FILE, dest: '@T/f', tmp_dest: '@T/tmp' }, { url: FILE, dest: '@T/g', tmp_dest: '@T/none' }], files: { 'tmp/keep': '' } },
  { title: 'check mode: a new file, an identical one', check: true, steps: [{ url: FILE, dest: '@T/new' }, { url: FILE, dest: '@T/same', checksum: `sha256:${FILE_SHA256}` }], files: { same: 'downloaded file\n' } },
];

(hasAnsible ? describe : describe.skip)('get_url agrees with ansible-playbook', () => {
  const twin = new HttpTwin('get_url', cases);
  // One ansible-playbook run makes every request; on a loaded machine that takes minutes, which is no failure.
  jest.setTimeout(900_000);
  beforeAll(() => twin.start(), 900_000);
  afterAll(() => twin.stop());

  it.each(cases.map((c, i) => [c.title, i] as const))('%s', async (_title, i) => {
    const { ours, theirs } = await twin.compare(i);
    expect(ours).toEqual(theirs);
  });
});
