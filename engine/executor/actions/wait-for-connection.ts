import { TaskResult } from '../../output/events';
import { ExecutorAction } from './types';

const DEFAULTS = { connect_timeout: 5, delay: 0, sleep: 1, timeout: 600 };
type Option = keyof typeof DEFAULTS;

const pause = (seconds: number) => new Promise((resolve) => setTimeout(resolve, seconds * 1000));

/** Python's int() of an option, as the action reads them; the error, in Ansible's words, when it is no integer. */
function intOption(args: Record<string, unknown>, name: Option): number | string {
  const given = args[name] ?? DEFAULTS[name];
  const n = typeof given === 'number' ? Math.trunc(given) : /^\s*[-+]?\d+\s*$/.test(String(given)) ? Number(given) : NaN;
  return Number.isNaN(n) ? `Unexpected failure during module execution: invalid literal for int() with base 10: '${String(given)}'` : n;
}

/**
 * wait_for_connection: after `delay`, logs in to the host afresh (every connection to it closed first)
 * and runs a command there, every `sleep` seconds until that works or `timeout` seconds have passed.
 * Each login may take `connect_timeout` seconds. Check mode skips it, as in Ansible.
 */
export const waitForConnection: ExecutorAction = async ({ host, args, env, settings }) => {
  const unknown = Object.keys(args).filter((k) => !(k in DEFAULTS));
  if (unknown.length) return { failed: true, changed: false, msg: `Invalid options for wait_for_connection: ${unknown.join(',')}` };
  const opts = {} as Record<Option, number>;
  for (const name of Object.keys(DEFAULTS) as Option[]) {
    const value = intOption(args, name);
    if (typeof value === 'string') return { failed: true, changed: false, msg: value };
    opts[name] = value;
  }
  if (settings.check) return { skipped: true };
  const start = Date.now();
  if (opts.delay > 0) await pause(opts.delay);
  const deadline = Date.now() + opts.timeout * 1000;
  let error = 'no attempt was made';
  while (Date.now() < deadline) {
    try {
      await env.connections.reset(host);
      const conn = await withLimit(env.connections.get(settings.connection, settings.noLog), opts.connect_timeout);
      const r = await conn.exec('true', { become: settings.become });
      if (r.rc === 0) return elapsed({ changed: false }, start);
      error = `ping test failed: ${r.stderr.trim() || `rc ${r.rc}`}`;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    await pause(opts.sleep);
  }
  return elapsed({ failed: true, changed: false, msg: `timed out waiting for ping module test: ${error}` }, start);
};

function elapsed(result: TaskResult, start: number): TaskResult {
  return { ...result, elapsed: Math.floor((Date.now() - start) / 1000) };
}

async function withLimit<T>(work: Promise<T>, seconds: number): Promise<T> {
  if (!(seconds > 0)) return work;
  let timer: NodeJS.Timeout | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`timed out after ${seconds} seconds connecting`)), seconds * 1000);
  });
  try {
    return await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}
