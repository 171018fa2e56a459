import { spawn } from 'child_process';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  input?: string;
  env?: NodeJS.ProcessEnv;
  /** Called with each complete line the command prints (stdout and stderr), for progress output. */
  onLine?: (line: string) => void;
}

/** Runs a command to completion; never throws for a non-zero exit (see `run` for that). */
export function tryRun(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const stdin = opts.input === undefined ? 'ignore' : 'pipe';
    const child = spawn(cmd, args, { env: opts.env ?? process.env, stdio: [stdin, 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let partial = '';
    const collect = (isErr: boolean) => (chunk: Buffer) => {
      const text = chunk.toString();
      if (isErr) stderr += text;
      else stdout += text;
      if (!opts.onLine) return;
      const lines = (partial + text).split('\n');
      partial = lines.pop() ?? '';
      lines.forEach(opts.onLine);
    };
    child.stdout?.on('data', collect(false));
    child.stderr?.on('data', collect(true));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code: code ?? 1, stdout, stderr }));
    // A command that exits without reading its input must not crash us with EPIPE; its exit code tells.
    child.stdin?.on('error', () => undefined);
    child.stdin?.end(opts.input);
  });
}

/** Runs a command and fails with its stderr when it exits non-zero. */
export async function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<string> {
  const result = await tryRun(cmd, args, opts);
  if (result.code !== 0) {
    const output = (result.stderr || result.stdout).trim().split('\n').slice(-15).join('\n');
    throw new Error(`${cmd} ${args.join(' ')} exited ${result.code}:\n${output}`);
  }
  return result.stdout;
}

/**
 * Runs `fn` over `items` with at most `limit` in flight; spawning 50 hosts at once only thrashes 2 cores.
 * After a failure no new item starts, but the promise settles only when the running ones have, so the
 * caller knows everything that did start.
 */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (next < items.length && !failure) {
      const index = next++;
      try {
        results[index] = await fn(items[index]);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure) throw failure.error;
  return results;
}

/** Installs the Debian packages whose commands are missing, so a fresh CI runner needs no setup step. */
export async function ensurePackages(needs: Record<string, string>, log: (line: string) => void): Promise<void> {
  const missing: string[] = [];
  for (const [command, pkg] of Object.entries(needs)) {
    const found = await tryRun('sh', ['-c', `command -v ${command} || test -x /usr/sbin/${command}`]);
    if (found.code !== 0) missing.push(pkg);
  }
  if (missing.length === 0) return;
  log(`installing ${missing.join(' ')} with apt-get`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  await run('apt-get', ['update', '-q'], { env });
  await run('apt-get', ['install', '-y', '-q', '--no-install-recommends', ...missing], { env });
}
