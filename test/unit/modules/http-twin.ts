import { execFile, execFileSync } from 'child_process';
import { createHash } from 'crypto';
import { createServer, IncomingMessage, Server, ServerResponse } from 'http';
import { createServer as createTlsServer } from 'https';
import { AddressInfo } from 'net';
import { promisify } from 'util';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import { join } from 'path';
import { LocalConnection } from '../../../engine/connection/local';
import { findModule } from '../../../engine/module/registry';
import { runModule } from '../../../engine/module/run';
import type { ModuleResult } from '../../../engine/module/types';
import { FileSpec, snapshotTree, writeTree } from './tree';

/**
 * uri and get_url run by ansible-playbook and by tsible's modules against one HTTP server on loopback
 * that this file starts: the same steps in twin directories (`@T`), results and files compared. `@U` in
 * arguments is the server's base URL, `@C` the same with user:secret in it, `@S` the same server over HTTPS
 * (a self-signed certificate for localhost) and `@K` that certificate's file.
 */
export interface HttpCase {
  title: string;
  steps: Record<string, unknown>[];
  files?: Record<string, FileSpec>;
  check?: boolean;
}

export const FILE_BODY = 'downloaded file\n';
export const FILE_SHA256 = createHash('sha256').update(FILE_BODY).digest('hex');

function send(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'Content-Type': 'text/plain', 'Content-Length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

const AUTH_OK = `Basic ${Buffer.from('user:secret').toString('base64')}`;

/** Routes: the behaviours uri and get_url are tested against. */
function handle(req: IncomingMessage, body: string, res: ServerResponse): void {
  res.sendDate = false;
  const url = new URL(req.url ?? '/', 'http://x');
  const path = url.pathname;
  const redirect = /^\/r(30[1278])(\/.*)$/.exec(path);
  if (redirect) return send(res, Number(redirect[1]), '', { Location: redirect[2] === '/relative' ? 'text' : redirect[2] });
  const status = /^\/status\/(\d+)$/.exec(path);
  if (status) return send(res, Number(status[1]), `status ${status[1]}\n`);
  switch (path) {
    case '/text':
      return send(res, 200, 'hello\n');
    case '/json':
      return send(res, 200, JSON.stringify({ a: 1, b: [true, null, 'x'] }), { 'Content-Type': 'application/json; charset=utf-8' });
    case '/problem':
      return send(res, 422, JSON.stringify({ error: 'bad' }), { 'Content-Type': 'application/problem+json' });
    case '/echo':
      return send(res, 200, JSON.stringify({ method: req.method, body, type: req.headers['content-type'] ?? null, test: req.headers['x-test'] ?? null, agent: req.headers['user-agent'] }), { 'Content-Type': 'application/json' });
    case '/auth':
      if (req.headers.authorization === AUTH_OK) return send(res, 200, 'welcome\n');
      return send(res, 401, 'who are you\n', { 'WWW-Authenticate': 'Basic realm="test"' });
    case '/cookie':
      return send(res, 200, 'cookie\n', { 'Set-Cookie': 'session=abc; Path=/' });
    case '/file.txt':
      return send(res, 200, FILE_BODY);
    case '/cached.txt':
      if (req.headers['if-modified-since']) return send(res, 304, '');
      return send(res, 200, FILE_BODY);
    case '/attach':
      return send(res, 200, FILE_BODY, { 'Content-Disposition': 'attachment; filename="named.txt"' });
    case '/sums':
      return send(res, 200, `0000  other.txt\n${FILE_SHA256}  file.txt\n`);
    default:
      return send(res, 404, 'not found\n');
  }
}

/** The test server on loopback; with a key and certificate, over HTTPS (as https://localhost:port). */
export async function startServer(tls?: { key: Buffer; cert: Buffer }): Promise<{ server: Server; base: string }> {
  const listener = (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, Buffer.concat(chunks).toString('utf8'), res));
  };
  const server = tls ? createTlsServer(tls, listener) : createServer(listener);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, base: tls ? `https://localhost:${port}` : `http://127.0.0.1:${port}` };
}

/** A self-signed certificate for localhost, written to `dir` (cert.pem, key.pem). */
function makeCertificate(dir: string): { key: Buffer; cert: Buffer } {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '2', '-subj', '/CN=localhost', '-addext', 'subjectAltName=DNS:localhost',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem')], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')) };
}

export const hasAnsible = (() => {
  try {
    execFileSync('ansible-playbook', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

interface Bases {
  http: string;
  https: string;
  /** The HTTPS server's certificate, a CA file for ca_path. */
  cert: string;
}

function sub<T>(value: T, dir: string, bases: Bases): T {
  const marks: [string, string][] = [['@T', dir], ['@U', bases.http], ['@C', bases.http.replace('://', '://user:secret@')], ['@S', bases.https], ['@K', bases.cert]];
  return JSON.parse(marks.reduce((text, [mark, value]) => text.split(mark).join(value), JSON.stringify(value))) as T;
}

/** Keys that differ between any two runs (times, temporary paths) or that only Ansible's runner adds. */
const VOLATILE = ['invocation', 'elapsed', 'src', '_ansible_no_log', 'warnings', 'ansible_facts', 'deprecations', 'action', 'stdout_lines'];

export function comparable(result: Record<string, unknown>, dir: string): Record<string, unknown> {
  const out = Object.fromEntries(Object.entries(result).filter(([k]) => !VOLATILE.includes(k)));
  if (typeof out.backup_file === 'string') out.backup_file = out.backup_file.startsWith(dir);
  if (out.failed === undefined) out.failed = false;
  // The skip message names the module as the executor resolved it (ansible.legacy.uri), not the module's business.
  if (out.skipped) delete out.msg;
  return JSON.parse(JSON.stringify(out).split(dir).join('@T')) as Record<string, unknown>;
}

export function stripTree(tree: object, dir: string): unknown {
  const text = JSON.stringify(tree).split(dir).join('@T').replace(/"mtime":[\d.]+,?/g, '').replace(/,}/g, '}');
  // Backup names hold the time and pid: only their existence is compared.
  return JSON.parse(text.replace(/\.\d+\.\d{4}-\d\d-\d\d@\d\d:\d\d:\d\d~/g, '.BACKUP~'));
}

export class HttpTwin {
  root = '';
  bases: Bases = { http: '', https: '', cert: '' };
  ansible: Record<string, unknown>[][] = [];
  private servers: Server[] = [];

  constructor(private module: string, private cases: HttpCase[]) {}

  async start(): Promise<void> {
    this.root = mkdtempSync(join(tmpdir(), `tsible-${this.module}-`));
    const [plain, tls] = [await startServer(), await startServer(makeCertificate(this.root))];
    this.servers = [plain.server, tls.server];
    this.bases = { http: plain.base, https: tls.base, cert: join(this.root, 'cert.pem') };
    for (const [i, c] of this.cases.entries()) {
      for (const side of ['a', 't']) {
        mkdirSync(join(this.root, `${side}${i}`));
        await writeTree(join(this.root, `${side}${i}`), sub(c.files ?? {}, join(this.root, `${side}${i}`), this.bases));
      }
    }
    const tasks = this.cases.flatMap((c, i) =>
      c.steps.map((args, n) => ({ name: `case ${i} step ${n}`, [this.module]: sub(args, join(this.root, `a${i}`), this.bases), ignore_errors: true, ...(c.check ? { check_mode: true } : {}) })),
    );
    const playbook = join(this.root, 'play.yml');
    writeFileSync(playbook, JSON.stringify([{ hosts: 'localhost', gather_facts: false, tasks }]));
    // Asynchronous: the server answering ansible-playbook's requests runs in this process.
    const { stdout } = await promisify(execFile)('ansible-playbook', ['-i', 'localhost,', '-c', 'local', '-e', 'ansible_python_interpreter=/usr/bin/python3', playbook], {
      env: { ...process.env, ANSIBLE_STDOUT_CALLBACK: 'json', ANSIBLE_NOCOLOR: '1', ANSIBLE_LOCALHOST_WARNING: '0', ANSIBLE_PIPELINING: '1' },
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    const report = JSON.parse(stdout) as { plays: { tasks: { hosts: { localhost: Record<string, unknown> } }[] }[] };
    const results = report.plays[0].tasks.map((t) => t.hosts.localhost);
    this.ansible = this.cases.map((c) => results.splice(0, c.steps.length));
  }

  async stop(): Promise<void> {
    for (const server of this.servers) await new Promise((resolve) => server.close(resolve));
    rmSync(this.root, { recursive: true, force: true });
  }

  /** Runs case `i` with tsible; returns both sides' results and file trees, made comparable. */
  async compare(i: number): Promise<{ ours: unknown; theirs: unknown }> {
    const c = this.cases[i];
    const [a, t] = [join(this.root, `a${i}`), join(this.root, `t${i}`)];
    const mod = await findModule(this.module)!();
    const results: ModuleResult[] = [];
    for (const step of c.steps) {
      results.push(await runModule(mod, sub(step, t, this.bases), { connection: new LocalConnection('localhost'), check: c.check ?? false }));
    }
    return {
      ours: { results: results.map((r) => comparable(r, t)), files: stripTree(await snapshotTree(t), t) },
      theirs: { results: this.ansible[i].map((r) => comparable(r, a)), files: stripTree(await snapshotTree(a), a) },
    };
  }
}
