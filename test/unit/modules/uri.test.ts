import { LocalConnection } from '../../../engine/connection/local';
import { runModule } from '../../../engine/module/run';
import uri from '../../../modules/uri';
import { absoluteLocation, formUrlencoded, pyQuotePlus, urlFilename } from '../../../modules/_lib/http/form';
import { hasAnsible, HttpCase, HttpTwin } from './http-twin';

const AUTH = { url_username: 'user', url_password: 'secret' };

const cases: HttpCase[] = [
  { title: 'a text page', steps: [{ url: '@U/text' }] },
  { title: 'a text page, content returned', steps: [{ url: '@U/text', return_content: true }] },
  { title: 'a JSON body is parsed', steps: [{ url: '@U/json' }] },
  { title: 'an error status with a +json body', steps: [{ url: '@U/problem', status_code: [422] }, { url: '@U/problem' }] },
  { title: 'safe follows a GET redirect', steps: [{ url: '@U/r301/text' }, { url: '@U/r302/json' }, { url: '@U/r307/text' }] },
  { title: 'none does not follow', steps: [{ url: '@U/r302/text', follow_redirects: 'none' }, { url: '@U/r301/text', follow_redirects: false }] },
  { title: 'a relative Location made absolute', steps: [{ url: '@U/r302/relative', follow_redirects: 'no', status_code: 302 }] },
  { title: 'safe does not follow a POST', steps: [{ url: '@U/r307/echo', method: 'POST', body: 'x' }] },
  {
    title: 'all follows a POST: 307 keeps it, 302 turns it into GET',
    steps: [
      { url: '@U/r307/echo', method: 'POST', body: 'x', follow_redirects: 'all' },
      { url: '@U/r302/echo', method: 'POST', body_format: 'json', body: { a: 1 }, follow_redirects: 'yes' },
    ],
  },
  { title: 'basic auth on a 401 challenge, and forced', steps: [{ url: '@U/auth', ...AUTH }, { url: '@U/auth', ...AUTH, force_basic_auth: true, return_content: true }] },
  { title: 'basic auth refused', steps: [{ url: '@U/auth' }, { url: '@U/auth', user: 'user', password: 'wrong' }] },
  { title: 'credentials in the URL', steps: [{ url: '@C/auth' }, { url: '@C/auth', force_basic_auth: 'yes' }] },
  { title: 'status codes', steps: [{ url: '@U/status/404', status_code: [200, 404] }, { url: '@U/status/500', return_content: true }, { url: '@U/status/204', status_code: '200,204' }] },
  {
    title: 'bodies: form, json, raw with headers',
    steps: [
      { url: '@U/echo', method: 'POST', body_format: 'form-urlencoded', body: { name: 'a b&c', list: [1, 'two'], none: null } },
      { url: '@U/echo', method: 'PUT', body_format: 'json', body: { x: [1, 'y', true] }, headers: { 'X-Test': 'v' } },
      { url: '@U/echo', method: 'PATCH', body: 'raw text', headers: { 'Content-Type': 'text/x-raw' }, http_agent: 'probe/1' },
      { url: '@U/echo', method: 'POST', body_format: 'form-urlencoded', body: [['k', 'v'], ['k', 'w']] },
    ],
  },
  { title: 'cookies', steps: [{ url: '@U/cookie' }] },
  {
    title: 'a body from a file: on the controller, on the host, missing',
    steps: [
      { url: '@U/echo', method: 'POST', src: '@T/body.txt' },
      { url: '@U/echo', method: 'PUT', src: '@T/body.txt', remote_src: true, body_format: 'json' },
      { url: '@U/echo', method: 'POST', src: '@T/missing', remote_src: true },
    ],
    files: { 'body.txt': 'from a file\n' },
  },
  {
    title: 'dest: written, then kept on a 304; a directory gets the attachment name; mode',
    steps: [{ url: '@U/cached.txt', dest: '@T/out.txt' }, { url: '@U/cached.txt', dest: '@T/out.txt' }, { url: '@U/attach', dest: '@T/d' }, { url: '@U/text', dest: '@T/m.txt', mode: '0600' }],
    files: { 'd/keep': 'x' },
  },
  { title: 'dest rewritten with the same content still reports a change', steps: [{ url: '@U/file.txt', dest: '@T/f.txt' }], files: { 'f.txt': 'downloaded file\n' } },
  { title: 'creates and removes', steps: [{ url: '@U/text', creates: '@T/here' }, { url: '@U/text', removes: '@T/absent' }], files: { here: '' } },
  { title: 'connection refused, bad method, bad scheme', steps: [{ url: 'http://127.0.0.1:1/' }, { url: '@U/text', method: 'get it' }, { url: 'nope://x/' }] },
  { title: 'https: a self-signed certificate refused, accepted without validation, validated with ca_path', steps: [{ url: '@S/text' }, { url: '@S/json', validate_certs: false }, { url: '@S/text', ca_path: '@K' }] },
  { title: 'check mode skips', check: true, steps: [{ url: '@U/text', dest: '@T/x' }] },
];

(hasAnsible ? describe : describe.skip)('uri agrees with ansible-playbook', () => {
  const twin = new HttpTwin('uri', cases);
  // One ansible-playbook run makes every request; on a loaded machine that takes minutes, which is no failure.
  jest.setTimeout(900_000);
  beforeAll(() => twin.start(), 900_000);
  afterAll(() => twin.stop());

  it.each(cases.map((c, i) => [c.title, i] as const))('%s', async (_title, i) => {
    const { ours, theirs } = await twin.compare(i);
    expect(ours).toEqual(theirs);
  });
});

describe('uri without a server', () => {
  it('fails clearly on arguments tsible does not implement', async () => {
    const r = await runModule(uri, { url: 'http://127.0.0.1:1/', unix_socket: '/run/x.sock', body_format: 'json' }, { connection: new LocalConnection('localhost') });
    expect(r).toMatchObject({ failed: true, msg: "unsupported by tsible's native uri module: unix_socket; run this task with ansible-playbook" });
  });

  it('refuses an unknown follow_redirects as Ansible words it', async () => {
    const r = await runModule(uri, { url: 'http://127.0.0.1:1/', follow_redirects: 'sometimes' }, { connection: new LocalConnection('localhost') });
    expect(r).toMatchObject({ failed: true, msg: 'value of follow_redirects must be one of: all, no, none, safe, urllib2, yes, got: sometimes' });
  });


  it('quotes as Python quote_plus', () => {
    expect(pyQuotePlus("a b!*'()~_.-/é")).toBe('a+b%21%2A%27%28%29~_.-%2F%C3%A9');
  });

  it('form-encodes mappings and pairs, skipping None', () => {
    expect(formUrlencoded({ a: 'x y', l: [1, true], n: null })).toBe('a=x+y&l=1&l=True');
    expect(formUrlencoded([['k', 'v'], ['k', 'w']])).toBe('k=v&k=w');
    expect(formUrlencoded('as=is')).toBe('as=is');
    expect(() => formUrlencoded(3)).toThrow('cannot form-urlencode body');
  });

  it('makes a Location absolute as uri does', () => {
    expect(absoluteLocation('http://h:1/a/b?q', '/c')).toBe('http://h:1?q/c');
    expect(absoluteLocation('http://h/a/b', 'c')).toBe('http://h/a/c');
    expect(absoluteLocation('http://h/a/b', 'https://o/x')).toBe('https://o/x');
  });

  it('names a download after the URL path', () => {
    expect(urlFilename('http://h/a/file.tgz?x=1')).toBe('file.tgz');
    expect(urlFilename('http://h/')).toBe('index.html');
  });
});
