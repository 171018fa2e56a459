import type { ModuleContext } from '../../../engine/module/types';
import type { AptArgs } from './apt-args';
import { APT_ENV, applyWithLock } from './apt-exec';

export interface CacheUpdate {
  /** Options that make apt read the lists just fetched (check mode only; empty otherwise). */
  aptOptions: string[];
  error?: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** `apt-get update`, retried with exponential backoff as Ansible's update_cache_retries describe. */
async function updateForReal(ctx: ModuleContext, args: AptArgs): Promise<CacheUpdate> {
  let stderr = '';
  const jitter = Math.random();
  for (let attempt = 0; attempt < Math.max(1, args.update_cache_retries); attempt++) {
    const r = await applyWithLock(ctx, args, 'apt-get update -q');
    if (r.rc === 0) return { aptOptions: [] };
    stderr = r.stderr.trim();
    if (attempt + 1 < args.update_cache_retries) await sleep(Math.min(2 ** attempt + jitter, args.update_cache_retry_max_delay + jitter) * 1000);
  }
  return { aptOptions: [], error: `Failed to update apt cache: ${stderr || 'unknown reason'}` };
}

/**
 * Check mode cannot update the host's lists, yet a fresh host's lists may not know the packages at all.
 * So the lists are fetched into the task's temporary directory (the current ones copied first, so
 * unchanged indexes are not downloaded again) and apt is pointed there to predict installs.
 */
async function updateIntoTemp(ctx: ModuleContext): Promise<CacheUpdate> {
  const dir = `${await ctx.tmpDir()}/lists`;
  const aptOptions = [`-o Dir::State::Lists=${dir}`, '-o Dir::Cache::pkgcache=', '-o Dir::Cache::srcpkgcache='];
  const script = `mkdir -p ${dir}/partial && { cp -p /var/lib/apt/lists/*_* ${dir}/ 2>/dev/null; true; } && apt-get -q ${aptOptions.join(' ')} update`;
  const r = await ctx.probe.exec(script, { env: APT_ENV });
  if (r.rc !== 0) {
    ctx.log('warning', `could not fetch package lists into a temporary directory; predicting from the current lists: ${r.stderr.trim()}`);
    return { aptOptions: [] };
  }
  return { aptOptions };
}

/** Updates the package lists (into a temporary directory in check mode). */
export function updateCache(ctx: ModuleContext, args: AptArgs): Promise<CacheUpdate> {
  return ctx.check ? updateIntoTemp(ctx) : updateForReal(ctx, args);
}

/** update_cache / cache_valid_time: whether the lists are due for an update. */
export function cacheDue(args: AptArgs, cacheTime: number, now: number): boolean {
  if (!args.update_cache && !args.cache_valid_time) return false;
  return cacheTime + args.cache_valid_time < now;
}
