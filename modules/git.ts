import { changed, defineModule, failed, ok } from '../engine/module/define';
import { shellJoin, shellQuote } from '../engine/module/shell-quote';
import type { DiffEntry, ModuleContext, ModuleResult } from '../engine/module/types';
import { cloneCommand, fetchCommand, GitArgs, gitEnv, switchScript } from './_lib/git/commands';
import { gitDocs, gitSchema } from './_lib/git/git-schema';
import { GitState, gitProbeScript, parseGitProbe } from './_lib/git/probe';
import { normaliseRepo, resolveVersion } from './_lib/git/refs';
import { parseSections, section } from './_lib/service/probe-script';

interface Run {
  ctx: ModuleContext;
  args: GitArgs;
  git: string;
  repo: string;
  env: Record<string, string>;
}

/** HEAD's sha after the change, and the diff Ansible shows for it. */
async function readAfter(run: Run, before: string | null): Promise<{ after: string; diff?: DiffEntry }> {
  const g = shellQuote(run.git);
  const diffCmd = run.ctx.diff && before ? `${section('diff')}; ${g} diff ${shellQuote(before)} HEAD 2>&1; echo "rc=$?"` : '';
  const r = await run.ctx.probe.exec(`${section('head')}; ${g} rev-parse HEAD\n${diffCmd}`, { cwd: run.args.dest, env: run.env });
  const s = parseSections(r.stdout);
  const after = (s.head ?? '').trim();
  return { after, diff: run.ctx.diff ? prepared(before, after, s.diff) : undefined };
}

function prepared(before: string | null, after: string, diffText?: string): DiffEntry | undefined {
  if (before === null) return { prepared: `>> Newly checked out ${after}` } as DiffEntry;
  if (before === after) return undefined;
  const m = /(?:^|\n)rc=(\d+)$/.exec(diffText ?? '');
  const out = m ? diffText!.slice(0, m.index) : '';
  if (m?.[1] === '0') return { prepared: out ? `${out}\n` : `>> No visual differences between ${before} and ${after}` } as DiffEntry;
  return { prepared: `>> Failed to get proper diff between ${before} and ${after}:\n>> ${out}` } as DiffEntry;
}

/** Runs one mutating git step; a failure becomes Ansible's message for it. */
async function step(run: Run, command: string, msg: string, cwd?: string): Promise<ModuleResult | undefined> {
  const r = await run.ctx.apply.exec(command, { cwd, env: run.env });
  if (r.rc === 0) return undefined;
  return failed(msg.replace('%out', r.stdout).replace('%err', r.stderr).trim(), { rc: r.rc, stdout: r.stdout, stderr: r.stderr, cmd: command });
}

async function checkout(run: Run, resolved: ReturnType<typeof resolveVersion>, headBranch?: string): Promise<ModuleResult | undefined> {
  if (run.args.bare) return undefined;
  const what = run.args.version === 'HEAD' ? `branch ${headBranch ?? 'HEAD'}` : run.args.version;
  return step(run, switchScript(run.git, run.args, resolved), `Failed to checkout ${what}`, run.args.dest);
}

async function cloneRepo(run: Run, st: GitState): Promise<ModuleResult> {
  const { args, ctx } = run;
  const resolved = resolveVersion(st.refs, args.version, undefined);
  if (ctx.check || !args.clone) {
    if (resolved.kind === 'unknown') return failed(`Could not determine remote revision for ${args.version}`);
    return changed({ before: null, after: resolved.sha, ...(ctx.diff && { diff: { prepared: `>> Newly checked out ${resolved.sha}` } }) });
  }
  const parent = args.dest!.replace(/\/+[^/]*\/*$/, '') || '/';
  const clone = shellJoin(cloneCommand(run.git, args, run.repo, resolved));
  const failure =
    (await step(run, `mkdir -p ${shellQuote(parent)} && ${clone}`, '%err', undefined)) ??
    (args.bare && args.remote !== 'origin' ? await step(run, shellJoin([run.git, 'remote', 'add', args.remote, run.repo]), '%err', args.dest) : undefined) ??
    (args.refspec ? await step(run, shellJoin([run.git, 'fetch', ...(args.depth ? ['--depth', String(args.depth)] : []), args.remote, args.refspec]), '%err', args.dest) : undefined) ??
    (await checkout(run, resolved));
  if (failure) return { ...failure, changed: true };
  const { after, diff } = await readAfter(run, null);
  return changed({ before: null, after, ...(diff && { diff }) });
}

async function updateRepo(run: Run, st: GitState): Promise<ModuleResult> {
  const { args, ctx } = run;
  const before = st.head;
  if (st.localMods && !args.force) return failed(`Local modifications exist in the destination: ${args.dest} (force=no).`, { before });
  const resolved = resolveVersion(st.refs, args.version, st.headBranch);
  const remoteUrlChanged = st.remoteUrl !== '' && st.remoteUrl !== run.repo && normaliseRepo(st.remoteUrl) !== run.repo;
  if (ctx.check) {
    if (resolved.kind === 'unknown') return failed(`Could not determine remote revision for ${args.version}`);
    return { changed: before !== resolved.sha || remoteUrlChanged, before, after: resolved.sha, remote_url_changed: remoteUrlChanged };
  }
  const g = run.git;
  const failure =
    (st.localMods ? await step(run, shellJoin([g, 'reset', '--hard', 'HEAD']), '%err', args.dest) : undefined) ??
    (remoteUrlChanged ? await step(run, shellJoin([g, 'remote', 'set-url', args.remote, run.repo]), `Failed to set a new url ${run.repo} for ${args.remote}: %out %err`, args.dest) : undefined) ??
    (await step(run, shellJoin(fetchCommand(g, args, resolved, st.headBranch)), 'Failed to download remote objects and refs: %out %err', args.dest)) ??
    (await checkout(run, resolved, st.headBranch));
  if (failure) return { ...failure, before, changed: st.localMods };
  const { after, diff } = await readAfter(run, before);
  const result = { before, after, remote_url_changed: remoteUrlChanged, ...(st.localMods && { msg: `Local modifications exist in the destination: ${args.dest}` }) };
  if (before === after && !st.localMods && !remoteUrlChanged) return ok(result);
  return changed({ ...result, ...(diff && { diff }) });
}

export default defineModule<GitArgs>({
  name: 'git',
  aliases: ['ansible.builtin.git', 'ansible.legacy.git'],
  supports: { checkMode: 'full', diff: true },
  docs: gitDocs,
  argAliases: { repo: ['name'] },
  mutuallyExclusive: [['accept_hostkey', 'accept_newhostkey']],
  schema: gitSchema,
  async run(ctx, args) {
    if (!args.dest && args.clone) return failed('the destination directory must be specified unless clone=no');
    const run: Run = { ctx, args, git: args.executable ?? 'git', repo: normaliseRepo(args.repo), env: gitEnv(args) };
    const probe = await ctx.probe.exec(gitProbeScript({ git: run.git, dest: args.dest, repo: run.repo, remote: args.remote, bare: args.bare }), { env: run.env });
    const st = parseGitProbe(probe.stdout, 'git');
    if (st.missingBinary) return failed(st.missingBinary);
    if (st.exists && !args.update) return ok({ before: st.head, after: st.head });
    if (st.lsRemoteError !== undefined) return failed(st.lsRemoteError, { before: st.exists ? st.head : null });
    return st.exists ? updateRepo(run, st) : cloneRepo(run, st);
  },
});
