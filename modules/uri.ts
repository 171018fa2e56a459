import { ControllerFileNotFound } from '../engine/module/controller';
import { defineModule, failed } from '../engine/module/define';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { applyAttrs, installFile, pyIntList, requestBase, UrlArgs, unsupportedUrlArgs, urlDocs, urlSchemas } from './_lib/http/url-args';
import { absoluteLocation, formUrlencoded } from './_lib/http/form';
import { HostRequestError, hostRequest, HttpRequest, HttpResponse, NoPythonError, withDiscovery } from './_lib/http/request';
import { AttrArgs, HostCommandError, statKeys } from './_lib/file-attrs';
import { expandHome } from './_lib/home-path';
import { pyDumps } from './_lib/py-dumps';
import { anyValue, attrDocs, attrSchemas, IgnoredFileArgs, ignoredFileDocs, ignoredFileSchemas, optionalString } from './_lib/schema-parts';

const FOLLOW = ['all', 'no', 'none', 'safe', 'urllib2', 'yes'] as const;
type Follow = (typeof FOLLOW)[number];

interface Args extends UrlArgs, AttrArgs, IgnoredFileArgs {
  dest?: string;
  body?: unknown;
  body_format: string;
  src?: string;
  method: string;
  return_content: boolean;
  follow_redirects: string;
  creates?: string;
  removes?: string;
  status_code: number[];
  unix_socket?: string;
  remote_src: boolean;
  ca_path?: string;
}

/** follow_redirects as Ansible reads it: a YAML boolean stands for yes/no. */
function followMode(value: string): Follow | undefined {
  const word = value.toLowerCase();
  if (word === 'true') return 'yes';
  if (word === 'false') return 'no';
  return (FOLLOW as readonly string[]).includes(value) ? (value as Follow) : undefined;
}

/** The body to send and the Content-Type it implies (unless the task's headers name one). */
function encodeBody(args: Args): { body?: Buffer; contentType?: string } | string {
  const format = args.body_format.toLowerCase();
  const body = args.body;
  if (format === 'json') return { body: Buffer.from(typeof body === 'string' ? body : pyDumps(body)), contentType: 'application/json' };
  if (format === 'form-urlencoded') {
    try {
      return { body: body === undefined || body === null ? undefined : Buffer.from(formUrlencoded(body)), contentType: 'application/x-www-form-urlencoded' };
    } catch (e) {
      return `failed to parse body as form_urlencoded: ${(e as Error).message}`;
    }
  }
  if (body === undefined || body === null) return {};
  return { body: Buffer.from(typeof body === 'string' ? body : typeof body === 'object' ? pyDumps(body) : String(body)) };
}

/** The response as uri reports it: headers as keys (lower case, `-` → `_`), redirected, status, msg… */
function responseKeys(args: Args, res: HttpResponse): Record<string, unknown> {
  const info: Record<string, unknown> = { url: args.url, status: -1 };
  for (const [name, value] of res.headers) info[name] = value;
  if (res.cookies) {
    info.cookies_string = res.cookies.map(([n, v]) => `${n}=${v}`).join('; ');
    info.cookies = Object.fromEntries(res.cookies);
  }
  Object.assign(info, { msg: res.msg, url: res.url, status: res.status });
  const out: Record<string, unknown> = { redirected: res.url !== args.url };
  for (const [key, value] of Object.entries(info)) out[key.replace(/-/g, '_').toLowerCase()] = value;
  if (typeof out.location === 'string') out.location = absoluteLocation(args.url, out.location);
  out.elapsed = res.elapsed;
  if (res.json !== undefined) out.json = res.json;
  return out;
}

async function sourceBody(ctx: ModuleContext, args: Args): Promise<Pick<HttpRequest, 'body' | 'bodyFile'> | string> {
  if (args.src === undefined) return {};
  if (args.remote_src) return { bodyFile: args.src };
  const path = await ctx.controller.findFile(args.src, 'files');
  const data = await ctx.controller.readFile(path);
  return data ? { body: data } : `Could not find or access '${args.src}' on the Ansible Controller.`;
}

/** Writes the saved body to dest (when its content differs) and applies the file attributes. */
async function writeDest(ctx: ModuleContext, args: Args, dest: string, res: HttpResponse): Promise<void> {
  const saved = res.saved as NonNullable<HttpResponse['saved']>;
  const before = await ctx.probe.stat(dest, { checksum: true, follow: true });
  if (before.checksum !== saved.digests.sha1) await installFile(ctx, saved.path, dest);
  await applyAttrs(ctx, dest, await ctx.probe.stat(dest, { follow: false }), args);
}

async function uri(ctx: ModuleContext, args: Args): Promise<ModuleResult> {
  const unsupported = unsupportedUrlArgs('uri', args);
  if (unsupported) return unsupported;
  if (args.body_format === 'form-multipart') return failed("unsupported by tsible's native uri module: body_format form-multipart; run this task with ansible-playbook");
  const follow = followMode(args.follow_redirects);
  if (!follow) return failed(`value of follow_redirects must be one of: ${FOLLOW.join(', ')}, got: ${args.follow_redirects}`);
  const method = args.method.toUpperCase();
  if (!/^[A-Z]+$/.test(method)) return failed("Parameter 'method' needs to be a single word in uppercase, like GET or POST.");
  const encoded = encodeBody(args);
  if (typeof encoded === 'string') return failed(encoded, { elapsed: 0 });
  const headers = { ...(args.headers ?? {}) } as Record<string, string>;
  if (encoded.contentType && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['Content-Type'] = encoded.contentType;
  if (args.creates !== undefined && (await ctx.probe.stat(args.creates)).exists) return { changed: false, stdout: `skipped, since '${args.creates}' exists` };
  if (args.removes !== undefined && !(await ctx.probe.stat(args.removes)).exists) return { changed: false, stdout: `skipped, since '${args.removes}' does not exist` };
  const source = await sourceBody(ctx, args);
  if (typeof source === 'string') return failed(source);

  const destStat = args.dest === undefined ? undefined : await ctx.probe.stat(args.dest, { follow: true });
  const res = await hostRequest(ctx, 'uri', {
    ...requestBase(args), headers, method, followRedirects: follow, caPath: args.ca_path, body: encoded.body, ...source,
    ifModifiedSince: args.dest, saveDir: args.dest === undefined ? undefined : await ctx.tmpDir(),
    wantText: true, parseJson: true,
  });
  if (res.fatal) return failed(res.msg, res.fatal === 'src' ? { elapsed: 0 } : { url: res.url, status: -1 });
  const out: Record<string, unknown> = { ...responseKeys(args, res), changed: false };
  // Ansible keeps the body only when it is JSON, asked for, or explains a failure.
  const ctype = res.ctype?.[2] ?? 'octet-stream';
  const maybeJson = ['json', 'javascript'].includes((ctype.includes('+') ? ctype.slice(ctype.indexOf('+') + 1) : ctype).toLowerCase());
  const content = maybeJson || args.return_content || !args.status_code.includes(res.status) ? res.text : undefined;
  if (content === undefined) delete out.json;
  // An error response's body stays in the result under `body` when uri did not read it as content.
  if (content === undefined && res.http_error) out.body = res.text ?? '';
  const hasResponse = res.status !== -1;
  if (hasResponse && args.dest !== undefined) {
    const dest = destStat?.type === 'directory' ? `${args.dest.replace(/\/$/, '')}/${res.filename || 'index.html'}` : args.dest;
    if (args.status_code.includes(res.status) && res.status !== 304) {
      await writeDest(ctx, args, dest, res);
      out.changed = true;
    }
    out.path = dest;
    Object.assign(out, statKeys(await ctx.probe.stat(dest, { follow: false })));
  }
  if (!args.status_code.includes(res.status)) {
    out.msg = `Status code was ${res.status} and not ${pyIntList(args.status_code)}: ${String(out.msg ?? '')}`;
    return failed(out.msg as string, { ...out, ...(args.return_content ? { content: content ?? null } : {}) });
  }
  return (args.return_content ? { ...out, content: content ?? null } : out) as ModuleResult;
}

export default defineModule<Args>({
  name: 'uri',
  aliases: ['ansible.builtin.uri', 'ansible.legacy.uri'],
  supports: { checkMode: 'none', diff: false },
  argAliases: { url_username: ['user'], url_password: ['password'] },
  mutuallyExclusive: [['body', 'src']],
  noLogArgs: ['url_password'],
  docs: {
    short: 'Interacts with web services',
    description:
      'Makes an HTTP(S) request from the managed host, as Ansible does (with the host\'s Python), and returns the status, the headers ' +
      '(as keys), cookies, and the body when asked (or when it is JSON, as `json`). Fails unless the status is one of status_code.',
    args: {
      ...urlDocs,
      timeout: 'Socket timeout in seconds.',
      dest: 'Write the body to this host path (a directory gets the name the response suggests); If-Modified-Since is sent when it exists.',
      body: 'Request body: text, or data encoded as body_format says.',
      body_format: 'raw (as given), json (data serialized, Content-Type application/json), form-urlencoded. form-multipart is not supported by tsible.',
      src: 'File whose content is the body: on the controller, or on the host with remote_src.',
      method: 'HTTP method, one upper-case word.',
      return_content: 'Return the body as `content` (a JSON body is always parsed into `json`).',
      follow_redirects: 'safe (GET and HEAD only), all/yes, none/no, urllib2 (Python\'s own rules).',
      creates: 'Skip the request when this host path exists.',
      removes: 'Skip the request unless this host path exists.',
      status_code: 'Statuses that mean success.',
      unix_socket: 'Unix socket to connect through. Not supported by tsible: a task setting it fails.',
      remote_src: 'src is a path on the host.',
      ca_path: 'CA certificate file on the host to validate the server with.',
      ...attrDocs,
      ...ignoredFileDocs,
    },
    returns: {
      status: 'HTTP status, -1 when none came back', url: 'The final URL', msg: "'OK (N bytes)' or the error", redirected: 'A redirect was followed',
      content: 'The body (return_content)', json: 'The body parsed, when it is JSON', cookies: 'Cookies set, by name', elapsed: 'Seconds taken',
    },
    examples: [
      { title: 'Check a page answers 200', args: { url: 'http://localhost:8080/health' } },
      { title: 'Post JSON and accept 201', args: { url: 'http://localhost:8080/api/items', method: 'POST', body_format: 'json', body: { name: 'x' }, status_code: [200, 201] } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      ...urlSchemas,
      timeout: { type: 'integer', default: 30 },
      dest: optionalString,
      body: anyValue,
      body_format: { type: 'string', enum: ['form-urlencoded', 'json', 'raw', 'form-multipart'], default: 'raw' },
      src: optionalString,
      method: { type: 'string', default: 'GET' },
      return_content: { type: 'boolean', default: false },
      follow_redirects: { type: 'string', default: 'safe' },
      creates: optionalString,
      removes: optionalString,
      status_code: { type: 'array', items: { type: 'integer' }, default: [200] },
      unix_socket: optionalString,
      remote_src: { type: 'boolean', default: false },
      ca_path: optionalString,
      ...attrSchemas,
      ...ignoredFileSchemas,
    },
    required: ['url'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    try {
      const expand = (p?: string) => (p === undefined ? undefined : expandHome(ctx, p));
      return withDiscovery(ctx, await uri(ctx, { ...args, dest: await expand(args.dest), creates: await expand(args.creates), removes: await expand(args.removes) }));
    } catch (e) {
      if (e instanceof HostRequestError || e instanceof NoPythonError || e instanceof HostCommandError || e instanceof ControllerFileNotFound) return failed(e.message);
      throw e;
    }
  },
});
