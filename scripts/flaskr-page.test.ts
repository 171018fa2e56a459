import { createServer, Server } from 'http';
import { AddressInfo } from 'net';
import { waitForFlaskr } from './flaskr-page';

const FLASKR = '<!doctype html><title>Flaskr</title><h1>Flaskr</h1>';

/** A server answering with the given replies in turn, the last one from then on. */
async function serve(replies: { status: number; body: string }[]): Promise<{ url: string; server: Server }> {
  let n = 0;
  const server = createServer((_req, res) => {
    const reply = replies[Math.min(n++, replies.length - 1)];
    res.writeHead(reply.status, { 'content-type': 'text/html' }).end(reply.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

describe('the demo waits for the flaskr page', () => {
  it('asks again while nginx answers 502 (gunicorn still starting), showing each new answer', async () => {
    const { url, server } = await serve([{ status: 502, body: 'Bad Gateway' }, { status: 502, body: 'Bad Gateway' }, { status: 200, body: FLASKR }]);
    const said: string[] = [];
    try {
      expect(await waitForFlaskr(url, 60, (line) => said.push(line))).toBe(true);
    } finally {
      server.close();
    }
    expect(said).toEqual([`waiting for ${url} to answer with the flaskr page (gunicorn was just restarted; up to 60 s)`, `${url} answered 502`, `${url} answered 200 with the flaskr page`]);
  }, 60_000);

  it('gives up after its bound on a page that is not flaskr, saying what it got', async () => {
    const { url, server } = await serve([{ status: 200, body: '<title>Welcome to nginx!</title>' }]);
    const said: string[] = [];
    try {
      expect(await waitForFlaskr(url, 0, (line) => said.push(line))).toBe(false);
    } finally {
      server.close();
    }
    expect(said[1]).toBe(`${url} answered 200 with another page`);
  });

  it('says why nothing answered', async () => {
    const { url, server } = await serve([]);
    await new Promise<void>((done) => server.close(() => done()));
    const said: string[] = [];
    expect(await waitForFlaskr(url, 0, (line) => said.push(line))).toBe(false);
    expect(said[1]).toMatch(new RegExp(`^${url.replace(/[./]/g, '\\$&')} did not answer \\(connect ECONNREFUSED`));
  });
});
