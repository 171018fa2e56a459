import { createHmac, randomBytes } from 'crypto';
import { dirname } from 'path';
import { defineModule, failed } from '../engine/module/define';
import { shellJoin, shellQuote } from '../engine/module/shell-quote';
import type { DiffEntry, ModuleContext, ModuleResult } from '../engine/module/types';
import { statKeys } from './_lib/file-attrs';
import { missingBinary, parseSections, probeSections } from './_lib/service/probe-script';
import { expandingWord } from './_lib/shlex';

interface Args {
  name: string;
  key?: string;
  path: string;
  hash_host: boolean;
  state: 'present' | 'absent';
}

/** A known_hosts line reduced to what decides whether two are the same key: marker, host field, type, key. */
interface HostKey {
  options?: string;
  host: string;
  type: string;
  key: string;
}

export function normalizeKey(line: string): HostKey {
  const k = line.trim().split(/\s+/);
  if (k[0].startsWith('@')) return { options: k[0], host: k[1], type: k[2], key: k[3] };
  return { host: k[0], type: k[1], key: k[2] };
}

function sameKey(a: HostKey, b: HostKey): boolean {
  return a.options === b.options && a.host === b.host && a.type === b.type && a.key === b.key;
}

/** The key line with its host field replaced by OpenSSH's hashed form of `host` (a fresh salt each time, as ssh-keygen -H). */
export function hashHostKey(host: string, key: string, salt = randomBytes(20)): string {
  const digest = createHmac('sha1', salt).update(host, 'utf8').digest();
  const parts = key.trim().split(/\s+/);
  parts[parts[0].startsWith('@') ? 1 : 0] = `|1|${salt.toString('base64')}|${digest.toString('base64')}`;
  return parts.join(' ');
}

export interface Search {
  found: boolean;
  replaceOrAdd: boolean;
  foundLine?: number;
}

/**
 * What `ssh-keygen -F host` printed about the file, against the wanted key: whether the host is there, whether
 * its key of that type differs (or is missing), and the line of the one to replace.
 */
export function searchOutput(stdout: string, key: string | undefined): Search | string {
  if (key === undefined) return { found: true, replaceOrAdd: false };
  const wanted = normalizeKey(key);
  let foundLine: number | undefined;
  for (const l of stdout.split('\n')) {
    if (l === '') continue;
    if (l.startsWith('#')) {
      const m = /found: line (\d+)/.exec(l);
      if (!m) return `failed to parse output of ssh-keygen for line number: '${l}'`;
      foundLine = Number(m[1]);
      continue;
    }
    const got = normalizeKey(l);
    // A hashed host stays hashed as it is in the file: the salt differs, not the host.
    if (wanted.host.startsWith('|1|') && got.host.startsWith('|1|')) wanted.host = got.host;
    if (sameKey(wanted, got)) return { found: true, replaceOrAdd: false, foundLine };
    if (wanted.type === got.type) return { found: true, replaceOrAdd: true, foundLine };
  }
  return { found: true, replaceOrAdd: true };
}

/** Python's str.splitlines(keepends=True) for the file's text. */
function linesKeepingEnds(text: string): string[] {
  return text.match(/[^\n\r]*(?:\r\n|\n|\r)|[^\n\r]+$/g) ?? [];
}

/** The file's text once the found line is dropped (replaced or removed) and the key added. */
export function edited(before: string, s: Search, state: Args['state'], key: string | undefined): string {
  const lines = linesKeepingEnds(before);
  if ((s.replaceOrAdd || state === 'absent') && s.foundLine !== undefined && s.foundLine >= 1 && s.foundLine <= lines.length) lines.splice(s.foundLine - 1, 1);
  if (state === 'present' && key !== undefined && (s.replaceOrAdd || s.foundLine === undefined)) lines.push(key);
  return lines.join('');
}

interface Probe {
  path: string;
  exists: boolean;
  text: string;
  attrs?: { mode: number; owner: string; group: string };
  dirExists: boolean;
  search: Search | string;
  /** ssh-keygen found no host in a file holding only the given key: the name does not match its host field. */
  mismatched: boolean;
}

/** Runs ssh-keygen -F the (at most) two ways Ansible does and reads the file, in one script. */
async function probe(ctx: ModuleContext, host: string, key: string | undefined, path: string): Promise<Probe | string> {
  const p = probeSections();
  const find = (file: string) => `ssh-keygen -F ${shellQuote(host)} -f ${file}`;
  const lines = [
    p.header,
    p.findBinaries(['ssh-keygen']),
    `tsible_p=${expandingWord(path)}`,
    `${p.section('path')}; printf '%s' "$tsible_p"`,
    'if command -v ssh-keygen >/dev/null 2>&1; then',
  ];
  if (key !== undefined) {
    lines.push(
      'tsible_t=$(mktemp) || exit 1',
      `printf '%s' ${shellQuote(key)} > "$tsible_t"`,
      `${p.section('sanity')}; ${find('"$tsible_t"')} 2>/dev/null; printf .`,
      'rm -f "$tsible_t"',
    );
  }
  lines.push(
    'if [ -e "$tsible_p" ]; then',
    `  { tsible_e=$(${find('"$tsible_p"')} 2>&1 >&3); tsible_rc=$?; } 3>&1`,
    `  ${p.section('search_rc')}; echo $tsible_rc; ${p.section('search_err')}; printf '%s' "$tsible_e"`,
    `  ${p.section('text')}; cat -- "$tsible_p" 2>/dev/null; printf .; ${p.section('stat')}; stat -c '%a %U %G' -- "$tsible_p"`,
    'fi',
    `[ -d "$(dirname -- "$tsible_p")" ] && { ${p.section('dir')}; echo yes; }`,
    'fi',
  );
  // The search's own output is the text before its rc section: read it from the sections in order.
  lines.splice(lines.indexOf('if [ -e "$tsible_p" ]; then') + 1, 0, `  ${p.section('search')}`);
  const s = parseSections((await ctx.probe.exec(lines.join('\n'))).stdout);
  const missing = missingBinary('ssh-keygen', s);
  if (missing) return missing;
  const exists = s.search_rc !== undefined;
  let search: Search | string = { found: false, replaceOrAdd: false };
  if (exists) {
    const [out, err, rc] = [s.search ?? '', s.search_err ?? '', Number(s.search_rc)];
    if (!(out === '' && err === '' && (rc === 0 || rc === 1))) {
      search = rc !== 0 ? `ssh-keygen failed (rc=${rc}, stdout='${out}',stderr='${err}')` : searchOutput(out, key);
    }
  }
  const [mode, owner, group] = (s.stat ?? '').split(' ');
  return {
    path: s.path ?? path,
    exists,
    text: exists ? (s.text ?? '.').slice(0, -1) : '',
    ...(s.stat && { attrs: { mode: parseInt(mode, 8), owner, group } }),
    dirExists: s.dir === 'yes',
    search,
    mismatched: key !== undefined && (s.sanity ?? '.') === '.',
  };
}

/** A result naming a `path` gets the file's stat (its `state` among them), as Ansible's exit_json adds it. */
async function withPathInfo(ctx: ModuleContext, result: ModuleResult & { path: string }): Promise<ModuleResult> {
  return { ...result, ...statKeys(await ctx.probe.stat(result.path, { follow: false })) };
}

export default defineModule<Args>({
  name: 'known_hosts',
  aliases: ['ansible.builtin.known_hosts', 'ansible.legacy.known_hosts'],
  supports: { checkMode: 'full', diff: true },
  argAliases: { name: ['host'] },
  docs: {
    short: 'Add or remove a host from the known_hosts file',
    description: 'Adds a host key line to a known_hosts file, replaces the key of the same type, or removes the host (ssh-keygen -R without key).',
    args: {
      name: 'The host (alias: host), as ssh-keygen -F looks it up: a name, [name]:port, or an address.',
      key: 'The known_hosts line: "<host> <type> <key>", optionally led by a @marker; the host field must match name.',
      path: 'The known_hosts file (default ~/.ssh/known_hosts).',
      hash_host: 'Write the host field hashed.',
      state: 'present or absent.',
    },
    returns: { diff: 'The file before and after (always returned, as Ansible does)' },
    examples: [{ title: 'Trust a host key', args: { name: 'git.example.com', key: 'git.example.com ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIOMqqnkVzrm0SdG6UOoqKLsabgH5C9okWi0dh2l9GKJl' } }],
  },
  schema: {
    type: 'object',
    properties: {
      name: { type: 'string' },
      key: { type: 'string', nullable: true },
      path: { type: 'string', default: '~/.ssh/known_hosts' },
      hash_host: { type: 'boolean', default: false },
      state: { type: 'string', enum: ['present', 'absent'], default: 'present' },
    },
    required: ['name'],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const host = args.name.toLowerCase();
    if (!args.key && args.state !== 'absent') return failed('No key specified when adding a host');
    let key = args.key || undefined;
    if (key !== undefined && args.hash_host) key = hashHostKey(host, key);
    if (key !== undefined && !key.endsWith('\n')) key += '\n';
    if (key !== undefined && /\S+(\s+)?,(\s+)?/.test(host)) {
      return failed('Comma separated list of names is not supported. Please pass a single name to lookup in the known_hosts file.');
    }
    const found = await probe(ctx, host, key, args.path);
    if (typeof found === 'string') return failed(found);
    if (found.mismatched) return failed('Host parameter does not match hashed host field in supplied key');
    if (typeof found.search === 'string') return failed(found.search);
    const s = found.search;
    const after = edited(found.text, s, args.state, key);
    const diff: DiffEntry = { before_header: found.exists ? found.path : '/dev/null', after_header: found.path, before: found.text, after };
    const params = { name: args.name, key: args.key ?? null, path: found.path, hash_host: args.hash_host, state: args.state };
    if (args.state === 'absent' && s.foundLine === undefined && key !== undefined) return withPathInfo(ctx, { ...params, diff, changed: false });
    const present = args.state === 'present';
    if (ctx.check) return { changed: s.replaceOrAdd || present !== s.found, diff };
    if (s.found && key === undefined && args.state === 'absent') {
      // ssh-keygen rewrites the file itself; Ansible's own rewrite after it leaves the text as it is.
      const cmd = shellJoin(['ssh-keygen', '-R', host, '-f', found.path]);
      const r = await ctx.apply.exec(cmd);
      if (r.rc !== 0) return failed(r.stderr.trim() || r.stdout.trim(), { cmd, rc: r.rc, stdout: r.stdout, stderr: r.stderr });
      return withPathInfo(ctx, { ...params, diff, changed: true });
    }
    let isChanged = false;
    if (s.replaceOrAdd || s.found !== present) {
      if (!found.dirExists) return failed(`Failed to write to file ${found.path}: [Errno 2] No such file or directory: '${dirname(found.path)}'`);
      // A new file gets what Ansible's atomic move gives it: 0666 under the usual umask of 022.
      await ctx.apply.writeFile(found.path, edited(found.text, s, args.state, key), found.attrs ?? { mode: 0o644 });
      isChanged = true;
    }
    return withPathInfo(ctx, { ...params, diff, changed: isChanged });
  },
});
