import * as fs from 'fs';
import * as http from 'http';
import { AddressInfo } from 'net';
import * as os from 'os';
import * as path from 'path';
import { createAptProxy } from './apt-proxy';

function listen(server: http.Server): Promise<number> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port)));
}

/** A GET through the proxy, the way apt sends it: the absolute URL as the request target. */
function viaProxy(proxyPort: number, url: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port: proxyPort, path: url, method: 'GET' }, (res) => {
      let body = '';
      res.on('data', (chunk) => (body += chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('apt proxy', () => {
  const served: string[] = [];
  let version = 1;
  const mirror = http.createServer((req, res) => {
    served.push(req.url ?? '');
    res.end(`${req.url} v${version}`);
  });
  let proxy: http.Server;
  let proxyPort: number;
  let origin: string;
  const debDir = fs.mkdtempSync(path.join(os.tmpdir(), 'tsible-debs-'));

  beforeAll(async () => {
    origin = `http://127.0.0.1:${await listen(mirror)}`;
    proxy = createAptProxy({ allow: [origin], debDir, log: () => undefined });
    proxyPort = await listen(proxy);
  }, 30_000);

  afterAll(() => {
    proxy.closeAllConnections();
    proxy.close();
    mirror.closeAllConnections();
    mirror.close();
  }, 30_000);

  test('a .deb is fetched from the mirror once, then served from the cache', async () => {
    const url = `${origin}/debian/pool/main/t/tree/tree_2.1.0-1_amd64.deb`;
    const first = await viaProxy(proxyPort, url);
    version = 2;
    const second = await viaProxy(proxyPort, url);
    expect(first).toEqual({ status: 200, body: '/debian/pool/main/t/tree/tree_2.1.0-1_amd64.deb v1' });
    expect(second).toEqual(first);
    expect(served.filter((u) => u.endsWith('.deb'))).toHaveLength(1);
  });

  test('hosts asking for the same new .deb at once cause one download', async () => {
    const url = `${origin}/debian/pool/main/h/htop/htop_3.2.2-2_amd64.deb`;
    const bodies = await Promise.all([1, 2, 3, 4].map(() => viaProxy(proxyPort, url)));
    const expected = `/debian/pool/main/h/htop/htop_3.2.2-2_amd64.deb v${version}`;
    expect(bodies.map((b) => b.body)).toEqual([expected, expected, expected, expected]);
    expect(served.filter((u) => u.includes('htop'))).toHaveLength(1);
  });

  test('InRelease passes through every time, so hosts see a changed archive', async () => {
    const url = `${origin}/debian/dists/bookworm/InRelease`;
    version = 3;
    const first = await viaProxy(proxyPort, url);
    version = 4;
    const second = await viaProxy(proxyPort, url);
    expect([first.body, second.body]).toEqual(['/debian/dists/bookworm/InRelease v3',
      '/debian/dists/bookworm/InRelease v4']);
  });

  test('other sites are refused', async () => {
    const result = await viaProxy(proxyPort, 'http://127.0.0.2:9/debian/dists/bookworm/InRelease');
    expect(result.status).toBe(403);
    expect(result.body).toContain(origin);
  });
});
