import { changed, failed, ok } from '../../../engine/module/define';
import { shellQuote } from '../../../engine/module/shell-quote';
import type { ModuleContext, ModuleResult } from '../../../engine/module/types';
import { splitLinesPy } from '../run-command';
import { runOrSimulate } from './apt-actions';
import type { AptArgs } from './apt-args';
import { APT_ENV, installCommand } from './apt-exec';
import { preparedDiff } from './apt-output';
import { compareDebVersions } from './debian-version';

const FETCH = `python3 -c 'import sys, urllib.request; urllib.request.urlretrieve(sys.argv[1], sys.argv[2])'`;

/** URLs are downloaded into the task's temporary directory (in check mode too: reading is not changing). */
async function localPaths(ctx: ModuleContext, debs: string[]): Promise<string[] | { msg: string }> {
  const paths: string[] = [];
  for (const deb of debs) {
    if (!deb.includes('://')) {
      paths.push(deb);
      continue;
    }
    const dest = `${await ctx.tmpDir()}/${paths.length}-${deb.split('/').pop() || 'package.deb'}`;
    const r = await ctx.probe.exec(`${FETCH} ${shellQuote(deb)} ${shellQuote(dest)}`);
    if (r.rc !== 0) return { msg: `Failure downloading ${deb}, ${r.stderr.trim()}` };
    paths.push(dest);
  }
  return paths;
}

/** Each file's package name and version, and the version installed of it: one round trip for all. */
async function debsToInstall(ctx: ModuleContext, paths: string[]): Promise<string[] | { msg: string }> {
  const script = paths
    .map((p) => `n=$(dpkg-deb -f ${shellQuote(p)} Package) && v=$(dpkg-deb -f ${shellQuote(p)} Version) || exit 1; printf '%s\\t%s\\n' "$v" "$(dpkg-query -W -f='\${Status}\\t\${Version}' "$n" 2>/dev/null)"`)
    .join('\n');
  const r = await ctx.probe.exec(script, { env: APT_ENV });
  if (r.rc !== 0) return { msg: `dpkg-deb --field failed: ${r.stderr.trim()}` };
  const lines = splitLinesPy(r.stdout);
  return paths.filter((_, i) => {
    const [version, status = '', installed = ''] = (lines[i] ?? '').split('\t');
    return !(status.endsWith(' installed') && compareDebVersions(version, installed) === 0);
  });
}

/** deb: install .deb files (dependencies resolved by apt-get) unless that exact version is installed. */
export async function installDebs(ctx: ModuleContext, args: AptArgs, aptOptions: string[]): Promise<ModuleResult> {
  if (args.state !== 'present') return failed('deb only supports state=present');
  const paths = await localPaths(ctx, (args.deb ?? '').split(','));
  if (!Array.isArray(paths)) return failed(paths.msg);
  const needed = await debsToInstall(ctx, paths);
  if (!Array.isArray(needed)) return failed(needed.msg);
  if (needed.length === 0) return ok({ stdout: '', stderr: '' });
  // apt-get reads a word with a slash as a file; a bare relative name would be looked up as a package.
  const files = needed.map((p) => (p.includes('/') ? p : `./${p}`));
  const real = installCommand(args, files);
  const r = await runOrSimulate(ctx, args, real, installCommand(args, files, { simulate: true, aptOptions }));
  if (r.rc !== 0) return failed(`${real} failed`, { stdout: r.stdout, stderr: r.stderr });
  return changed({ stdout: r.stdout, stderr: r.stderr, ...(ctx.diff ? { diff: preparedDiff(r.stdout) } : {}) });
}
