import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext } from '../../../engine/module/types';
import { fnmatchRegExp } from '../../../engine/fnmatch';
import { splitLinesPy } from '../run-command';
import { APT_ENV } from './apt-exec';
import { HostPackages, parseProbe, SECTION } from './package-state';
import { splitSpec } from './plan';

export interface HostProbe extends HostPackages {
  /** The host's clock, seconds since the epoch, to judge cache_valid_time by. */
  now: number;
  /** The lists' exact modification time (cacheTime is whole seconds, as Ansible reports it). */
  cacheMtime: number;
}

/**
 * One round trip for everything apt needs to plan: dpkg's state of every named package, apt's
 * versions of them, which are marked automatic, and when the lists were last updated.
 * `aptOptions` points apt-cache at temporary lists (check mode with update_cache).
 */
export async function probePackages(ctx: ModuleContext, names: string[], aptOptions: string[] = []): Promise<HostProbe> {
  const words = names.map(shellQuote).join(' ');
  const script = [
    `echo ${shellQuote(SECTION.dpkg)}`,
    names.length ? `dpkg-query -W -f='\${Package}\\t\${Status}\\t\${Version}\\n' ${words} 2>/dev/null` : ':',
    `echo ${shellQuote(SECTION.policy)}`,
    names.length ? `apt-cache ${aptOptions.join(' ')} policy ${words} 2>/dev/null` : ':',
    `echo ${shellQuote(SECTION.auto)}`,
    names.length ? `apt-mark showauto ${words} 2>/dev/null` : ':',
    `echo ${shellQuote(SECTION.stamp)}`,
    // Fractions matter: "update_cache" right after the lists changed must still find them older than now.
    "stat -c %.9Y /var/lib/apt/periodic/update-success-stamp 2>/dev/null || stat -c %.9Y /var/lib/apt/lists 2>/dev/null || echo 0",
    'date +%s.%N',
  ].join('\n');
  const r = await ctx.probe.exec(script, { env: APT_ENV });
  const host = parseProbe(r.stdout);
  const stampLines = r.stdout.slice(r.stdout.lastIndexOf(SECTION.stamp)).split('\n');
  return { ...host, cacheMtime: Number(stampLines[1]) || 0, now: Number(stampLines[2]) || Date.now() / 1000 };
}

const GLOB = /[*?[\]!]/;

/**
 * Specs with a glob in the name (`python3-*`) replaced by every package name apt knows that matches;
 * a pattern without `:` matches only native (non-multiarch) names, as Ansible's does.
 */
export async function expandGlobs(ctx: ModuleContext, specs: string[], aptOptions: string[] = []): Promise<{ specs: string[] } | { msg: string }> {
  if (!specs.some((s) => GLOB.test(splitSpec(s).name))) return { specs };
  const r = await ctx.probe.exec(`apt-cache ${aptOptions.join(' ')} pkgnames`, { env: APT_ENV });
  const known = splitLinesPy(r.stdout).sort();
  const out: string[] = [];
  for (const spec of specs) {
    const { name } = splitSpec(spec);
    if (!GLOB.test(name)) {
      out.push(spec);
      continue;
    }
    const re = fnmatchRegExp(name);
    const found = known.filter((n) => re.test(n) && (name.includes(':') || !n.includes(':')));
    if (found.length === 0) return { msg: `No package(s) matching '${name}' available` };
    out.push(...found);
  }
  return { specs: out };
}
