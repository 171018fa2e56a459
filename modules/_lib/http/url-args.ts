import type { FileStat } from '../../../engine/connection/connection';
import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext } from '../../../engine/module/types';
import { failed } from '../../../engine/module/define';
import { AttrArgs, applyCommands, planAttrs, planFlags } from '../file-attrs';
import { optionalString } from '../schema-parts';
import type { HttpRequest } from './request';

/** The arguments every Ansible URL module takes (ansible-core's url_argument_spec). */
export interface UrlArgs {
  url: string;
  force: boolean;
  http_agent: string;
  use_proxy: boolean;
  validate_certs: boolean;
  url_username?: string;
  url_password?: string;
  force_basic_auth: boolean;
  client_cert?: string;
  client_key?: string;
  use_gssapi: boolean;
  timeout: number;
  headers?: Record<string, unknown> | null;
  unredirected_headers: string[];
  decompress: boolean;
  ciphers?: string[] | null;
  use_netrc: boolean;
}

export const urlSchemas = {
  url: { type: 'string' },
  force: { type: 'boolean', default: false },
  http_agent: { type: 'string', default: 'ansible-httpget' },
  use_proxy: { type: 'boolean', default: true },
  validate_certs: { type: 'boolean', default: true },
  url_username: optionalString,
  url_password: optionalString,
  force_basic_auth: { type: 'boolean', default: false },
  client_cert: optionalString,
  client_key: optionalString,
  use_gssapi: { type: 'boolean', default: false },
  headers: { type: 'object', nullable: true, required: [] },
  unredirected_headers: { type: 'array', items: { type: 'string' }, default: [] as string[] },
  decompress: { type: 'boolean', default: true },
  ciphers: { type: 'array', items: { type: 'string' }, nullable: true },
  use_netrc: { type: 'boolean', default: true },
} as const;

export const urlDocs = {
  url: 'HTTP, HTTPS or FTP URL, requested from the managed host.',
  force: "Send 'Cache-Control: no-cache' instead of If-Modified-Since.",
  http_agent: 'User-Agent header.',
  use_proxy: 'Use the proxies of the host environment (http_proxy…); no ignores them.',
  validate_certs: 'Check the server certificate of an HTTPS URL.',
  url_username: 'User name for basic (or digest) authentication; the URL may carry it too (user:pass@host).',
  url_password: 'Password for authentication.',
  force_basic_auth: 'Send the Authorization header with the first request instead of waiting for a 401.',
  client_cert: 'Client certificate for TLS. Not supported by tsible: a task setting it fails.',
  client_key: 'Client key for TLS. Not supported by tsible: a task setting it fails.',
  use_gssapi: 'GSSAPI (Kerberos) authentication. Not supported by tsible: a task setting it fails.',
  headers: 'Request headers, as a mapping.',
  unredirected_headers: 'Headers not sent again after a redirect. Not supported by tsible: a task setting it fails.',
  decompress: 'Decompress a gzip Content-Encoding.',
  ciphers: 'TLS ciphers to allow. Not supported by tsible: a task setting it fails.',
  use_netrc: 'Take credentials from ~/.netrc on the host (or $NETRC) when none are given.',
};

/** Arguments tsible's native URL modules do not implement: set, the task fails instead of ignoring them. */
export function unsupportedUrlArgs(module: string, args: UrlArgs & { unix_socket?: string | null }): ReturnType<typeof failed> | undefined {
  const set = [
    args.client_cert && 'client_cert', args.client_key && 'client_key', args.use_gssapi && 'use_gssapi',
    args.unredirected_headers.length > 0 && 'unredirected_headers', args.ciphers && 'ciphers', args.unix_socket && 'unix_socket',
  ].filter((x): x is string => typeof x === 'string');
  if (set.length === 0) return undefined;
  return failed(`unsupported by tsible's native ${module} module: ${set.join(', ')}; run this task with ansible-playbook`);
}

/** The request fields common to both modules. */
export function requestBase(args: UrlArgs): Omit<HttpRequest, 'method' | 'followRedirects' | 'wantText' | 'parseJson'> {
  return {
    url: args.url, headers: (args.headers ?? {}) as Record<string, string>, user: args.url_username ?? undefined, password: args.url_password ?? undefined,
    forceBasicAuth: args.force_basic_auth, timeout: args.timeout, validateCerts: args.validate_certs, useProxy: args.use_proxy,
    useNetrc: args.use_netrc, httpAgent: args.http_agent, force: args.force, decompress: args.decompress,
  };
}

/**
 * Replaces `dest` with the downloaded file `tmp` (a file elsewhere on the host): copied beside dest and
 * renamed over it, so dest is never half-written. As Ansible's atomic_move, a replaced file keeps its
 * mode and owner, a new one gets 0666 less the umask instead of the temporary file's 0600.
 */
export async function installFile(ctx: ModuleContext, tmp: string, dest: string): Promise<void> {
  const [t, d] = [shellQuote(tmp), shellQuote(dest)];
  const dir = shellQuote(dest.includes('/') ? dest.slice(0, dest.lastIndexOf('/')) || '/' : '.');
  await applyCommands(ctx, [
    `n=$(mktemp ${dir}/.tsible_tmpXXXXXXXX)`,
    `{ cat ${t} > "$n" && if [ -e ${d} ]; then chmod --reference=${d} "$n" && { chown --reference=${d} "$n" 2>/dev/null || true; }; ` +
      `else chmod "$(printf '%o' $(( 0666 & ~0$(umask) )))" "$n"; fi && mv -f "$n" ${d} || { rm -f "$n"; false; }; }`,
    `rm -f ${t}`,
  ]);
}

/** Gives `dest` the mode/owner/group/attributes asked for; true when something had to change. */
export async function applyAttrs(ctx: ModuleContext, dest: string, st: FileStat, want: AttrArgs): Promise<boolean> {
  const plan = planAttrs(dest, st, want);
  await planFlags(ctx, dest, want.attributes, plan);
  await applyCommands(ctx, plan.commands);
  return plan.commands.length > 0;
}

/** How Python prints a list of ints (`[200, 201]`), for Ansible's status messages. */
export function pyIntList(list: number[]): string {
  return `[${list.join(', ')}]`;
}
