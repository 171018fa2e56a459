import { defineModule, failed, ok } from '../engine/module/define';
import { shellJoin } from '../engine/module/shell-quote';
import type { ModuleContext } from '../engine/module/types';
import { pyRegex } from './_lib/py-regex';
import { optionalString } from './_lib/schema-parts';

interface Args {
  host: string;
  port?: number;
  path?: string;
  state: 'started' | 'stopped' | 'present' | 'absent' | 'drained';
  timeout: number;
  delay: number;
  sleep: number;
  connect_timeout: number;
  search_regex?: string;
  msg?: string;
}

/** One check on the host: is the port open / the file there (with its content when a regex is wanted)? */
async function probeOnce(ctx: ModuleContext, args: Args): Promise<{ present: boolean; content?: string }> {
  if (args.path !== undefined) {
    if (args.search_regex === undefined) return { present: (await ctx.probe.stat(args.path, { follow: true })).exists };
    const data = await ctx.probe.readFile(args.path);
    return { present: data !== null, content: data?.toString('utf8') };
  }
  // Host and port reach bash as arguments, never as script text: a host holding $(…) is only a name.
  const connect = shellJoin(['bash', '-c', 'exec 3<>"/dev/tcp/$1/$2"', 'wait_for', args.host, String(args.port)]);
  const r = await ctx.probe.exec(`timeout ${args.connect_timeout} ${connect} 2>/dev/null`);
  return { present: r.rc === 0 };
}

function satisfied(args: Args, seen: { present: boolean; content?: string }): RegExpExecArray | boolean {
  const wantPresent = args.state === 'started' || args.state === 'present';
  if (!wantPresent) return !seen.present;
  if (!seen.present) return false;
  if (args.search_regex === undefined) return true;
  return pyRegex(args.search_regex, 'm').exec(seen.content ?? '') ?? false;
}

function timeoutMessage(args: Args): string {
  if (args.msg) return args.msg;
  if (args.path !== undefined) {
    const what = args.search_regex ? `search string ${args.search_regex} in ${args.path}` : `file ${args.path}`;
    return args.state === 'absent' ? `Timeout when waiting for ${args.path} to be absent.` : `Timeout when waiting for ${what}`;
  }
  return args.state === 'stopped' ? `Timeout when waiting for ${args.host}:${args.port} to stop.` : `Timeout when waiting for ${args.host}:${args.port}`;
}

export default defineModule<Args>({
  name: 'wait_for',
  aliases: ['ansible.builtin.wait_for', 'ansible.legacy.wait_for'],
  supports: { checkMode: 'full', diff: false },
  mutuallyExclusive: [['port', 'path']],
  docs: {
    short: 'Waits for a condition before continuing',
    description: 'Polls, from the host, until a TCP port accepts connections (or stops), or a file appears (optionally containing a regexp) or goes away.',
    args: {
      host: 'Host to connect to for port checks, as seen from the managed host.', port: 'TCP port to check.', path: 'File to check.',
      state: 'started/present (wait to appear), stopped/absent (wait to go away).', timeout: 'Seconds before failing.', delay: 'Seconds to wait before the first check.',
      sleep: 'Seconds between checks.', connect_timeout: 'Seconds per connection attempt.', search_regex: 'Regexp the file content must match.', msg: 'Message on timeout.',
    },
    examples: [{ title: 'Wait for ssh', args: { port: 22, timeout: 60 } }, { title: 'Wait for a log line', args: { path: '/var/log/app.log', search_regex: 'ready' } }],
  },
  schema: {
    type: 'object',
    properties: {
      host: { type: 'string', default: '127.0.0.1' },
      port: { type: 'integer', nullable: true },
      path: optionalString,
      state: { type: 'string', enum: ['started', 'stopped', 'present', 'absent', 'drained'], default: 'started' },
      timeout: { type: 'integer', default: 300 },
      delay: { type: 'integer', default: 0 },
      sleep: { type: 'number', default: 1 },
      connect_timeout: { type: 'integer', default: 5 },
      search_regex: optionalString,
      msg: optionalString,
    },
    required: [],
    additionalProperties: false,
  },
  async run(ctx, args) {
    const start = Date.now();
    const pause = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
    if (args.delay) await pause(args.delay);
    const result = (elapsed: number, m?: RegExpExecArray) => ok({
      elapsed, path: args.path ?? null, port: args.port ?? null, search_regex: args.search_regex ?? null, state: args.state,
      match_groups: m ? m.slice(1) : [], match_groupdict: m?.groups ?? {},
    });
    // With neither a port nor a path there is nothing to watch: Ansible just waits out the timeout.
    if (args.port === undefined && args.path === undefined) {
      await pause(args.timeout);
      return result(Math.floor((Date.now() - start) / 1000));
    }
    for (;;) {
      const verdict = satisfied(args, await probeOnce(ctx, args));
      const elapsed = Math.floor((Date.now() - start) / 1000);
      if (verdict) return result(elapsed, verdict instanceof Array ? verdict : undefined);
      if (Date.now() - start >= args.timeout * 1000) return failed(timeoutMessage(args), { elapsed });
      await pause(Math.min(args.sleep, Math.max(0, args.timeout - (Date.now() - start) / 1000)));
    }
  },
});
