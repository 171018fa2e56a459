import { shellJoin, shellQuote } from '../../../engine/module/shell-quote';
import type { Resolved } from './refs';

/** The git module's arguments that shape the commands it runs. */
export interface GitArgs {
  repo: string;
  dest?: string;
  version: string;
  remote: string;
  force: boolean;
  depth?: number;
  clone: boolean;
  update: boolean;
  bare: boolean;
  single_branch: boolean;
  refspec?: string;
  reference?: string;
  accept_hostkey: boolean;
  accept_newhostkey: boolean;
  key_file?: string;
  ssh_opts?: string;
  executable?: string;
}

/** The environment every git call runs with: C locale (its output is parsed) and ssh options as Ansible builds them. */
export function gitEnv(a: GitArgs): Record<string, string> {
  let opts = a.ssh_opts ?? '';
  const strict = (value: string) => {
    if (!opts.includes('-o StrictHostKeyChecking=no') && !opts.includes('-o StrictHostKeyChecking=accept-new')) opts += ` -o StrictHostKeyChecking=${value}`;
  };
  if (a.accept_hostkey) strict('no');
  if (a.accept_newhostkey) strict('accept-new');
  if (!opts.includes('BatchMode=yes')) opts += ' -o BatchMode=yes';
  if (a.key_file) {
    if (!opts.includes(`-i ${a.key_file}`)) opts += `  -i ${a.key_file}`;
    if (!opts.includes('IdentitiesOnly=yes')) opts += ' -o IdentitiesOnly=yes';
  }
  return { LANG: 'C', LC_ALL: 'C', LC_MESSAGES: 'C', LC_CTYPE: 'C', GIT_SSH_COMMAND: `ssh ${opts.trim()}` };
}

/** `git clone` into dest, with depth and single-branch narrowed to the version when it is a branch or tag. */
export function cloneCommand(git: string, a: GitArgs, repo: string, resolved: Resolved): string[] {
  const byName = resolved.kind === 'branch' || resolved.kind === 'tag';
  const argv = [git, 'clone', ...(a.bare ? ['--bare'] : ['--origin', a.remote])];
  if (a.depth) {
    if (a.version === 'HEAD' || a.refspec) argv.push('--depth', String(a.depth));
    else if (byName) argv.push('--depth', String(a.depth), '--branch', a.version);
  }
  if (a.reference) argv.push('--reference', a.reference);
  if (a.single_branch) argv.push('--single-branch', ...(byName ? ['--branch', a.version] : []));
  return [...argv, repo, a.dest!];
}

/** `git fetch` of what the version needs: with depth only its ref, else everything and all tags. */
export function fetchCommand(git: string, a: GitArgs, resolved: Resolved, headBranch: string | undefined): string[] {
  const refspecs: string[] = [];
  if (a.depth) {
    if (a.refspec) refspecs.push(a.refspec);
    else if (a.version === 'HEAD' && headBranch) refspecs.push(headBranch);
    else if (resolved.kind === 'branch') {
      if (headBranch !== a.version) refspecs.push(`+refs/heads/${a.version}:refs/heads/${a.version}`);
      refspecs.push(`+refs/heads/${a.version}:refs/remotes/${a.remote}/${a.version}`);
    } else if (resolved.kind === 'tag') refspecs.push(`+refs/tags/${a.version}:refs/tags/${a.version}`);
  }
  const argv = [git, 'fetch'];
  if (a.depth && refspecs.length > 0) argv.push('--depth', String(a.depth));
  else {
    if (a.bare) refspecs.push('+refs/heads/*:refs/heads/*', '+refs/tags/*:refs/tags/*');
    else argv.push('--tags');
    if (a.refspec) refspecs.push(a.refspec);
  }
  if (a.force) argv.push('--force');
  return [...argv, a.remote, ...refspecs];
}

/**
 * A script that checks the version out as Ansible does: a branch is tracked and hard-reset to the remote's tip,
 * HEAD means the current branch reset to its remote tip, a tag or sha is checked out detached.
 */
export function switchScript(git: string, a: GitArgs, resolved: Resolved): string {
  const g = shellQuote(git);
  const r = shellQuote(a.remote);
  if (a.version === 'HEAD') {
    const branch = `b=$(${g} symbolic-ref -q --short HEAD || ${g} symbolic-ref -q --short refs/remotes/${r}/HEAD | sed 's|^[^/]*/||')`;
    return `${branch} && ${g} checkout --force "$b" && ${g} reset --hard ${r}/"$b" --`;
  }
  const v = shellQuote(a.version);
  if (resolved.kind !== 'branch') return `${g} checkout --force ${v}`;
  const narrow = a.depth
    ? `${shellJoin([git, 'fetch', `--depth=${a.depth}`, a.remote, `+refs/heads/${a.version}:refs/heads/${a.version}`, `+refs/heads/${a.version}:refs/remotes/${a.remote}/${a.version}`])} && `
    : '';
  return `if ${g} show-ref --verify -q refs/heads/${v}; then ${g} checkout --force ${v} && ${g} reset --hard ${r}/${v}; ` +
    `else ${narrow}${g} checkout --track -b ${v} ${r}/${v}; fi`;
}
