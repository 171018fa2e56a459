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
 * A forward HTTP proxy for apt inside the test hosts. Immutable files are cached by URL path, and hosts
 * asking for one that is being downloaded wait for that download instead of starting another; the rest
 * (InRelease, which changes) passes through. apt checks everything against the signed release file.
 */
export function createAptProxy(opts: AptProxyOptions): http.Server {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 16 });
  const downloading = new Map<string, Promise<boolean>>();
  return http.createServer(async (req, res) => {
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
    const cacheable = req.method === 'GET' && isImmutable(url);
    if (cacheable) await downloading.get(cached);
    if (cacheable && fs.existsSync(cached)) {
      opts.log(`HIT ${url.href}`);
      res.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': fs.statSync(cached).size });
      fs.createReadStream(cached).pipe(res);
      return;
    }
    let settle: (saved: boolean) => void = () => undefined;
    if (cacheable) {
      const download = new Promise<boolean>((resolve) => (settle = resolve));
      downloading.set(cached, download);
      void download.then(() => downloading.delete(cached));
    }
    const upstream = http.request(url, { method: req.method, headers: endToEnd(req.headers), agent }, (up) => {
      const keep = cacheable && up.statusCode === 200;
      opts.log(`${keep ? 'MISS' : 'PASS'} ${up.statusCode} ${req.method} ${url.href}`);
      res.writeHead(up.statusCode ?? 502, endToEnd(up.headers));
      up.pipe(res);
      if (keep) void saveWhileStreaming(up, cached, Number(up.headers['content-length'] ?? -1)).then(settle);
      else settle(false);
    });
    upstream.on('error', (err) => {
      settle(false);
      opts.log(`ERROR ${url.href}: ${err.message}`);
      if (!res.headersSent) refuse(res, 502, err.message);
      else res.destroy();
    });
    req.pipe(upstream);
  });
}

/**
 * Writes the body beside the client's copy; it becomes visible only when complete and of the announced size.
 * Resolves with whether it was.
 */
function saveWhileStreaming(body: http.IncomingMessage, file: string, expected: number): Promise<boolean> {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.part-${process.pid}-${Math.random().toString(36).slice(2)}`;
  const out = fs.createWriteStream(partial);
  let size = 0;
  body.on('data', (chunk: Buffer) => {
    size += chunk.length;
    out.write(chunk);
  });
  // 'close' without a complete body means the mirror or the client went away: drop the partial file.
  return new Promise((resolve) =>
    body.on('close', () =>
      out.end(() => {
        const complete = body.complete && (expected < 0 || size === expected);
        if (complete) fs.renameSync(partial, file);
        else fs.rmSync(partial, { force: true });
        resolve(complete);
      }),
    ),
  );
}

function refuse(res: http.ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'text/plain' });
  res.end(`${message}\n`);
}
