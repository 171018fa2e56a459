import * as fs from 'fs';
import * as http from 'http';
import * as path from 'path';

export interface AptProxyOptions {
  /** Origins (`http://name[:port]`) the proxy forwards to: the machine's Debian mirrors and nothing else. */
  allow: string[];
  /** Where immutable downloads are kept (.deb files, by-hash indexes), so a second deploy reads them from here. */
  debDir: string;
  log: (line: string) => void;
}

const HOP_BY_HOP = new Set([
  'connection', 'keep-alive', 'proxy-connection', 'proxy-authorization', 'te', 'trailer', 'transfer-encoding',
  'upgrade',
]);

function endToEnd(headers: http.IncomingHttpHeaders): http.OutgoingHttpHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([key]) => !HOP_BY_HOP.has(key)));
}

/** Paths whose content never changes under the same name: pool packages and content-addressed indexes. */
function isImmutable(url: URL): boolean {
  return url.pathname.endsWith('.deb') || url.pathname.includes('/by-hash/');
}

/**
 * A forward HTTP proxy for apt inside the test hosts. Immutable files are cached by URL path; the rest
 * (InRelease, which changes) passes through, and apt checks everything against the signed release file.
 */
export function createAptProxy(opts: AptProxyOptions): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  return http.createServer((req, res) => {
    let url: URL;
    try {
      url = new URL(req.url ?? '');
    } catch {
      return refuse(res, 400, 'absolute http:// URL expected (this is a proxy)');
    }
    if (url.protocol !== 'http:' || !opts.allow.includes(url.origin)) {
      opts.log(`DENY ${req.method} ${url.href}`);
      return refuse(res, 403, `only ${opts.allow.join(', ')} is reachable through this proxy`);
    }
    const cached = path.join(opts.debDir, url.host, path.normalize(decodeURIComponent(url.pathname)));
    if (req.method === 'GET' && isImmutable(url) && fs.existsSync(cached)) {
      opts.log(`HIT ${url.href}`);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': fs.statSync(cached).size });
      fs.createReadStream(cached).pipe(res);
      return;
    }
    const upstream = http.request(url, { method: req.method, headers: endToEnd(req.headers), agent }, (up) => {
      const keep = req.method === 'GET' && up.statusCode === 200 && isImmutable(url);
      opts.log(`${keep ? 'MISS' : 'PASS'} ${up.statusCode} ${req.method} ${url.href}`);
      res.writeHead(up.statusCode ?? 502, endToEnd(up.headers));
      up.pipe(res);
      if (keep) saveWhileStreaming(up, cached, Number(up.headers['content-length'] ?? -1));
    });
    upstream.on('error', (err) => {
      opts.log(`ERROR ${url.href}: ${err.message}`);
      if (!res.headersSent) refuse(res, 502, err.message);
      else res.destroy();
    });
    req.pipe(upstream);
  });
}

/** Writes the body beside the client's copy; it becomes visible only when complete and of the announced size. */
function saveWhileStreaming(body: http.IncomingMessage, file: string, expected: number): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.part-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const out = fs.createWriteStream(partial);
  let size = 0;
  body.on('data', (chunk: Buffer) => {
    size += chunk.length;
    out.write(chunk);
  });
  // 'close' without a complete body means the mirror or the client went away: drop the partial file.
  body.on('close', () =>
    out.end(() => {
      if (body.complete && (expected < 0 || size === expected)) fs.renameSync(partial, file);
      else fs.rmSync(partial, { force: true });
    }),
  );
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(`${message}\n`);
}
