import { changed, failed } from '../../../engine/module/define';
import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../../engine/module/types';
import { cleanup, installPackages, removePackages, runOrSimulate, upgradeAll } from './apt-actions';
import type { AptArgs } from './apt-args';
import { cacheDue, updateCache } from './apt-cache-update';
import { installDebs } from './apt-deb';
import { expandGlobs, HostProbe, probePackages } from './apt-host';
import { splitSpec } from './plan';

const names = (specs: string[]) => specs.map((s) => splitSpec(s).name);

/** `clean: true`: apt-get clean, reported as a change like Ansible does. */
async function clean(ctx: ModuleContext, args: AptArgs): Promise<ModuleResult> {
  const r = await runOrSimulate(ctx, args, 'apt-get clean', 'true');
  if (r.rc !== 0) return failed(`apt-get clean failed: ${r.stderr}`, { stdout: r.stdout, rc: r.rc });
  return changed({ msg: r.stdout, stdout: r.stdout, stderr: r.stderr });
}

interface Prepared {
  specs: string[];
  host: HostProbe;
  aptOptions: string[];
  cacheKeys: { cache_updated: boolean; cache_update_time: number };
}

/** Reads the host once, updates the lists when due, expands name globs; re-reads only if one of those happened. */
async function prepare(ctx: ModuleContext, args: AptArgs, specs: string[]): Promise<Prepared | { failure: ModuleResult }> {
  const plain = specs.filter((s) => !/[*?[\]!]/.test(splitSpec(s).name));
  // apt-cache must pick candidates from the release apt-get -t will install from.
  const release = args.default_release ? [`-o ${shellQuote(`APT::Default-Release=${args.default_release}`)}`] : [];
  const first = await probePackages(ctx, names(plain), release);
  let host: HostProbe | undefined = first;
  let aptOptions = release;
  const due = cacheDue(args, first.cacheMtime, first.now);
  // In check mode fresh lists only serve predictions; with nothing to predict, fetching them is waste.
  const predicts = (args.name?.length ?? 0) > 0 || args.upgrade !== 'no' || args.deb !== undefined || args.autoremove || args.autoclean;
  if (due && (!ctx.check || predicts)) {
    const update = await updateCache(ctx, args);
    if (update.error) return { failure: failed(update.error) };
    aptOptions = [...release, ...update.aptOptions];
    host = undefined;
  }
  const expanded = await expandGlobs(ctx, specs, aptOptions);
  if ('msg' in expanded) return { failure: failed(expanded.msg) };
  if (!host || plain.length !== expanded.specs.length) host = await probePackages(ctx, names(expanded.specs), aptOptions);
  // Check mode says the cache was updated whenever it was due, as Ansible does.
  const updated = due && (ctx.check || host.cacheTime !== first.cacheTime);
  const cacheKeys = { cache_updated: updated, cache_update_time: host.cacheTime };
  return { specs: expanded.specs, host, aptOptions, cacheKeys };
}

/** The apt module, and `package` on Debian: the stages in Ansible's order. */
export async function runApt(ctx: ModuleContext, args: AptArgs): Promise<ModuleResult> {
  const nothingNamed = !args.name?.length && args.upgrade === 'no' && !args.deb;
  if (args.clean) {
    const cleaned = await clean(ctx, args);
    if (nothingNamed || cleaned.failed) return cleaned;
  }
  const all = (args.name ?? []).includes('*');
  const specs = (args.name ?? []).filter((n) => n !== '*').map((n) => n.trim());
  const bad = specs.find((s) => (s.match(/=/g) ?? []).length > 1);
  if (bad) return failed(`invalid package spec: ${bad}`);
  const prep = await prepare(ctx, args, specs);
  if ('failure' in prep) return prep.failure;
  if (nothingNamed && (args.update_cache || args.cache_valid_time)) {
    return { changed: prep.cacheKeys.cache_updated, ...prep.cacheKeys };
  }
  if (args.upgrade !== 'no') return upgradeAll(ctx, args);
  if (args.deb) return installDebs(ctx, args, prep.aptOptions);
  if (all && args.state === 'latest') {
    if (prep.specs.length > 0) return failed('unable to install additional packages when upgrading all installed packages');
    return upgradeAll(ctx, { ...args, upgrade: 'yes' });
  }
  if (prep.specs.length === 0 && (args.autoclean || args.autoremove)) {
    return cleanup(ctx, args, args.autoclean ? 'autoclean' : 'autoremove');
  }
  if (args.state === 'absent') return removePackages(ctx, args, prep.specs, prep.host);
  return installPackages(ctx, args, prep);
}
