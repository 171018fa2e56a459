import { hostPython, Interpreter, interpreterCommand, NoPythonError } from '../../../engine/module/python/interpreter';
import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../../engine/module/types';

/**
 * One HTTP request made from the host, as Ansible's uri and get_url make it there: the host's Python and
 * its urllib (present wherever Ansible can manage a host). The request goes to the script as JSON on stdin,
 * so nothing a task or a server says is ever shell text; the answer comes back as JSON on stdout.
 * Redirects, basic auth, cookies, If-Modified-Since and the error messages follow ansible-core 2.14's
 * fetch_url; the body is streamed to a file on the host when `saveDir` is set.
 */
const SCRIPT = String.raw`
import base64, datetime, email.utils, gzip, hashlib, http.client, http.cookiejar, json, netrc, os, socket, ssl, sys, tempfile
import urllib.error, urllib.parse, urllib.request

a = json.load(sys.stdin)
out = {'url': a['url'], 'status': -1, 'headers': []}
follow = a['follow_redirects']


class Redirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, req, fp, code, msg, hdrs, newurl):
        if follow == 'urllib2':
            return urllib.request.HTTPRedirectHandler.redirect_request(self, req, fp, code, msg, hdrs, newurl)
        if follow in ('no', 'none'):
            raise urllib.error.HTTPError(newurl, code, msg, hdrs, fp)
        method = req.get_method()
        unsafe = follow == 'safe' and method not in ('GET', 'HEAD')
        if code < 300 or code >= 400 or unsafe or follow not in ('all', 'yes', 'safe'):
            raise urllib.error.HTTPError(req.get_full_url(), code, msg, hdrs, fp)
        data = req.data
        headers = req.headers
        if code not in (307, 308):
            data = None
            headers = dict((k, v) for k, v in req.headers.items() if k.lower() not in ('content-length', 'content-type', 'transfer-encoding'))
            if code in (302, 303) and method != 'HEAD':
                method = 'GET'
            if code == 301 and method == 'POST':
                method = 'GET'
        return urllib.request.Request(newurl.replace(' ', '%20'), data=data, headers=headers, method=method,
                                      origin_req_host=req.origin_req_host, unverifiable=True)


def basic(user, password):
    return 'Basic ' + base64.b64encode(('%s:%s' % (user, password)).encode('utf-8', 'surrogateescape')).decode('ascii')


def opener_and_url():
    url = a['url']
    user, password = a.get('user'), a.get('password')
    headers = {}
    handlers = [Redirects()]
    parsed = urllib.parse.urlparse(url)
    if parsed.scheme != 'ftp':
        netloc = parsed.netloc
        if not user and '@' in parsed.netloc:
            creds, netloc = parsed.netloc.split('@', 1)
            user, _, password = creds.partition(':')
            url = urllib.parse.urlunparse(parsed._replace(netloc=netloc))
        if user and not a['force_basic_auth']:
            manager = urllib.request.HTTPPasswordMgrWithDefaultRealm()
            manager.add_password(None, netloc, user, password)
            handlers += [urllib.request.HTTPBasicAuthHandler(manager), urllib.request.HTTPDigestAuthHandler(manager)]
        elif user:
            headers['Authorization'] = basic(user, password)
        elif a['use_netrc']:
            try:
                login = netrc.netrc(os.environ.get('NETRC')).authenticators(parsed.hostname)
            except (IOError, netrc.NetrcParseError):
                login = None
            if login and login[0] and login[2]:
                headers['Authorization'] = basic(login[0], login[2])
    if not a['use_proxy']:
        handlers.append(urllib.request.ProxyHandler({}))
    if a['validate_certs']:
        context = ssl.create_default_context(cafile=a.get('ca_path'))
    else:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
    handlers.append(urllib.request.HTTPSHandler(context=context))
    jar = http.cookiejar.LWPCookieJar()
    handlers.append(urllib.request.HTTPCookieProcessor(jar))
    return urllib.request.build_opener(*handlers), url, headers, jar


def content_type(headers):
    ctype = (headers.get_content_type() or 'application/octet-stream').split(',')[0]
    main, sub = ctype.split('/')
    return [ctype, main, sub, (headers.get_param('charset') or 'utf-8').split(',')[0]]


def request():
    opener, url, headers, jar = opener_and_url()
    data = None
    if a.get('body_file'):
        try:
            headers['Content-Length'] = os.stat(a['body_file']).st_size
            data = open(a['body_file'], 'rb')
        except OSError:
            out.update(fatal='src', msg='Unable to open source file %s' % a['body_file'])
            return None
    elif a.get('body') is not None:
        data = base64.b64decode(a['body'])
    req = urllib.request.Request(url, data=data, method=a['method'])
    if a['http_agent']:
        req.add_header('User-agent', a['http_agent'])
    mod_file = a.get('if_modified_since')
    if a['force']:
        req.add_header('cache-control', 'no-cache')
    elif mod_file and os.path.isfile(mod_file):
        req.add_header('If-Modified-Since', email.utils.formatdate(os.path.getmtime(mod_file), usegmt=True))
    for name, value in list(a['headers'].items()) + list(headers.items()):
        req.add_header(name, value)
    try:
        r = opener.open(req, None, a['timeout'])
        pairs = {}
        for name, value in r.headers.items():
            name = name.lower()
            pairs[name] = pairs[name] + ', ' + value if name in pairs else value
        out['headers'] = list(pairs.items())
        out['cookies'] = [[c.name, c.value] for c in jar]
        out.update(msg='OK (%s bytes)' % r.headers.get('Content-Length', 'unknown'), url=r.geturl(), status=r.code)
        out['ctype'] = content_type(r.headers)
        name = os.path.basename(urllib.parse.urlparse(r.geturl())[2].rstrip('/')) or None
        out['filename'] = r.headers.get_param('filename', header='content-disposition') or (urllib.parse.unquote(name) if name else None)
        if a['decompress'] and r.headers.get('content-encoding', '').lower() == 'gzip':
            return gzip.GzipFile(fileobj=r)
        return r
    except (ValueError, http.client.InvalidURL) as e:
        out.update(fatal='url', msg=str(e))
    except urllib.error.HTTPError as e:
        body = b''
        try:
            if e.fp is not None:
                body = e.read()
                e.close()
        except Exception:
            pass
        try:
            out['headers'] = [[k.lower(), v] for k, v in e.info().items()]
            out['ctype'] = content_type(e.headers)
        except Exception:
            pass
        out.update(msg=str(e), status=e.code, http_error=True, error_body=base64.b64encode(body).decode('ascii'))
    except urllib.error.URLError as e:
        out.update(msg='Request failed: %s' % e, status=int(getattr(e, 'code', -1)))
    except socket.error as e:
        out.update(msg='Connection failure: %s' % e, status=-1)
    except http.client.BadStatusLine as e:
        out.update(msg='Connection failure: connection was closed before a valid response was received: %s' % e.line, status=-1)
    except Exception as e:
        out.update(msg='An unknown error occurred: %s' % e, status=-1)
    return None


def body_of(response):
    if response is not None:
        return response.read()
    return base64.b64decode(out.pop('error_body', ''))


def save(response, directory):
    digests = dict((n, hashlib.new(n)) for n in ['sha1', 'md5'] + [x for x in [a.get('digest')] if x in hashlib.algorithms_available])
    fd, path = tempfile.mkstemp(dir=directory)
    size = 0
    with os.fdopen(fd, 'wb') as f:
        chunks = iter(lambda: response.read(65536), b'') if response is not None else [body_of(None)]
        for chunk in chunks:
            f.write(chunk)
            size += len(chunk)
            for d in digests.values():
                d.update(chunk)
    out['saved'] = dict(path=path, size=size, digests=dict((n, d.hexdigest()) for n, d in digests.items()))
    return path


def text_of(body):
    charset = out.get('ctype', [None, None, None, 'utf-8'])[3]
    try:
        return body.decode(charset, 'surrogateescape')
    except LookupError:
        return body.decode('utf-8', 'surrogateescape')


start = datetime.datetime.utcnow()
response = request()
out['elapsed'] = (datetime.datetime.utcnow() - start).seconds
if not out.get('fatal'):
    if a.get('save_dir') is not None and (response is not None or out['status'] != -1):
        path = save(response, a['save_dir'])
        if a['want_text']:
            with open(path, 'rb') as f:
                out['text'] = text_of(f.read())
    elif a['want_text']:
        out['text'] = text_of(body_of(response))
    out.pop('error_body', None)
    if 'text' in out and a.get('parse_json'):
        sub = out.get('ctype', ['', '', ''])[2]
        if (sub.partition('+')[2] if '+' in sub else sub).lower() in ('json', 'javascript'):
            try:
                out['json'] = json.loads(out['text'])
            except Exception:
                pass
sys.stdout.write(json.dumps(out))
`;

export interface HttpRequest {
  url: string;
  method: string;
  headers: Record<string, string>;
  /** The body's bytes, or a file on the host sent as the body (uri's src with remote_src). */
  body?: Buffer;
  bodyFile?: string;
  user?: string;
  password?: string;
  forceBasicAuth: boolean;
  followRedirects: 'all' | 'no' | 'none' | 'safe' | 'urllib2' | 'yes';
  timeout: number;
  validateCerts: boolean;
  caPath?: string;
  useProxy: boolean;
  useNetrc: boolean;
  httpAgent: string;
  force: boolean;
  decompress: boolean;
  /** A host file whose mtime is sent as If-Modified-Since (when it is a regular file and force is off). */
  ifModifiedSince?: string;
  /** A host directory the body is written to (a new temporary file), digested on the way. */
  saveDir?: string;
  /** A digest computed besides sha1 and md5 while saving (get_url's checksum algorithm). */
  digest?: string;
  /** Return the body decoded with the response's charset, as uri's content. */
  wantText: boolean;
  /** Parse the body as JSON when the response's content type says JSON or JavaScript. */
  parseJson: boolean;
}

export interface HttpResponse {
  /** The final URL (after redirects) on success, else the URL requested. */
  url: string;
  /** -1 when no HTTP status came back. */
  status: number;
  msg: string;
  /** Lower-cased header names; repeated headers joined with ", " on success, as Ansible's fetch_url does. */
  headers: [string, string][];
  /** The status came with urllib's HTTPError (4xx, 5xx, a redirect not followed): Ansible keeps its body apart. */
  http_error?: boolean;
  /** Set on success only, as in Ansible. */
  cookies?: [string, string][];
  elapsed: number;
  /** The request could not be made at all (a bad URL, an unreadable src): Ansible fails at once. */
  fatal?: 'src' | 'url';
  /** content type, main type, sub type, charset. */
  ctype?: [string, string, string, string];
  /** The file name the response suggests (Content-Disposition, else the URL's last path part). */
  filename?: string | null;
  saved?: { path: string; size: number; digests: Record<string, string> };
  text?: string;
  json?: unknown;
}

/** The Python each task's module found on its host, so the result can report a discovery as Ansible's do. */
const pythons = new WeakMap<ModuleContext, Interpreter>();

/** The host's Python as Ansible would run the module with it (discovered once per host and user). */
export async function modulePython(ctx: ModuleContext, module: string): Promise<string> {
  const python = await hostPython(ctx, module);
  pythons.set(ctx, python);
  return interpreterCommand(python);
}

/**
 * The result with what running Python on the host tells the play, as for ansible-core's modules: the
 * interpreter discovery found (ansible_facts.discovered_interpreter_python) and discovery's warning.
 */
export function withDiscovery(ctx: ModuleContext, result: ModuleResult): ModuleResult {
  const python = pythons.get(ctx);
  if (!python?.discovered) return result;
  const warnings = [...(Array.isArray(result.warnings) ? result.warnings : []), ...python.warnings];
  return { ...result, ansible_facts: { discovered_interpreter_python: python.path }, ...(warnings.length ? { warnings } : {}) };
}

/** Makes the request from the host; throws NoPythonError when the host has no Python. */
export async function hostRequest(ctx: ModuleContext, module: string, req: HttpRequest): Promise<HttpResponse> {
  const python = await modulePython(ctx, module);
  const input = {
    url: req.url, method: req.method, headers: req.headers, body: req.body?.toString('base64'), body_file: req.bodyFile,
    user: req.user, password: req.password, force_basic_auth: req.forceBasicAuth, follow_redirects: req.followRedirects,
    timeout: req.timeout, validate_certs: req.validateCerts, ca_path: req.caPath, use_proxy: req.useProxy, use_netrc: req.useNetrc,
    http_agent: req.httpAgent, force: req.force, decompress: req.decompress, if_modified_since: req.ifModifiedSince,
    save_dir: req.saveDir, digest: req.digest, want_text: req.wantText, parse_json: req.parseJson,
  };
  const r = await ctx.probe.exec(`${python} -c ${shellQuote(SCRIPT)}`, { stdin: JSON.stringify(input) });
  if (r.rc !== 0) throw new HostRequestError(`the request could not be made on the host (rc ${r.rc}): ${(r.stderr || r.stdout).trim()}`);
  try {
    return JSON.parse(r.stdout) as HttpResponse;
  } catch {
    throw new HostRequestError(`the host's answer to the request is not JSON: ${r.stdout.slice(0, 200)}`);
  }
}

/** The request's script itself failed on the host; the module fails with this message. */
export class HostRequestError extends Error {}

export { NoPythonError };
