import { defineModule, failed } from '../engine/module/define';
import { shellQuote } from '../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../engine/module/types';
import { backupCommand, backupName } from './_lib/backup';
import { AttrArgs, applyCommands, HostCommandError, statKeys } from './_lib/file-attrs';
import { urlFilename } from './_lib/http/form';
import { HostRequestError, hostRequest, HttpResponse, modulePython, NoPythonError, withDiscovery } from './_lib/http/request';
import { applyAttrs, installFile, requestBase, UrlArgs, unsupportedUrlArgs, urlDocs, urlSchemas } from './_lib/http/url-args';
import { expandHome } from './_lib/home-path';
import { attrDocs, attrSchemas, IgnoredFileArgs, ignoredFileDocs, ignoredFileSchemas, optionalString } from './_lib/schema-parts';

interface Args extends UrlArgs, AttrArgs, IgnoredFileArgs {
  dest: string;
  backup: boolean;
  checksum: string;
  tmp_dest?: string;
}

/** The digests ansible-core 2.14's get_url can check (its fixed fallback list: hashlib has no `algorithms` on Python 3). */
const ALGORITHMS = ['md5', 'sha1', 'sha224', 'sha256', 'sha384', 'sha512'];

/** A result ends as Ansible's exit_json ends one with `dest`: with the file state of that path when it exists. */
async function withDestState(ctx: ModuleContext, result: ModuleResult): Promise<ModuleResult> {
  if (typeof result.dest !== 'string') return result;
  const st = await ctx.probe.stat(result.dest, { follow: false });
  return st.exists ? { ...result, ...statKeys(st) } : result;
}

function hashError(path: string, algorithm: string): string {
  return `Could not hash file '${path}' with algorithm '${algorithm}'. Available algorithms: ${ALGORITHMS.join(', ')}`;
}

/** A host file's digest with `algorithm` (null when it is not a readable file). */
async function hostDigest(ctx: ModuleContext, path: string, algorithm: string): Promise<string | null> {
  const python = await modulePython(ctx, 'get_url');
  const script = 'import hashlib,sys\ntry:\n h=hashlib.new(sys.argv[2]); f=open(sys.argv[1],"rb")\nexcept Exception: sys.exit(0)\nfor c in iter(lambda: f.read(65536), b""): h.update(c)\nprint(h.hexdigest())';
  const r = await ctx.probe.exec(`${python} -c ${shellQuote(script)} ${shellQuote(path)} ${shellQuote(algorithm)}`);
  return r.stdout.trim() || null;
}

type Fetched = { res: HttpResponse } | { result: ModuleResult };

/** get_url's url_get: the request, with its early endings (304, no answer, a status other than 200). */
async function urlGet(ctx: ModuleContext, args: Args, url: string, method: string, opts: { save: boolean; digest?: string }): Promise<Fetched> {
  let saveDir: string | undefined;
  if (opts.save) {
    if (args.tmp_dest) {
      const st = await ctx.probe.stat(args.tmp_dest, { follow: true });
      if (st.type !== 'directory') return { result: failed(st.exists ? `${args.tmp_dest} is a file but should be a directory.` : `${args.tmp_dest} directory does not exist.`, { elapsed: 0 }) };
      saveDir = args.tmp_dest;
    } else saveDir = await ctx.tmpDir();
  }
  const res = await hostRequest(ctx, 'get_url', {
    ...requestBase(args), url, method, followRedirects: 'urllib2', ifModifiedSince: args.dest, saveDir, digest: opts.digest,
    wantText: !opts.save, parseJson: false,
  });
  const base = { url, dest: args.dest, elapsed: res.elapsed };
  if (res.status === 304) return { result: { ...base, changed: false, msg: res.msg, status_code: 304 } };
  if (res.status === -1) return { result: failed(res.msg, base) };
  if (res.status !== 200 && !url.startsWith('file:/') && !(url.startsWith('ftp:/') && res.msg.startsWith('OK'))) {
    return { result: failed('Request failed', { status_code: res.status, response: res.msg, ...base }) };
  }
  return { res };
}

/** The checksum a checksum URL lists for the file `url` names (a bare checksum when the file holds only that). */
function checksumFromList(text: string, url: string): string | undefined {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const filename = urlFilename(url);
  if (lines.length === 1 && lines[0].trim().split(/\s+/).length === 1) return lines[0].trim() ? lines[0] : undefined;
  for (const line of lines) {
    const at = line.indexOf(' ');
    if (at < 0) continue;
    let name = line.slice(at + 1);
    if (name.startsWith(' ') || name.startsWith('*')) name = name.slice(1);
    if (name.replace(/^[./]+/, '') === filename) return line.slice(0, at);
  }
  return undefined;
}

/** The expected digest: `algorithm:hex`, or `algorithm:URL` of a checksum list. */
async function expectedChecksum(ctx: ModuleContext, args: Args): Promise<{ algorithm: string; hex: string } | { result: ModuleResult } | undefined> {
  if (!args.checksum) return undefined;
  const keys = { changed: false, checksum_dest: null, checksum_src: null, dest: args.dest, elapsed: 0, url: args.url };
  const at = args.checksum.indexOf(':');
  if (at < 0) return { result: failed('The checksum parameter has to be in format <algorithm>:<checksum>', keys) };
  const algorithm = args.checksum.slice(0, at);
  let hex: string | undefined = args.checksum.slice(at + 1);
  if (/^(https?|ftp|file):/i.test(hex)) {
    const listUrl = hex;
    const fetched = await urlGet(ctx, args, listUrl, 'GET', { save: false });
    if ('result' in fetched) return fetched;
    hex = checksumFromList(fetched.res.text ?? '', args.url);
    if (hex === undefined) return { result: failed(`Unable to find a checksum for file '${urlFilename(args.url)}' in '${listUrl}'`) };
  }
  hex = hex.replace(/\W+/g, '').toLowerCase();
  if (!/^[0-9a-f]+$/.test(hex)) return { result: failed('The checksum format is invalid', keys) };
  return { algorithm, hex };
}

/** The name a download into a directory gets: Content-Disposition's attachment filename, else the URL's. */
function nameInDir(res: HttpResponse): string {
  const disposition = res.headers.find(([n]) => n === 'content-disposition')?.[1];
  const m = disposition === undefined ? null : /^attachment; ?filename="?([^"]+)/.exec(disposition);
  return m ? m[1].slice(m[1].lastIndexOf('/') + 1) : urlFilename(res.url);
}

async function getUrl(ctx: ModuleContext, args: Args): Promise<ModuleResult> {
  const unsupported = unsupportedUrlArgs('get_url', args);
  if (unsupported) return unsupported;
  const expected = await expectedChecksum(ctx, args);
  if (expected && 'result' in expected) return withDestState(ctx, expected.result);
  const result: ModuleResult = { changed: false, checksum_dest: null, checksum_src: null, dest: args.dest, elapsed: 0, url: args.url };
  const destStat = await ctx.probe.stat(args.dest, { follow: true });
  const destIsDir = destStat.type === 'directory';
  let force = args.force;
  if (!destIsDir && destStat.exists && !force && expected) {
    if (!ALGORITHMS.includes(expected.algorithm)) return failed(hashError(args.dest, expected.algorithm));
    if ((await hostDigest(ctx, args.dest, expected.algorithm)) === expected.hex) {
      const attrsChanged = await applyAttrs(ctx, args.dest, await ctx.probe.stat(args.dest, { follow: false }), args);
      return withDestState(ctx, { ...result, changed: attrsChanged, msg: attrsChanged ? 'file already exists but file attributes changed' : 'file already exists' });
    }
    force = true;
  }
  const digest = expected && ALGORITHMS.includes(expected.algorithm) ? expected.algorithm : undefined;
  const fetched = await urlGet(ctx, { ...args, force }, args.url, ctx.check ? 'HEAD' : 'GET', { save: true, digest });
  if ('result' in fetched) return withDestState(ctx, fetched.result);
  const { res } = fetched;
  const saved = res.saved as NonNullable<HttpResponse['saved']>;
  result.elapsed = res.elapsed;
  result.src = saved.path;
  const dest = destIsDir ? `${args.dest.replace(/\/$/, '')}/${nameInDir(res)}` : args.dest;
  result.dest = dest;
  result.checksum_src = saved.digests.sha1;
  const st = destIsDir ? await ctx.probe.stat(dest, { checksum: true, follow: true }) : await ctx.probe.stat(dest, { checksum: true, follow: true });
  if (st.exists) result.checksum_dest = st.checksum ?? null;
  else {
    const parent = dest.slice(0, dest.lastIndexOf('/')) || '/';
    if (!(await ctx.probe.stat(parent, { follow: true })).exists) return withDestState(ctx, failed(`Destination ${parent} does not exist`, result));
  }
  if (ctx.check) {
    await ctx.probe.exec(`rm -f ${shellQuote(saved.path)}`);
    return withDestState(ctx, { ...result, changed: result.checksum_src !== result.checksum_dest, msg: res.msg });
  }
  let backupFile: string | undefined;
  if (result.checksum_src !== result.checksum_dest) {
    if (args.backup && st.exists) {
      backupFile = backupName(dest);
      await applyCommands(ctx, [backupCommand(dest, backupFile)]);
    }
    await installFile(ctx, saved.path, dest);
    result.changed = true;
  } else await applyCommands(ctx, [`rm -f ${shellQuote(saved.path)}`]);
  if (expected) {
    if (!digest) return failed(hashError(dest, expected.algorithm));
    if (saved.digests[digest] !== expected.hex) {
      await applyCommands(ctx, [`rm -f ${shellQuote(dest)}`]);
      return withDestState(ctx, failed(`The checksum for ${dest} did not match ${expected.hex}; it was ${saved.digests[digest]}.`, result));
    }
  }
  if (await applyAttrs(ctx, dest, await ctx.probe.stat(dest, { follow: false }), args)) result.changed = true;
  result.md5sum = saved.digests.md5;
  if (backupFile) result.backup_file = backupFile;
  return withDestState(ctx, { ...result, msg: res.msg, status_code: res.status });
}

export default defineModule<Args>({
  name: 'get_url',
  aliases: ['ansible.builtin.get_url', 'ansible.legacy.get_url'],
  supports: { checkMode: 'full', diff: false },
  argAliases: { url_username: ['username'], url_password: ['password'] },
  noLogArgs: ['url_password'],
  docs: {
    short: 'Downloads files from HTTP, HTTPS, or FTP to node',
    description:
      'Downloads a URL from the managed host (with its Python, as Ansible does) into dest, replacing it atomically when the content differs. ' +
      'With a checksum and force off, an existing dest with that checksum is kept without any request. In check mode only a HEAD request is made.',
    args: {
      ...urlDocs,
      timeout: 'Socket timeout in seconds.',
      dest: 'Host path to write; a directory gets the name from Content-Disposition or the URL.',
      backup: 'Keep a timestamped copy of the file being replaced.',
      checksum: "'algorithm:hex' (sha256:…), or 'algorithm:URL' of a checksum list; the download must match it.",
      tmp_dest: 'Host directory the download is written to first.',
      ...attrDocs,
      ...ignoredFileDocs,
    },
    returns: {
      dest: 'The file written', checksum_src: 'sha1 of the download', checksum_dest: 'sha1 of dest before', md5sum: 'md5 of dest',
      status_code: 'HTTP status', msg: "'OK (N bytes)' or the error", elapsed: 'Seconds taken', backup_file: 'Path of the backup, when one was made',
    },
    examples: [
      { title: 'Download a release, checked', args: { url: 'https://example.com/app.tar.gz', dest: '/opt/app.tar.gz', checksum: 'sha256:0123abcd', mode: '0644' } },
      { title: 'Into a directory', args: { url: 'http://localhost:8080/files/conf.txt', dest: '/etc/app/' } },
    ],
  },
  schema: {
    type: 'object',
    properties: {
      ...urlSchemas,
      timeout: { type: 'integer', default: 10 },
      dest: { type: 'string' },
      backup: { type: 'boolean', default: false },
      checksum: { type: 'string', default: '' },
      tmp_dest: optionalString,
      ...attrSchemas,
      ...ignoredFileSchemas,
    },
    required: ['url', 'dest'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    try {
      return withDiscovery(ctx, await getUrl(ctx, { ...args, dest: await expandHome(ctx, args.dest), tmp_dest: args.tmp_dest ? await expandHome(ctx, args.tmp_dest) : undefined }));
    } catch (e) {
      if (e instanceof HostRequestError || e instanceof NoPythonError || e instanceof HostCommandError) return failed(e.message);
      throw e;
    }
  },
});
