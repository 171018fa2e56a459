/** How the demo knows flaskr is up: the page itself, asked for until it answers (bounded). */
import { get } from 'http';

/** One GET: the status and body, or status 0 with why nothing answered (refused, timed out). */
function fetchPage(url: string): Promise<{ status: number; body: string; error?: string }> {
  return new Promise((resolve) => {
    const req = get(url, { timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (c: Buffer) => (body += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      res.on('error', (err) => resolve({ status: 0, body: '', error: err.message }));
    });
    req.on('timeout', () => req.destroy(new Error('no answer within 5 s')));
    req.on('error', (err) => resolve({ status: 0, body: '', error: err.message }));
  });
}

const isFlaskrPage = (page: { status: number; body: string }) => page.status === 200 && /<title>Flaskr<\/title>/.test(page.body);
const describePage = (page: { status: number; body: string; error?: string }) =>
  page.error ? `did not answer (${page.error})` : isFlaskrPage(page) ? 'answered 200 with the flaskr page' : `answered ${page.status}${page.status === 200 ? ' with another page' : ''}`;

/**
 * Asks for the page until it is flaskr's, for up to `seconds`: the deployment's handler has just restarted
 * gunicorn, and nginx answers 502 until gunicorn listens. Each new answer is shown as it comes.
 */
export async function waitForFlaskr(url: string, seconds: number, log: (line: string) => void): Promise<boolean> {
  log(`waiting for ${url} to answer with the flaskr page (gunicorn was just restarted; up to ${seconds} s)`);
  const end = Date.now() + seconds * 1000;
  let said = '';
  for (;;) {
    const page = await fetchPage(url);
    const now = describePage(page);
    if (now !== said) log(`${url} ${now}`);
    said = now;
    if (isFlaskrPage(page)) return true;
    if (Date.now() >= end) return false;
    await new Promise((resolve) => setTimeout(resolve, 1000));
  }
}
