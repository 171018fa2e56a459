import { posix } from 'path';
import { changed, defineModule, failed, ok } from '../engine/module/define';
import { shellJoin, shellQuote } from '../engine/module/shell-quote';
import type { ExecResult } from '../engine/connection/connection';
import type { DiffEntry, ModuleContext, ModuleResult } from '../engine/module/types';
import { cloneCommand, fetchCommand, GitArgs, gitEnv, switchScript } from './_lib/git/commands';
import { gitDocs, gitSchema } from './_lib/git/git-schema';
import { GitState, gitProbeScript, parseGitProbe } from './_lib/git/probe';
import { normaliseRepo, Resolved, resolveVersion } from './_lib/git/refs';
import { splitLinesPy } from './_lib/run-command';
import { parseSections, probeSections } from './_lib/service/probe-script';

interface Run {
  ctx: ModuleContext;
  args: GitArgs;
  git: string;
  repo: string;
  env: Record<string, string>;
}

/**
 * The sha `rev` names in dest (HEAD after a change), and the diff Ansible shows from `before` to it. In check
 * mode Ansible fetches to diff against the remote; tsible changes nothing, so the diff needs the objects at hand.
 */
async function readAfter(run: Run, before: string | null, rev = 'HEAD'): Promise<{ after: string; diff?: DiffEntry }> {
  const g = shellQuote(run.git);
  const { header, section } = probeSections();
  const diffCmd = run.ctx.diff && before ? `${section('diff')}; ${g} diff ${shellQuote(before)} ${shellQuote(rev)} 2>&1; echo "rc=$?"` : '';
  const r = await run.ctx.probe.exec(`${header}\n${section('head')}; ${g} rev-parse ${shellQuote(rev)}\n${diffCmd}`, { cwd: run.args.dest, env: run.env });
  const s = parseSections(r.stdout);
  const after = (s.head ?? '').trim();
  return { after, diff: run.ctx.diff ? prepared(before, after, s.diff) : undefined };
}

function prepared(before: string | null, after: string, diffText?: string): DiffEntry | undefined {
  if (before === null) return { prepared: `>> Newly checked out ${after}` };
  if (before === after) return undefined;
  const m = /(?:^|\n)rc=(\d+)$/.exec(diffText ?? '');
  const out = m ? diffText!.slice(0, m.index) : '';
  if (m?.[1] === '0') return { prepared: out ? `${out}\n` : `>> No visual differences between ${before} and ${after}` };
  return { prepared: `>> Failed to get proper diff between ${before} and ${after}:\n>> ${out}` };
}

/** How a failed step is reported, as each of Ansible's git calls reports it. */
type OnFailure = (r: ExecResult, command: string) => ModuleResult;

/** The command's output keys, as a failed run_command shows them. */
function outputOf(r: ExecResult, command: string) {
  return { cmd: command, rc: r.rc, stdout: r.stdout, stderr: r.stderr, stdout_lines: splitLinesPy(r.stdout), stderr_lines: splitLinesPy(r.stderr) };
}

/** A command that must succeed: its stderr is the message. */
const mustSucceed: OnFailure = (r, command) => failed(r.stderr.trimEnd(), outputOf(r, command));

/** Runs one mutating git step; undefined when it succeeded. */
async function step(run: Run, command: string, onFailure: OnFailure, cwd?: string): Promise<ModuleResult | undefined> {
  const r = await run.ctx.apply.exec(command, { cwd, env: run.env });
  return r.rc === 0 ? undefined : onFailure(r, command);
}

async function checkout(run: Run, resolved: Resolved, headBranch?: string): Promise<ModuleResult | undefined> {
  if (run.args.bare) return undefined;
  const what = run.args.version === 'HEAD' ? `branch ${headBranch ?? 'HEAD'}` : run.args.version;
  const script = switchScript(run.git, run.args, resolved);
  // The script's last command is the one that failed; Ansible names the checkout command it ran.
  const onFailure: OnFailure = (r) => failed(`Failed to checkout ${what}`, outputOf(r, `${run.git} checkout --force ${run.args.version === 'HEAD' ? headBranch ?? 'HEAD' : run.args.version}`));
  return step(run, script, onFailure, run.args.dest);
}

async function cloneRepo(run: Run, st: GitState): Promise<ModuleResult> {
  const { args, ctx } = run;
  const resolved = resolveVersion(st.refs, args.version, undefined);
  if (ctx.check || !args.clone) {
    if (resolved.kind === 'unknown') return failed(`Could not determine remote revision for ${args.version}`);
    return changed({ before: null, after: resolved.sha, ...(ctx.diff && { diff: { prepared: `>> Newly checked out ${resolved.sha}` } }) });
  }
  const parent = posix.dirname(args.dest!);
  const clone = shellJoin(cloneCommand(run.git, args, run.repo, resolved));
  const failure =
    (await step(run, `mkdir -p ${shellQuote(parent)} && ${clone}`, (r) => mustSucceed(r, clone))) ??
    (args.bare && args.remote !== 'origin' ? await step(run, shellJoin([run.git, 'remote', 'add', args.remote, run.repo]), mustSucceed, args.dest) : undefined) ??
    (args.refspec ? await step(run, shellJoin([run.git, 'fetch', ...(args.depth ? ['--depth', String(args.depth)] : []), args.remote, args.refspec]), mustSucceed, args.dest) : undefined) ??
    (await checkout(run, resolved));
  if (failure) return failure;
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
    const diff = ctx.diff && before !== resolved.sha ? (await readAfter(run, before, resolved.sha)).diff : undefined;
    return { changed: before !== resolved.sha || remoteUrlChanged, before, after: resolved.sha, remote_url_changed: remoteUrlChanged, ...(diff && { diff }) };
  }
  const g = run.git;
  const fetch = fetchCommand(g, args, resolved, st.headBranch);
  const failure =
    (st.localMods ? await step(run, shellJoin([g, 'reset', '--hard', 'HEAD']), mustSucceed, args.dest) : undefined) ??
    (remoteUrlChanged ? await step(run, shellJoin([g, 'remote', 'set-url', args.remote, run.repo]), (r) => failed(`Failed to set a new url ${run.repo} for ${args.remote}: ${r.stdout} ${r.stderr}`), args.dest) : undefined) ??
    (await step(run, shellJoin(fetch), (r) => failed(`Failed to download remote objects and refs: ${r.stdout} ${r.stderr}`, { cmd: fetch }), args.dest)) ??
    (await checkout(run, resolved, st.headBranch));
  if (failure) return failure;
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
    const probe = await ctx.probe.exec(gitProbeScript({ git: run.git, dest: args.dest, repo: run.repo, remote: args.remote, bare: args.bare, update: args.update }), { env: run.env });
    const st = parseGitProbe(probe.stdout, 'git');
    if (st.missingBinary) return failed(st.missingBinary);
    run.git = st.path || run.git;
    if (st.exists && !args.update) return ok({ before: st.head, after: st.head });
    if (st.lsRemoteError) {
      const r = { rc: st.lsRemoteError.rc, stdout: '', stderr: st.lsRemoteError.output };
      return mustSucceed(r, `${run.git} ls-remote ${run.repo}`);
    }
    return st.exists ? updateRepo(run, st) : cloneRepo(run, st);
  },
});
