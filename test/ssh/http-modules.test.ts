import { chmodSync, mkdtempSync, readFileSync, statSync } from 'fs';
import type { Server } from 'http';
import { join } from 'path';
import type { Connection } from '../../engine/connection/connection';
import { createSshConnection } from '../../engine/connection/ssh';
import { runModule } from '../../engine/module/run';
import getUrl from '../../modules/get_url';
import uri from '../../modules/uri';
import { FILE_BODY, FILE_SHA256, startServer } from '../unit/modules/http-twin';
import { Sshd, sshdAvailable, startSshd, stopSshd, TEST_USER } from './sshd';

// Over ssh the request is made by the host (here the test user's session), not by the controller.
const run = sshdAvailable() ? describe : describe.skip;
jest.setTimeout(120_000);

run('uri and get_url over ssh', () => {
  let sshd: Sshd;
  let conn: Connection;
  let server: Server;
  let base: string;
  let work: string;

  beforeAll(async () => {
    sshd = await startSshd();
    conn = createSshConnection('target', sshd.options());
    ({ server, base } = await startServer());
    work = mkdtempSync(join(sshd.dir, 'http-'));
    chmodSync(work, 0o777);
  }, 120_000);
  afterAll(async () => {
    await conn?.close();
    await stopSshd(sshd);
    await new Promise((resolve) => server?.close(resolve));
  }, 30_000);

  it('uri returns status, headers and the parsed JSON body, and fails on an unexpected status', async () => {
    const ok = await runModule(uri, { url: `${base}/json` }, { connection: conn });
    expect(ok).toMatchObject({ changed: false, status: 200, json: { a: 1, b: [true, null, 'x'] }, content_type: 'application/json; charset=utf-8', msg: 'OK (27 bytes)' });
    const bad = await runModule(uri, { url: `${base}/status/404`, body_format: 'json', method: 'POST', body: { a: 1 } }, { connection: conn });
    expect(bad).toMatchObject({ failed: true, status: 404, msg: 'Status code was 404 and not [200]: HTTP Error 404: Not Found' });
  });

  it('get_url writes dest as the host user, then keeps it by checksum without downloading', async () => {
    const dest = join(work, 'f.txt');
    const args = { url: `${base}/file.txt`, dest, checksum: `sha256:${FILE_SHA256}`, mode: '0640' };
    const first = await runModule(getUrl, args, { connection: conn });
    expect(first).toMatchObject({ changed: true, status_code: 200, dest, owner: TEST_USER, mode: '0640' });
    expect(readFileSync(dest, 'utf8')).toBe(FILE_BODY);
    expect(statSync(dest).mode & 0o7777).toBe(0o640);
    const again = await runModule(getUrl, { ...args, url: `${base}/status/500` }, { connection: conn });
    expect(again).toMatchObject({ changed: false, msg: 'file already exists' });
  });

  it('get_url in check mode writes nothing', async () => {
    const dest = join(work, 'checked.txt');
    const r = await runModule(getUrl, { url: `${base}/file.txt`, dest }, { connection: conn, check: true });
    expect(r).toMatchObject({ changed: true, checksum_dest: null });
    expect(() => statSync(dest)).toThrow();
  });
});
